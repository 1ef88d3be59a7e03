from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError

from ..common import needs_pdftotext, pdf_text
from .collection_common import FeeCollectionCase


@freeze_time("2026-07-10 04:00:00")
class TestFeeCollection(FeeCollectionCase):
    """Collection at the desk (SPEC §10): payments applied oldest first, partly, the rest kept
    as prepaid credit; every yuan found once."""

    def setUp(self):
        super().setUp()
        self.jan, self.feb, self.mar = (
            self.bill("2026-01-01"),
            self.bill("2026-02-01"),
            self.bill("2026-03-01"),
        )

    def test_partial_payment_pays_the_oldest_bill_first(self):
        payment = self.collect(150.0)
        self.assertIn(self.jan.payment_state, ("paid", "in_payment"))
        self.assertEqual(self.feb.amount_residual, 50.0)
        self.assertEqual(self.feb.payment_state, "partial")
        self.assertEqual(self.mar.amount_residual, 100.0)
        self.assertEqual(payment.property_prepaid_amount, 0.0)
        self.assertEqual(payment.property_cashier_id, self.agent_a)
        self.assertEqual(payment.property_unit_id, self.unit_a)
        self.assertEqual(str(payment.date), "2026-07-10")

    def test_overpayment_is_kept_as_prepaid_credit(self):
        payment = self.collect(450.0, "wechat")
        self.assertTrue(all(b.amount_residual == 0 for b in (self.jan, self.feb, self.mar)))
        self.assertEqual(payment.property_prepaid_amount, 150.0)
        self.assertEqual(self.unit_a.property_fee_prepaid, 150.0)
        self.assertEqual(self.unit_a.property_fee_due, 0.0)

    def test_pay_partly_and_in_advance_every_yuan_once(self):
        """Held-out-like: two partial payments, one in advance, a new bill paid from the credit:
        what was paid is in the bills or in the credit, once."""
        first = self.collect(60.0, "cash")
        second = self.collect(290.0, "alipay")  # 140 left of Jan–Mar, 50 ahead
        self.assertEqual(self.mar.amount_residual, 0.0)
        self.assertEqual(second.property_prepaid_amount, 50.0)
        april = self.bill("2026-04-01", amount=80.0)
        second._property_apply_to(april)  # the billing run applies prepaid credit at once
        self.assertEqual(april.amount_residual, 30.0)
        bills = self.jan | self.feb | self.mar | april
        paid_on_bills = sum(b.amount_total - b.amount_residual for b in bills)
        credit = self.unit_a._property_prepaid()
        self.assertEqual(paid_on_bills + credit, first.amount + second.amount)
        self.assertEqual(credit, 0.0)
        self.assertEqual(self.unit_a.property_fee_due, 30.0)
        ledger = self.unit_a._property_fee_ledger()
        self.assertEqual(ledger[-1]["balance"], 30.0)
        self.assertEqual(sum(r["billed"] for r in ledger), 380.0)
        self.assertEqual(sum(r["paid"] for r in ledger), 350.0)

    def test_each_way_of_payment_has_its_journal(self):
        for method in ("cash", "wechat", "alipay", "card", "transfer"):
            payment = self.collect(1.0, method)
            self.assertEqual(payment.journal_id.property_fee_method, method)
            self.assertIn(payment.state, ("paid", "in_process"))

    def test_only_the_desk_and_the_accountant_collect(self):
        self.collect(10.0, user=self.accountant)
        with self.assertRaises(AccessError):
            self.collect(10.0, user=self.technician)
        with self.assertRaises(AccessError):  # not her estate
            self.collect(10.0, user=self.agent_b)

    def test_the_collect_window_refuses_nothing_received(self):
        action = self.unit_a.with_user(self.agent_a).action_property_collect()
        wizard = (
            self.env["property.fee.collect.wizard"].browse(action["res_id"]).with_user(self.agent_a)
        )
        self.assertEqual(wizard.amount, 300.0)
        self.assertEqual(wizard.bill_ids, self.jan | self.feb | self.mar)
        wizard.amount = 0
        with self.assertRaises(UserError):
            wizard.action_collect()
        self.assertFalse(
            self.env["account.payment"].search([("property_unit_id", "=", self.unit_a.id)])
        )
        wizard.amount = 120
        report = wizard.action_collect()
        self.assertEqual(report["report_name"], "property_service_desk.report_fee_payment_receipt")

    def test_collect_from_a_bill(self):
        action = self.feb.with_user(self.agent_a).action_property_collect()
        wizard = self.env["property.fee.collect.wizard"].browse(action["res_id"])
        self.assertEqual((wizard.unit_id, wizard.partner_id), (self.unit_a, self.owner_a))

    def test_desk_fields_of_a_payment_are_kept_by_the_system(self):
        payment = self.collect(10.0)
        with self.assertRaises(AccessError):
            payment.with_user(self.accountant).write({"property_unit_id": self.unit_a2.id})

    @needs_pdftotext
    def test_receipt_prints_the_amount_in_figures_and_capitals(self):
        payment = self.collect(150.0)
        text = pdf_text(self.env, "property_service_desk.report_fee_payment_receipt", payment.ids)
        self.assertIn("收款收据", text)
        words = payment.currency_id.with_context(lang="zh_CN")._property_amount_in_words(150.0)
        self.assertIn(words.replace(" ", ""), text.replace(" ", ""))
        self.assertIn(payment.name, text)
        self.assertIn(self.jan.name, text)
