from odoo import fields, models


class PropertyMoveInCancelWizard(models.TransientModel):
    _name = "property.move.in.cancel.wizard"
    _description = "Cancel a Move-in File"

    move_in_id = fields.Many2one("property.move.in", string="Move-in File", required=True)
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.move_in_id.action_cancel(self.reason)
        return {"type": "ir.actions.act_window_close"}
