from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError

from ..common import needs_pdftotext, pdf_text
from .collection_common import FeeCollectionCase


# 17:00 UTC on the 10th is the 11th in Beijing: the cashier's day is the estate's.
@freeze_time("2026-07-10 17:00:00")
class TestFeeDailyClose(FeeCollectionCase):
    """The cashier's daily close (收款日报表): per cashier and estate day, totals per way of
    payment against the journals; closed, the day's payments are frozen."""

    def setUp(self):
        super().setUp()
        self.bill("2026-06-01", amount=500.0)
        self.cash = self.collect(120.0, "cash")
        self.wechat = self.collect(80.0, "wechat")
        self.other = self.collect(30.0, "cash", user=self.accountant)
        self.close = (
            self.env["property.fee.daily.close"]
            .with_user(self.agent_a)
            .create({"estate_id": self.estate_a.id})
        )

    def test_the_day_is_the_estate_day_and_sums_per_way(self):
        self.assertEqual(str(self.close.date), "2026-07-11")
        self.assertEqual(str(self.cash.date), "2026-07-11")
        rows = {row["method"]: row for row in self.close._summary()}
        self.assertEqual(len(rows), 5)
        cash = next(r for r in self.close._summary() if r["count"] and r["amount"] == 120.0)
        self.assertEqual(cash["journal"], 120.0)

    def test_closing_freezes_the_cashiers_payments(self):
        self.close.action_close()
        self.assertEqual(self.close.state, "closed")
        self.assertEqual(self.close.payment_ids, self.cash | self.wechat)
        self.assertEqual((self.close.amount_total, self.close.journal_total), (200.0, 200.0))
        with self.assertRaises(UserError):
            self.collect(10.0)
        self.collect(10.0, user=self.accountant)  # another cashier's day is open
        with self.assertRaises(AccessError):
            self.cash.action_draft()
        with self.assertRaises(AccessError):
            self.cash.write({"amount": 1.0})
        with self.assertRaises(UserError):
            self.close.action_close()
        with self.assertRaises(AccessError):
            self.close.write({"date": "2026-07-12"})

    def test_the_cashier_is_the_system_s(self):
        with self.assertRaises(AccessError):
            self.env["property.fee.daily.close"].with_user(self.agent_a).create(
                {
                    "estate_id": self.estate_a.id,
                    "cashier_id": self.accountant.id,
                    "date": "2026-07-09",
                }
            )
        with self.assertRaises(AccessError):
            self.close.write({"state": "closed"})

    def test_a_technician_cannot_close(self):
        with self.assertRaises(AccessError):
            self.close.with_user(self.technician).action_close()

    @needs_pdftotext
    def test_daily_report_prints(self):
        self.close.action_close()
        text = pdf_text(self.env, "property_service_desk.report_fee_daily_close", self.close.ids)
        self.assertIn("收款日报表", text)
        self.assertIn(self.cash.name, text)
