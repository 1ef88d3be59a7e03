from odoo import api, fields, models

from .property_meter import month_start


class AccountPartialReconcile(models.Model):
    """A payment or a waiver applied to a fee bill, with what the fee figures need of the bill
    kept on the row (its estate and billed month, and whether the credit is a waiver): the
    figures of SPEC §10 then sum this table alone, never joining each of a million partial
    reconciliations to its two lines and moves."""

    _inherit = "account.partial.reconcile"

    property_fee_estate_id = fields.Many2one(
        "property.estate",
        string="Fee Bill Estate",
        compute="_compute_property_fee_bill",
        store=True,
        index="btree_not_null",
    )
    property_fee_bill_month = fields.Date(
        string="Fee Bill Month", compute="_compute_property_fee_bill", store=True
    )
    property_fee_waived = fields.Boolean(
        string="Fee Waiver", compute="_compute_property_fee_bill", store=True
    )
    # The month of the payment's own date: a prepayment applied to a later bill stays prepaid
    # in the month it was paid.
    property_fee_credit_month = fields.Date(
        string="Fee Payment Month", compute="_compute_property_fee_bill", store=True
    )

    # A partial reconciliation links two posted lines and is deleted, never changed, when they
    # are unreconciled (a bill is reset to draft only after that): its lines are all it depends
    # on. The bill's estate, period and type are set before it is posted.
    @api.depends("debit_move_id", "credit_move_id")
    def _compute_property_fee_bill(self):
        for partial in self:
            bill = partial.debit_move_id.move_id
            is_fee_bill = (
                bill.property_is_fee_bill
                and bill.move_type == "out_invoice"
                and bool(bill.property_estate_id)
            )
            partial.property_fee_estate_id = bill.property_estate_id if is_fee_bill else False
            partial.property_fee_bill_month = (
                month_start(bill.property_fee_period)
                if is_fee_bill and bill.property_fee_period
                else False
            )
            partial.property_fee_waived = (
                is_fee_bill and partial.credit_move_id.move_id.move_type == "out_refund"
            )
            partial.property_fee_credit_month = (
                month_start(partial.credit_move_id.date) if is_fee_bill else False
            )
