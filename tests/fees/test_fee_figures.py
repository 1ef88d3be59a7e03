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

    def test_drill_downs_open_the_records_each_figure_sums(self):
        """Each fee figure of the dashboard opens the very bills or payments it sums, on real
        bills and desk payments: the prepaid figure its prepaid payments, not the month's all."""
        ahead = self.collect(450.0)  # May, June, July of unit_a, 150 ahead
        on_bills = self.collect(40.0, unit=self.unit_a2, partner=self.owner_b)  # May2, in part
        august = self.bill("2026-08-01", 100.0)
        august._property_apply_prepayments()  # 100 of the 150 ahead pay August's bill
        manager = self._user("psd_fee_pm_drill", "group_property_project_manager")
        self.estate_a.member_ids = [(4, manager.id)]
        KPI = self.env["property.kpi.monthly"].with_user(manager)

        def opened(key, part, month):
            action = KPI.action_open_kpi_records(key, part, month, self.estate_a.ids)
            return self.env[action["res_model"]].with_user(manager).search(action["domain"])

        def card(month):
            data = KPI.get_dashboard(estate_ids=self.estate_a.ids, month=month)
            return {kpi["key"]: kpi for kpi in data["kpis"]}

        def paid(bills):
            return sum(bill.amount_total - bill.amount_residual for bill in bills)

        july, may = card("2026-07-01"), card("2026-05-01")
        # 收缴率: the month's bills (billed), those paid (collected).
        billed = opened("collection_rate", "denominator", "2026-07-01")
        self.assertEqual(billed, self.jul)
        self.assertEqual(july["collection_rate"]["denominator_value"], 100.0)
        self.assertEqual(sum(billed.mapped("amount_total")), 100.0)
        self.assertEqual(opened("collection_rate", "numerator", "2026-07-01"), self.jul)
        collected = opened("collection_rate", "numerator", "2026-05-01")
        self.assertEqual(collected, self.may | self.may2)
        self.assertEqual(may["collection_rate"]["numerator_value"], paid(collected))
        self.assertEqual(paid(collected), 140.0)
        # 清欠率: the earlier bills owing on 1 July (May's two, June's), and those paid in July.
        owing = opened("arrears_recovery", "denominator", "2026-07-01")
        self.assertEqual(owing, self.may | self.may2 | self.jun)
        self.assertEqual(july["arrears_recovery"]["denominator_value"], 300.0)
        self.assertEqual(sum(owing.mapped("amount_total")), 300.0)  # nothing paid before July
        recovered = opened("arrears_recovery", "numerator", "2026-07-01")
        self.assertEqual(recovered, self.may | self.may2 | self.jun)
        self.assertEqual(july["arrears_recovery"]["numerator_value"], paid(recovered))
        # Prepaid: July's payment ahead of the bills (100 now on August's bill, 50 unapplied);
        # the July payment applied to May's bill is not prepaid.
        prepaid = opened("prepaid", "numerator", "2026-07-01")
        self.assertEqual(prepaid, ahead)
        self.assertNotIn(on_bills, prepaid)
        on_august = paid(august)
        self.assertEqual((on_august, ahead.property_prepaid_amount), (100.0, 50.0))
        self.assertEqual(july["prepaid"]["numerator_value"], on_august + 50.0)
        self.assertEqual(self.sums(date(2026, 7, 1))["prepaid"], 150.0)
        # August's own figures: its bill collected in full, nothing prepaid in August.
        self.assertEqual(opened("collection_rate", "numerator", "2026-08-01"), august)
        self.assertFalse(opened("prepaid", "numerator", "2026-08-01"))
