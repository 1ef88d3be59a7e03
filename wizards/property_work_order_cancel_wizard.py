from odoo import fields, models


class PropertyWorkOrderCancelWizard(models.TransientModel):
    _name = "property.work.order.cancel.wizard"
    _description = "Cancel a Work Order"

    order_id = fields.Many2one("property.work.order", required=True)
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.order_id.action_cancel(self.reason)
        return {"type": "ir.actions.act_window_close"}
