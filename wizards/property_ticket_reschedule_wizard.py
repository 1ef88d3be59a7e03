from odoo import fields, models

from ..tools.groups import DESK


class PropertyTicketRescheduleWizard(models.TransientModel):
    _name = "property.ticket.reschedule.wizard"
    _description = "Agree a Time with the Customer"

    ticket_id = fields.Many2one("helpdesk.ticket", string="Request", required=True)
    agreed_at = fields.Datetime(string="Agreed Time", required=True)
    reason = fields.Text(
        required=True, help="Why this time: kept in the request's appointment history."
    )

    def action_confirm(self):
        self.ticket_id._check_caller(DESK)
        self.ticket_id._reschedule(self.agreed_at, self.reason)
        return {"type": "ir.actions.act_window_close"}
