from odoo import fields, models

from ...tools.groups import ACCOUNTANT, DESK
from ..mechanisms.property_system_fields_mixin import check_caller


class PropertyUnit(models.Model):
    """A unit's fees at the desk (SPEC §10): collect, prepaid credit, arrears and ledger."""

    _inherit = "property.unit"

    def _property_fee_payer(self):
        """Who pays the unit's bills by default: the payer of its charge items (a tenant where
        agreed), else its owner; the desk may pick another in the Collect window."""
        self.ensure_one()
        return self.sudo().fee_unit_item_ids.payer_id[:1] or self.owner_id

    def action_property_collect(self):
        self.ensure_one()
        return self.env["property.fee.collect.wizard"]._open_for(self)

    def _property_fee_bills(self, partner=None, unpaid=False):
        Move = self.env["account.move"].sudo()
        domain = (
            Move._property_unpaid_bills_domain()
            if unpaid
            else [
                ("move_type", "=", "out_invoice"),
                ("state", "=", "posted"),
                ("property_is_fee_bill", "=", True),
            ]
        )
        domain += [("property_unit_id", "in", self.ids)]
        if partner:
            domain.append(("partner_id", "=", partner.id))
        return Move.search(domain, order="property_fee_period, invoice_date, id")

    def _property_fee_payments(self, partner=None):
        """Desk payments for the unit, and whatever else paid its bills (online payments)."""
        Payment = self.env["account.payment"].sudo()
        domain = [("property_unit_id", "in", self.ids), ("state", "not in", ("draft", "canceled"))]
        if partner:
            domain.append(("partner_id", "=", partner.id))
        desk = Payment.search(domain)
        online = self._property_fee_bills(partner)._get_reconciled_payments()
        return (desk | online).sorted(lambda p: (p.date, p.id))

    def _property_prepaid(self, partner=None):
        """The unit's prepaid credit (预存): its desk payments not applied to a bill yet."""
        payments = (
            self.env["account.payment"]
            .sudo()
            .search(
                [
                    ("property_unit_id", "in", self.ids),
                    ("state", "not in", ("draft", "canceled")),
                ]
                + ([("partner_id", "=", partner.id)] if partner else [])
            )
        )
        return sum(payments.mapped("property_prepaid_amount"))

    def _property_collect(self, partner, amount, method, memo=None, day=None):
        """Record a payment received at the desk and apply it to the payer's unpaid bills of
        the unit, oldest first; the rest stays prepaid. The caller was checked; the accounting
        is the system's."""
        self.ensure_one()
        check_caller(self, DESK, ACCOUNTANT, access="read")
        # One collection of a unit at a time: a second cashier's waits, then finds the bills
        # as the first left them (never applied twice).
        self.env.cr.execute(
            "SELECT id FROM property_unit WHERE id = %s FOR NO KEY UPDATE", [self.id]
        )
        estate, cashier = self.estate_id, self.env.user
        day = day or estate._local_date()  # another day only for the demo's history
        self.env["property.fee.daily.close"]._check_day_open(estate, cashier, day)
        company = self.company_id or self.env.company
        journal = self.env["account.journal"]._property_fee_journal(company, method)
        payment = (
            self.env["account.payment"]
            .sudo()
            .with_company(company)
            .create(
                {
                    "payment_type": "inbound",
                    "partner_type": "customer",
                    "partner_id": partner.id,
                    "amount": amount,
                    "journal_id": journal.id,
                    "date": day,
                    "memo": memo or self.env._("Fees of %s", self.display_name),
                    "property_unit_id": self.id,
                    "property_estate_id": estate.id,
                    "property_cashier_id": cashier.id,
                }
            )
        )
        payment.action_post()
        payment._property_apply_to(self._property_fee_bills(partner, unpaid=True))
        return payment

    def _property_fee_ledger(self):
        """收费台账: the unit's bills and payments in date order with the running balance."""
        self.ensure_one()
        rows = [
            {
                "date": bill.invoice_date,
                "ref": bill.name,
                "label": bill.property_fee_period and bill.property_fee_period.strftime("%Y-%m"),
                "partner": bill.partner_id.name,
                "billed": bill.amount_total,
                "paid": 0.0,
                "sort": (bill.invoice_date, 0, bill.id),
            }
            for bill in self._property_fee_bills()
        ]
        rows += [
            {
                "date": payment.date,
                "ref": payment.name,
                "label": payment.journal_id.name,
                "partner": payment.partner_id.name,
                "billed": 0.0,
                "paid": payment.amount,
                "sort": (payment.date, 1, payment.id),
            }
            for payment in self._property_fee_payments()
        ]
        rows.sort(key=lambda row: row["sort"])
        balance = 0.0
        for row in rows:
            balance += row["billed"] - row["paid"]
            row["balance"] = balance
        return rows

    def action_property_print_ledger(self):
        check_caller(self, DESK, ACCOUNTANT, access="read")
        return self.env.ref("property_service_desk.property_unit_report_fee_ledger").report_action(
            self
        )

    property_fee_due = fields.Monetary(
        string="Fees Unpaid",
        compute="_compute_property_fee_balance",
        currency_field="property_fee_currency_id",
        groups="base.group_user",
    )
    property_fee_prepaid = fields.Monetary(
        string="Prepaid Credit",
        compute="_compute_property_fee_balance",
        currency_field="property_fee_currency_id",
        groups="base.group_user",
    )
    property_fee_currency_id = fields.Many2one(
        "res.currency", compute="_compute_property_fee_balance"
    )
    property_fee_bill_ids = fields.Many2many(
        "account.move",
        string="Fee Bills",
        compute="_compute_property_fee_bill_ids",
        groups="property_service_desk.group_property_agent,"
        "property_service_desk.group_property_accountant",
    )

    def _compute_property_fee_bill_ids(self):
        for unit in self:
            # Shown as the caller may read them (the desk: its estates' fee bills).
            unit.property_fee_bill_ids = self.env["account.move"].search(
                [
                    ("property_unit_id", "=", unit.id),
                    ("move_type", "=", "out_invoice"),
                    ("state", "=", "posted"),
                ],
                order="invoice_date desc, id desc",
            )

    def _compute_property_fee_balance(self):
        for unit in self:
            unit.property_fee_currency_id = (unit.company_id or self.env.company).currency_id
            unit.property_fee_due = sum(
                unit._property_fee_bills(unpaid=True).mapped("amount_residual")
            )
            unit.property_fee_prepaid = unit._property_prepaid()
