"""Waivers and adjustments (减免, SPEC §10): asked with a reason on a fee bill, approved by the
estate's project manager, booked as a posted credit note against the bill."""

from odoo.exceptions import AccessError, ValidationError

from .common import FeeCase


class TestFeeWaiver(FeeCase):
    def setUp(self):
        super().setUp()
        self._apply(self.unit_a, self.management)  # 223.75
        self._apply(self.unit_a, self.parking)  # 150
        self._run()._cron_bill()
        self.bill = self._bills(self.unit_a)

    def ask(self, amount=50.0, item=None, user=None):
        wizard = (
            self.env["property.fee.waiver.wizard"]
            .with_user(user or self.accountant)
            .create(
                {
                    "move_id": self.bill.id,
                    "item_id": (item or self.parking).id,
                    "amount": amount,
                    "reason": "Parking space closed for repairs for ten days",
                }
            )
        )
        action = wizard.action_confirm()
        return self.env["property.fee.waiver"].browse(action["res_id"])

    def test_approved_waiver_is_a_credit_note_against_the_bill(self):
        waiver = self.ask()
        self.assertEqual(waiver.state, "to_approve")
        self.assertEqual(waiver.approver_id, self.project_manager)
        self.assertEqual(waiver.activity_ids.user_id, self.project_manager)
        waiver.with_user(self.project_manager).action_approve()
        self.assertEqual(waiver.state, "approved")
        self.assertEqual(waiver.decided_by_id, self.project_manager)
        self.assertFalse(waiver.activity_ids)
        credit_note = waiver.credit_note_id
        self.assertEqual(credit_note.move_type, "out_refund")
        self.assertEqual(credit_note.state, "posted")
        self.assertEqual(credit_note.invoice_line_ids.property_fee_item_id, self.parking)
        self.assertAlmostEqual(credit_note.amount_total, 50.0)
        self.assertAlmostEqual(self.bill.amount_residual, 373.75 - 50.0)
        self.assertEqual(credit_note.payment_state, "paid")
        # The fee figures count it as a waiver of the bill's month, not as money collected.
        partial = credit_note.line_ids.matched_debit_ids
        self.assertEqual(partial.property_fee_estate_id, self.bill.property_estate_id)
        self.assertEqual(partial.property_fee_bill_month, self.bill.property_fee_period)
        self.assertTrue(partial.property_fee_waived)
        month = self.env["property.fee.collection.monthly"].search(
            [
                ("estate_id", "=", self.bill.property_estate_id.id),
                ("month", "=", self.bill.property_fee_period),
            ]
        )
        self.assertAlmostEqual(sum(month.mapped("billed")), 373.75 - 50.0)
        self.assertAlmostEqual(sum(month.mapped("collected")), 0.0)

    def test_refused_waiver_books_nothing(self):
        waiver = self.ask()
        waiver.with_user(self.project_manager).action_refuse()
        self.assertEqual(waiver.state, "refused")
        self.assertFalse(waiver.credit_note_id)
        self.assertAlmostEqual(self.bill.amount_residual, 373.75)

    def test_only_the_project_manager_approves(self):
        waiver = self.ask()
        for user in (self.accountant, self.agent_a):
            with self.assertRaises(AccessError):
                waiver.with_user(user).action_approve()
        with self.assertRaises(AccessError):
            waiver.with_user(self.accountant).write({"state": "approved"})
        self.assertEqual(waiver.state, "to_approve")

    def test_at_most_what_is_left_of_the_item(self):
        self.ask(100.0)
        with self.assertRefused(ValidationError, "at most what is left"):
            self.ask(60.0)
        with self.assertRefused(ValidationError, "at most what is left"):
            self.ask(0.0)

    def test_the_desk_does_not_ask(self):
        with self.assertRaises(AccessError):
            self.ask(user=self.agent_a)
