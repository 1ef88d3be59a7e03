from odoo import fields, models


class PropertyRequestDeclineWizard(models.TransientModel):
    _name = "property.request.decline.wizard"
    _description = "Decline Requests"

    ticket_ids = fields.Many2many("helpdesk.ticket", string="Requests", required=True)
    reason = fields.Text(
        required=True,
        help="Sent to the customer: why the request is outside the service scope.",
    )

    def action_confirm(self):
        self.ticket_ids.action_decline(self.reason)
        return {"type": "ir.actions.act_window_close"}
