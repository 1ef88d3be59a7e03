from odoo import fields, models

CORRECTABLE_TIME_LABELS = [
    ("received_at", "Received"),
    ("response_started_at", "Response Started"),
    ("on_site_at", "On Site"),
]


class PropertyTicketTimeCorrection(models.Model):
    """A corrected event time of a request: which, from what, to what, why and by whom.
    Kept for the record (written by the system when a manager corrects a time)."""

    _name = "property.ticket.time.correction"
    _description = "Request Time Correction"
    _inherit = ["property.append.only.mixin"]
    _order = "create_date desc, id desc"

    ticket_id = fields.Many2one(
        "helpdesk.ticket", string="Request", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="ticket_id.company_id", store=True)
    estate_id = fields.Many2one(related="ticket_id.estate_id", store=True)
    field_name = fields.Selection(
        CORRECTABLE_TIME_LABELS, string="Time", required=True, readonly=True
    )
    old_time = fields.Datetime(string="Was", readonly=True)
    new_time = fields.Datetime(string="Corrected To", required=True, readonly=True)
    reason = fields.Text(required=True, readonly=True)
    user_id = fields.Many2one(
        "res.users", string="Corrected By", default=lambda self: self.env.user, readonly=True
    )
