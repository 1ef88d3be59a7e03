from odoo import fields, models

from ..tools.request_selections import SEVERITIES


class PropertyComplaintSeverityWizard(models.TransientModel):
    _name = "property.complaint.severity.wizard"
    _description = "Change Complaint Severity"

    ticket_id = fields.Many2one("helpdesk.ticket", string="Complaint", required=True)
    current_severity = fields.Selection(related="ticket_id.complaint_severity")
    severity = fields.Selection(SEVERITIES, string="New Severity", required=True)
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ticket_id.action_change_severity(self.severity, self.reason)
        return {"type": "ir.actions.act_window_close"}
