from odoo import models

from .account_move_arrears import AGE_BUCKETS, age_bucket, months_between


class PropertyEstate(models.Model):
    """An estate's arrears (欠费), aged by month on its own clock (SPEC §10)."""

    _inherit = "property.estate"

    def _property_fee_age_buckets(self):
        labels = dict(self.env["property.fee.reminder"]._age_bucket_labels())
        return [(key, labels[key]) for key, _label in AGE_BUCKETS]

    def _property_fee_arrears(self, today=None):
        """The estate's overdue unpaid bills (and late fees), oldest first, with their age."""
        self.ensure_one()
        today = today or self._local_date()
        Move = self.env["account.move"].sudo()
        bills = Move.search(
            [
                ("move_type", "=", "out_invoice"),
                ("state", "=", "posted"),
                ("payment_state", "in", ("not_paid", "partial")),
                ("property_estate_id", "=", self.id),
                ("invoice_date_due", "<", today),
            ],
            order="invoice_date_due, id",
        )
        labels = dict(self._property_fee_age_buckets())
        rows = []
        for bill in bills:
            bucket = age_bucket(months_between(bill.invoice_date_due, today))
            rows.append(
                {
                    "bill": bill,
                    "due": bill.invoice_date_due,
                    "bucket": bucket,
                    "bucket_label": labels[bucket],
                }
            )
        return rows
