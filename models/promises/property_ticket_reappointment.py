from odoo import fields, models


class PropertyTicketReappointment(models.Model):
    """A time agreed with the customer, and why it changed (二次预约). Kept for the record."""

    _name = "property.ticket.reappointment"
    _description = "Customer Appointment"
    _inherit = ["property.append.only.mixin"]
    _order = "create_date desc, id desc"

    ticket_id = fields.Many2one(
        "helpdesk.ticket", string="Request", required=True, index=True, ondelete="cascade"
    )
    previous_deadline = fields.Datetime(readonly=True)
    agreed_at = fields.Datetime(string="Agreed Time", required=True, readonly=True)
    reason = fields.Text(required=True, readonly=True)
    user_id = fields.Many2one(
        "res.users", string="Recorded By", default=lambda self: self.env.user, readonly=True
    )
