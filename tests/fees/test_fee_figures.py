from datetime import date

from freezegun import freeze_time

from .collection_common import FeeCollectionCase


@freeze_time("2026-07-10 04:00:00")
class TestFeeFigures(FeeCollectionCase):
    """收缴率, 清欠率 and prepaid per estate and month, on the dashboard with their targets."""

    def setUp(self):
        super().setUp()
        self.unit_a2.owner_id = self.owner_b
        self.may = self.bill("2026-05-01", 100.0)
        self.may2 = self.bill("2026-05-01", 100.0, unit=self.unit_a2)
        self.jun = self.bill("2026-06-01", 100.0)
        self.jul = self.bill("2026-07-01", 100.0)

    def sums(self, month):
        rows = self.env["property.fee.collection.monthly"].search(
            [("estate_id", "=", self.estate_a.id), ("month", "=", month)]
        )
        return {
            f: sum(rows.mapped(f))
            for f in ("billed", "collected", "arrears_open", "recovered", "prepaid")
        }

    def test_rates_and_prepaid(self):
        self.collect(450.0)  # unit_a: May, June, July paid in July, 150 ahead
        self.collect(40.0, unit=self.unit_a2, partner=self.owner_b)
        may = self.sums(date(2026, 5, 1))
        self.assertEqual((may["billed"], may["collected"]), (200.0, 140.0))
        jul = self.sums(date(2026, 7, 1))
        self.assertEqual(jul["billed"], 100.0)
        self.assertEqual(jul["collected"], 100.0)
        # At July's start, May's 200 and June's 100 were owed; 240 of it came in July.
        self.assertEqual(jul["arrears_open"], 300.0)
        self.assertEqual(jul["recovered"], 240.0)
        self.assertEqual(jul["prepaid"], 150.0)

    def test_a_payment_taken_back_leaves_the_figures(self):
        payment = self.collect(100.0)  # May's bill
        partial = self.may.line_ids.matched_credit_ids
        self.assertEqual(partial.property_fee_estate_id, self.estate_a)
        self.assertEqual(partial.property_fee_bill_month, date(2026, 5, 1))
        self.assertFalse(partial.property_fee_waived)
        self.assertEqual(self.sums(date(2026, 5, 1))["collected"], 100.0)
        payment.move_id.line_ids.remove_move_reconcile()
        self.assertEqual(self.sums(date(2026, 5, 1))["collected"], 0.0)
        self.assertEqual(self.sums(date(2026, 7, 1))["prepaid"], 100.0)

    def test_dashboard_cards_with_the_target(self):
        self.collect(190.0)
        self.company.property_kpi_collection_target = 95.0
        manager = self._user("psd_fee_pm", "group_property_project_manager")
        self.estate_a.member_ids = [(4, manager.id)]
        data = (
            self.env["property.kpi.monthly"]
            .with_user(manager)
            .get_dashboard(estate_ids=self.estate_a.ids, month="2026-05-01")
        )
        cards = {k["key"]: k for k in data["kpis"]}
        rate = cards["collection_rate"]
        self.assertEqual(rate["value"], 50.0)  # unit_a's May paid, unit_a2's not
        self.assertEqual(rate["target"], 95.0)
        self.assertFalse(rate["on_target"])
        self.assertIn("arrears_recovery", cards)
        self.assertIn("prepaid", cards)
        action = (
            self.env["property.kpi.monthly"]
            .with_user(manager)
            .action_open_kpi_records(
                "collection_rate", "denominator", month="2026-05-01", estate_ids=self.estate_a.ids
            )
        )
        self.assertEqual(
            set(self.env["account.move"].search(action["domain"]).ids), {self.may.id, self.may2.id}
        )
