from odoo import api, fields, models
from odoo.exceptions import UserError

from ...models.mechanisms.property_input_guard import AMOUNT
from ...models.mechanisms.property_system_fields_mixin import check_caller
from ...models.repairs.account_journal_fee_collection import DESK_FEE_METHODS
from ...tools.groups import ACCOUNTANT, DESK


class PropertyFeeCollectWizard(models.TransientModel):
    """Collect at the desk (SPEC §10): a payment in cash, WeChat Pay, Alipay, bank card or
    transfer for a unit and its payer, applied to the unit's bills oldest first; what is left
    over stays the unit's prepaid credit (预存). Prints the receipt (收款收据)."""

    _name = "property.fee.collect.wizard"
    _description = "Collect Property Fees"

    unit_id = fields.Many2one("property.unit", required=True)
    estate_id = fields.Many2one(related="unit_id.estate_id")
    partner_id = fields.Many2one("res.partner", string="Payer", required=True)
    currency_id = fields.Many2one(
        "res.currency", default=lambda self: self.env.company.currency_id, readonly=True
    )
    method = fields.Selection(DESK_FEE_METHODS, string="Paid By", required=True, default="cash")
    amount = fields.Monetary(required=True, bounds=AMOUNT)
    memo = fields.Char()
    due_amount = fields.Monetary(string="Unpaid Bills", compute="_compute_due")
    prepaid_amount = fields.Monetary(string="Prepaid Credit", compute="_compute_due")
    bill_ids = fields.Many2many("account.move", string="Bills", compute="_compute_due")

    @api.model
    def _open_for(self, unit, partner=None):
        check_caller(unit, DESK, ACCOUNTANT, access="read")
        partner = partner or unit._property_fee_payer()
        wizard = self.new({"unit_id": unit.id, "partner_id": partner.id})
        wizard = self.create(
            {"unit_id": unit.id, "partner_id": partner.id, "amount": wizard.due_amount}
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Collect"),
            "res_model": self._name,
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
        }

    @api.depends("unit_id", "partner_id")
    def _compute_due(self):
        for wizard in self:
            bills = wizard._bills()
            wizard.bill_ids = bills
            wizard.due_amount = sum(bills.mapped("amount_residual"))
            wizard.prepaid_amount = wizard.unit_id.sudo()._property_prepaid(wizard.partner_id)

    def _bills(self):
        """The payer's unpaid bills of the unit, oldest first."""
        if not self.unit_id or not self.partner_id:
            return self.env["account.move"]
        domain = self.env["account.move"]._property_unpaid_bills_domain() + [
            ("property_unit_id", "=", self.unit_id.id),
            ("partner_id", "=", self.partner_id.id),
        ]
        return (
            self.env["account.move"]
            .sudo()
            .search(domain, order="property_fee_period, invoice_date, id")
        )

    def action_collect(self):
        self.ensure_one()
        check_caller(self.unit_id, DESK, ACCOUNTANT, access="read")
        if self.currency_id.compare_amounts(self.amount, 0) <= 0:
            raise UserError(self.env._("Enter the amount received, above zero."))
        payment = self.unit_id._property_collect(
            self.partner_id, self.amount, self.method, self.memo
        )
        return self.env.ref(
            "property_service_desk.account_payment_report_fee_receipt"
        ).report_action(payment)
