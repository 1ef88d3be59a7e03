from odoo import fields, models

# Written by the billing run and the waivers only.
MOVE_SYSTEM_FIELDS = (
    "property_estate_id",
    "property_unit_id",
    "property_fee_period",
    "property_fee_run_id",
    "property_is_fee_bill",
)
LINE_SYSTEM_FIELDS = ("property_fee_item_id", "property_fee_unit_id", "property_fee_charge_period")


class AccountMove(models.Model):
    _inherit = "account.move"
    _system_fields = MOVE_SYSTEM_FIELDS

    property_estate_id = fields.Many2one(
        "property.estate", string="Estate", readonly=True, copy=False, index="btree_not_null"
    )
    property_unit_id = fields.Many2one(
        "property.unit", string="Unit", readonly=True, copy=False, index="btree_not_null"
    )
    property_fee_period = fields.Date(
        string="Billed Period",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The first day of the period the fee bill is for, on the estate's calendar.",
    )
    property_fee_run_id = fields.Many2one(
        "property.fee.run", string="Billing Run", readonly=True, copy=False, index="btree_not_null"
    )
    property_is_fee_bill = fields.Boolean(
        string="Fee Bill", readonly=True, copy=False, help="A bill of property fees (三费)."
    )

    def _property_apply_prepayments(self):
        """Apply each payer's money on account (预存: payments and fee credit notes not yet
        matched) to these posted bills, oldest first. Other credits (a repair's surplus to refund)
        are not fee prepayments and stay as they are."""
        receivables = self.line_ids.filtered(
            lambda line: line.account_type == "asset_receivable" and not line.reconciled
        )
        if not receivables:
            return
        credits = self.env["account.move.line"].search(
            [
                ("partner_id", "in", receivables.partner_id.ids),
                ("account_id", "in", receivables.account_id.ids),
                ("company_id", "in", receivables.company_id.ids),
                ("parent_state", "=", "posted"),
                ("reconciled", "=", False),
                ("amount_residual", "<", 0),
                "|",
                "|",
                ("move_id.origin_payment_id", "!=", False),
                ("move_id.statement_line_id", "!=", False),
                ("move_id.property_fee_period", "!=", False),
            ],
            order="date, id",
        )
        for line in receivables:
            available = credits.filtered(
                lambda credit, line=line: (
                    credit.partner_id == line.partner_id
                    and credit.account_id == line.account_id
                    and not credit.reconciled
                )
            )
            if available:
                (line + available).reconcile()


class AccountMoveLine(models.Model):
    _name = "account.move.line"
    _inherit = ["account.move.line", "property.system.fields.mixin"]
    _system_fields = LINE_SYSTEM_FIELDS

    def write(self, vals):
        # Accounting writes only the lines whose values change, so the guard must look first.
        if not self._is_system_write():
            self._check_system_fields_on_write(vals)
        return super().write(vals)

    property_fee_item_id = fields.Many2one(
        "property.fee.item", string="Charge Item", readonly=True, index="btree_not_null"
    )
    # Set on the charge lines of a bill only (not on credit notes): the key that bills each
    # unit, item and period once, held by a unique index.
    property_fee_unit_id = fields.Many2one("property.unit", string="Charged Unit", readonly=True)
    property_fee_charge_period = fields.Date(string="Charged Period", readonly=True)

    def init(self):
        res = super().init()
        self.env.cr.execute(
            """
            CREATE UNIQUE INDEX IF NOT EXISTS account_move_line_property_fee_charge_uniq
                ON account_move_line (property_fee_unit_id, property_fee_item_id,
                                      property_fee_charge_period)
             WHERE property_fee_charge_period IS NOT NULL
            """
        )
        return res
