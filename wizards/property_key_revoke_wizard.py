from odoo import fields, models


class PropertyKeyRevokeWizard(models.TransientModel):
    _name = "property.key.revoke.wizard"
    _description = "Revoke a Key Authorisation"

    authorisation_id = fields.Many2one(
        "property.key.authorisation", string="Key Authorisation", required=True
    )
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.authorisation_id.action_revoke(self.reason)
        return {"type": "ir.actions.act_window_close"}
