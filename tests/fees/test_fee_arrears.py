from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, ValidationError

from ..common import needs_pdftotext, pdf_text
from .collection_common import FeeCollectionCase


class TestFeeArrears(FeeCollectionCase):
    """Arrears (SPEC §10): aged by month on the estate clock, a reminder per bill and step made
    once by the scheduled job and sent, late fees off by default and capped, calls logged."""

    def setUp(self):
        super().setUp()
        # Due 2026-01-16, 2026-05-16 and 2026-06-16.
        self.jan = self.bill("2026-01-01")
        self.may = self.bill("2026-05-01")
        self.jun = self.bill("2026-06-01")
        self.Reminder = self.env["property.fee.reminder"]

    def test_ageing_by_month_on_the_estate_clock(self):
        today = date(2026, 7, 20)
        self.assertEqual(self.jan._property_age_bucket(today), "6")
        self.assertEqual(self.may._property_age_bucket(today), "1_3")
        self.assertEqual(self.jun._property_age_bucket(today), "1_3")
        self.assertEqual(self.jun._property_age_bucket(date(2026, 7, 15)), "0_1")
        self.assertEqual(self.may._property_age_bucket(date(2026, 8, 16)), "3_6")
        # 2026-07-15 16:30 UTC is already the 16th in Beijing: June's bill is a month overdue.
        with freeze_time("2026-07-15 16:30:00"):
            self.assertEqual(self.jun._property_months_overdue(), 1)
        with freeze_time("2026-07-15 15:30:00"):
            self.assertEqual(self.jun._property_months_overdue(), 0)
        rows = self.estate_a._property_fee_arrears(today)
        self.assertEqual([r["bill"] for r in rows], [self.jan, self.may, self.jun])

    def test_reminders_at_each_step_once(self):
        made = self.Reminder._send_for_estate(self.estate_a, date(2026, 7, 20))
        steps = {r.move_id: r.step for r in made}
        self.assertEqual(steps, {self.jan: 6, self.may: 1, self.jun: 1})
        self.assertFalse(self.Reminder._send_for_estate(self.estate_a, date(2026, 7, 21)))
        later = self.Reminder._send_for_estate(self.estate_a, date(2026, 8, 17))
        self.assertEqual({r.move_id: r.step for r in later}, {self.may: 3})
        message = self.may.message_ids.filtered(
            lambda m: "催缴" in (m.body or "") or self.may.name in (m.body or "")
        )
        self.assertTrue(message)
        self.assertIn(self.owner_a, message[0].partner_ids)
        self.assertFalse(self.jan.property_fee_reminder_ids.late_fee_move_id)

    def test_a_paid_bill_gets_no_reminder(self):
        self.collect(100.0)  # pays January
        made = self.Reminder._send_for_estate(self.estate_a, date(2026, 7, 20))
        self.assertNotIn(self.jan, made.move_id)

    def test_sms_to_a_payer_with_a_mobile(self):
        self.owner_a.mobile = "13800000000"
        self.Reminder._send_for_estate(self.estate_a, date(2026, 7, 20))
        sms = self.env["sms.sms"].search([("partner_id", "=", self.owner_a.id)])
        self.assertTrue(sms)

    def test_late_fee_where_enabled_capped_and_never_twice(self):
        self.company.write(
            {
                "property_fee_late_fee": True,
                "property_fee_late_fee_rate": 1.0,
                "property_fee_late_fee_cap": 5.0,
            }
        )
        made = self.Reminder._send_for_estate(self.estate_a, date(2026, 7, 20))
        jan = made.filtered(lambda r: r.move_id == self.jan)
        # 6 months × 1 % of 100 = 6, capped at 5 % of the bill.
        self.assertEqual(jan.late_fee_move_id.amount_total, 5.0)
        self.assertEqual(jan.late_fee_move_id.property_unit_id, self.unit_a)
        may = made.filtered(lambda r: r.move_id == self.may)
        self.assertEqual(may.late_fee_move_id.amount_total, 2.0)  # 2 months overdue × 1 %
        later = self.Reminder._send_for_estate(self.estate_a, date(2026, 8, 17))
        self.assertEqual(later.late_fee_move_id.amount_total, 3.0)  # 3 months × 1 %, 3 left
        self.assertEqual(len(self.jan.property_fee_reminder_ids.late_fee_move_id), 1)

    def test_late_fees_are_off_by_default(self):
        self.assertFalse(self.env["res.company"].new({}).property_fee_late_fee)

    def test_reminder_steps_are_checked(self):
        with self.assertRaises(ValidationError):
            self.company.property_fee_reminder_steps = "1, three"
        self.company.property_fee_reminder_steps = "2, 4"
        self.assertEqual(self.company._fee_steps(), [2, 4])

    def test_reminders_are_kept_by_the_system(self):
        reminder = self.Reminder._send_for_estate(self.estate_a, date(2026, 7, 20))[:1]
        with self.assertRaises(AccessError):
            reminder.with_user(self.agent_a).write({"step": 2})
        with self.assertRaises(AccessError):
            self.Reminder.with_user(self.agent_a).create({"move_id": self.jun.id, "step": 9})

    def test_calls_and_visits_are_logged_and_kept(self):
        log = (
            self.env["property.fee.contact.log"]
            .with_user(self.agent_a)
            .create({"unit_id": self.unit_a.id, "kind": "visit", "outcome": "Will pay on Friday"})
        )
        self.assertEqual((log.partner_id, log.user_id), (self.owner_a, self.agent_a))
        with self.assertRaises(AccessError):
            log.write({"outcome": "Paid"})
        other_estate = self.env["property.fee.contact.log"].with_user(self.agent_b)
        self.assertFalse(other_estate.search([("id", "=", log.id)]))

    @needs_pdftotext
    def test_notice_and_arrears_detail_print(self):
        reminder = self.Reminder._send_for_estate(self.estate_a, date(2026, 7, 20))[:1]
        text = pdf_text(self.env, "property_service_desk.report_fee_reminder", reminder.ids)
        self.assertIn("催缴通知单", text)
        self.assertIn(reminder.move_id.name, text)
        with freeze_time("2026-07-20 04:00:00"):
            text = pdf_text(self.env, "property_service_desk.report_fee_arrears", self.estate_a.ids)
        self.assertIn("欠费明细表", text)
        self.assertIn(self.jan.name, text)
