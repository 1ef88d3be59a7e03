from odoo import api, fields, models

from ..models.promises.property_ticket_time_correction import CORRECTABLE_TIME_LABELS


class PropertyTicketTimeCorrectionWizard(models.TransientModel):
    _name = "property.ticket.time.correction.wizard"
    _description = "Correct the Time of an Event"

    ticket_id = fields.Many2one("helpdesk.ticket", string="Request", required=True)
    field_name = fields.Selection(
        CORRECTABLE_TIME_LABELS, string="Time", required=True, default="received_at"
    )
    current_time = fields.Datetime(string="Recorded", compute="_compute_current_time")
    new_time = fields.Datetime(string="Corrected To", required=True)
    reason = fields.Text(
        required=True, help="Why the recorded time is wrong: kept in the request's history."
    )

    @api.depends("ticket_id", "field_name")
    def _compute_current_time(self):
        for wizard in self:
            wizard.current_time = wizard.field_name and wizard.ticket_id[wizard.field_name]

    def action_confirm(self):
        self.ticket_id.action_correct_time(self.field_name, self.new_time, self.reason)
        return {"type": "ir.actions.act_window_close"}
