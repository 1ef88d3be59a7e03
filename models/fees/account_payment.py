from odoo import api, fields, models
from odoo.exceptions import AccessError

from ...tools.groups import ACCOUNTANT, DESK

# Written by the desk's collection only (property.fee.collect.wizard) and the daily close.
SYSTEM_FIELDS = (
    "property_unit_id",
    "property_estate_id",
    "property_cashier_id",
    "property_daily_close_id",
)
# What a closed day's payment keeps as it was counted (reconciliation may still go on).
FROZEN_FIELDS = {
    "amount",
    "date",
    "journal_id",
    "partner_id",
    "payment_method_line_id",
    "currency_id",
    "payment_type",
}


class AccountPayment(models.Model):
    """A property fee collected at the desk (SPEC §10): the unit it was paid for and the cashier
    who took it; once the cashier's day is closed, the payment is frozen."""

    _name = "account.payment"
    _inherit = ["account.payment", "property.system.fields.mixin"]
    _system_fields = SYSTEM_FIELDS

    property_unit_id = fields.Many2one(
        "property.unit", string="Unit", readonly=True, copy=False, index="btree_not_null"
    )
    property_estate_id = fields.Many2one(
        "property.estate", string="Estate", readonly=True, copy=False, index="btree_not_null"
    )
    property_cashier_id = fields.Many2one(
        "res.users", string="Cashier", readonly=True, copy=False, index="btree_not_null"
    )
    property_daily_close_id = fields.Many2one(
        "property.fee.daily.close",
        string="Daily Close",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )
    property_prepaid_amount = fields.Monetary(
        string="Kept as Prepaid",
        compute="_compute_property_prepaid_amount",
        help="What of this payment is not applied to a bill yet: the unit's prepaid credit.",
    )

    @api.depends("move_id.line_ids.amount_residual")
    def _compute_property_prepaid_amount(self):
        for payment in self:
            lines = payment.sudo()._seek_for_lines()[1] if payment.move_id else []
            payment.property_prepaid_amount = -sum(line.amount_residual for line in lines)

    def write(self, vals):
        if set(vals) & FROZEN_FIELDS:
            self._check_property_day_open()
        return super().write(vals)

    def action_draft(self):
        self._check_property_day_open()
        return super().action_draft()

    def action_cancel(self):
        self._check_property_day_open()
        return super().action_cancel()

    def unlink(self):
        self._check_property_day_open()
        return super().unlink()

    def _check_property_day_open(self):
        closed = self.filtered(lambda p: p.sudo().property_daily_close_id.state == "closed")
        if closed:
            raise AccessError(
                self.env._(
                    "Payment %s belongs to a cashier's day that is closed: it can no longer be "
                    "changed. Record a correction on today's desk instead.",
                    ", ".join(closed.mapped("name")),
                )
            )

    def _property_apply_to(self, bills):
        """Reconcile this payment with `bills` in their order (oldest first), partly where it
        does not cover one; what is left over stays open on the payer's account: prepaid."""
        self.ensure_one()
        credit = self._seek_for_lines()[1].filtered(lambda line: not line.reconciled)
        for bill in bills:
            if not credit or credit.reconciled:
                break
            debit = bill.line_ids.filtered(
                lambda line: line.account_id == credit.account_id and not line.reconciled
            )
            if debit:
                (credit + debit).reconcile()

    def action_property_print_receipt(self):
        """收款收据 of a payment collected at the desk."""
        self._check_caller(DESK, ACCOUNTANT, access="read")
        return self.env.ref(
            "property_service_desk.account_payment_report_fee_receipt"
        ).report_action(self)
