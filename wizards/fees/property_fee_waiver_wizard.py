from odoo import api, fields, models


class PropertyFeeWaiverWizard(models.TransientModel):
    _name = "property.fee.waiver.wizard"
    _description = "Ask for a Fee Waiver"

    move_id = fields.Many2one("account.move", string="Bill", required=True, readonly=True)
    item_ids = fields.Many2many("property.fee.item", compute="_compute_item_ids")
    item_id = fields.Many2one(
        "property.fee.item", string="Charge Item", required=True, domain="[('id', 'in', item_ids)]"
    )
    currency_id = fields.Many2one(related="move_id.currency_id")
    amount = fields.Monetary(required=True, bounds=(0, 10**7))
    reason = fields.Text(required=True, help="Why the amount is waived or adjusted.")

    @api.depends("move_id")
    def _compute_item_ids(self):
        for wizard in self:
            wizard.item_ids = wizard.move_id.sudo().invoice_line_ids.property_fee_item_id

    def action_confirm(self):
        self.ensure_one()
        waiver = self.env["property.fee.waiver"]._request(
            self.move_id, self.item_id, self.amount, self.reason
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "property.fee.waiver",
            "res_id": waiver.id,
            "view_mode": "form",
        }
