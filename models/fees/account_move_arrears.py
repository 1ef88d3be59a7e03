from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

# Ageing of arrears by whole months overdue (SPEC §10): 0–1, 1–3, 3–6 and 6+ months.
AGE_BUCKETS = [
    ("0_1", "0–1 Months"),
    ("1_3", "1–3 Months"),
    ("3_6", "3–6 Months"),
    ("6", "6+ Months"),
]
UNPAID_STATES = ("not_paid", "partial")


def months_between(start, end):
    """Whole months from `start` to `end` (0 when end is before start + 1 month)."""
    if not start or end < start:
        return 0
    delta = relativedelta(end, start)
    return delta.years * 12 + delta.months


def age_bucket(months):
    if months < 1:
        return "0_1"
    if months < 3:
        return "1_3"
    if months < 6:
        return "3_6"
    return "6"


class AccountMove(models.Model):
    """A fee bill's arrears: how long it is overdue on its estate's clock, and its reminders."""

    _inherit = "account.move"

    property_fee_reminder_ids = fields.One2many(
        "property.fee.reminder", "move_id", string="Reminders", readonly=True
    )

    @api.model
    def _property_unpaid_bills_domain(self):
        return [
            ("move_type", "=", "out_invoice"),
            ("state", "=", "posted"),
            ("property_is_fee_bill", "=", True),
            ("payment_state", "in", UNPAID_STATES),
        ]

    def _property_due_date(self):
        self.ensure_one()
        return self.invoice_date_due or self.invoice_date or self.property_fee_period

    def _property_months_overdue(self, today=None):
        """Whole months past the due date, on the bill's estate clock."""
        self.ensure_one()
        today = today or self.property_estate_id._local_date()
        return months_between(self._property_due_date(), today)

    def _property_age_bucket(self, today=None):
        return age_bucket(self._property_months_overdue(today))

    def action_property_collect(self):
        """The desk's Collect window for this bill's unit and payer."""
        self.ensure_one()
        return self.env["property.fee.collect.wizard"]._open_for(
            self.property_unit_id, self.partner_id
        )
