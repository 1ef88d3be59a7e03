"""The work contact sheet (工作联系单, SPEC §8): issued by the desk to a department with a time to
reply by; the reply (who, when, what) is recorded; late or missing replies are flagged; the
desk keeps the original and the department the copy."""

from datetime import timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from ..common import ServiceDeskCase

T0 = ServiceDeskCase.T0


@tagged("post_install", "-at_install")
@freeze_time(T0)
class TestContactSheet(ServiceDeskCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.engineering_lead = cls._user("psd_eng_cs", "group_property_engineering_lead")
        cls.estate_a.engineering_lead_id = cls.engineering_lead
        cls.Sheet = cls.env["property.contact.sheet"]
        cls.reply_type = cls.env.ref("property_service_desk.mail_activity_type_contact_sheet_reply")

    def issue(self, hours=4, **vals):
        request = self._ticket(unit_id=self.unit_a.id, request_kind="repair")
        return self.Sheet.with_user(self.agent_a).create(
            {
                "ticket_id": request.id,
                "department": "engineering",
                "content": "The lift of building A1 stops between floors.",
                "due_at": T0 + timedelta(hours=hours),
                **vals,
            }
        )

    def test_issued_to_a_department_with_a_due_time(self):
        sheet = self.issue()
        self.assertEqual((sheet.issued_by_id, sheet.issued_at), (self.agent_a, T0))
        self.assertEqual(sheet.department_user_id, self.engineering_lead)
        todo = sheet.activity_ids.filtered(lambda a: a.activity_type_id == self.reply_type)
        self.assertEqual(todo.user_id, self.engineering_lead)
        self.assertEqual(str(todo.date_deadline), "2026-11-23")
        self.assertEqual(sheet.ticket_id.contact_sheet_ids, sheet)
        with self.assertRaisesRegex(UserError, "later than now"):
            self.issue(hours=-1)

    def test_the_reply_is_recorded_with_who_and_when(self):
        sheet = self.issue()
        sheet.with_user(self.engineering_lead).reply = "Replaced the door sensor."
        with freeze_time(T0 + timedelta(hours=2)):
            sheet.with_user(self.engineering_lead).action_record_reply()
        self.assertEqual(sheet.state, "replied")
        self.assertEqual(sheet.replied_by_id, self.engineering_lead)
        self.assertEqual(sheet.replied_at, T0 + timedelta(hours=2))
        self.assertFalse(sheet.replied_late)
        self.assertFalse(sheet.activity_ids)  # the department's to-do is done
        with self.assertRaises(AccessError):  # the record is kept as replied
            sheet.with_user(self.agent_a).reply = "Rewritten"
        with self.assertRaises(UserError):
            sheet.with_user(self.agent_a).action_record_reply()

    def test_a_reply_is_written_before_it_is_recorded(self):
        sheet = self.issue()
        with self.assertRaisesRegex(UserError, "reply"):
            sheet.with_user(self.agent_a).action_record_reply()
        self.assertEqual(sheet.state, "issued")

    def test_who_and_when_are_not_typed(self):
        sheet = self.issue()
        for vals in (
            {"replied_by_id": self.agent_a.id},
            {"replied_at": "2026-11-23 03:00:00"},
            {"state": "replied"},
            {"replied_late": True},
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                sheet.with_user(self.agent_a).write(vals)
        with self.assertRaises(AccessError):
            sheet.with_user(self.technician).action_record_reply()

    def test_overdue_replies_are_flagged(self):
        on_time, late, missing = self.issue(), self.issue(), self.issue()
        (on_time | late).write({"reply": "Done"})
        on_time.with_user(self.agent_a).action_record_reply()
        with freeze_time(T0 + timedelta(hours=5)):
            late.with_user(self.agent_a).action_record_reply()
            self.assertTrue(late.replied_late)
            overdue = self.Sheet.search([("is_overdue", "=", True)])
            self.assertEqual(overdue & (on_time | late | missing), late | missing)
            not_overdue = self.Sheet.search([("is_overdue", "=", False)])
            self.assertIn(on_time, not_overdue)
            self.assertNotIn(missing, not_overdue)
        # Before its time to reply by, a sheet waiting for its reply is not overdue.
        self.assertNotIn(missing, self.Sheet.search([("is_overdue", "=", True)]))

    def test_printed_as_original_and_copy(self):
        sheet = self.issue()
        report = self.env.ref("property_service_desk.property_contact_sheet_report")
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(report.report_name, sheet.ids)[0]
            .decode()
        )
        self.assertIn("工作联系单", html)
        self.assertIn("Original: kept by the customer service centre", html)
        self.assertIn("Copy: kept by the department", html)
        self.assertEqual(html.count("o_contact_sheet_part"), 2)
        self.assertIn(self.engineering_lead.name, html)

    def test_counted_in_the_business_report(self):
        replied, late = self.issue(), self.issue(hours=1)
        (replied | late).write({"reply": "Done"})
        replied.with_user(self.agent_a).action_record_reply()
        self.issue(hours=2)  # awaiting its reply, overdue by the 25th
        with freeze_time(T0 + timedelta(hours=3)):
            late.with_user(self.agent_a).action_record_reply()
        with freeze_time(T0 + timedelta(days=2)):
            duties = self.env[
                "report.property_service_desk.report_business_monthly"
            ]._get_report_values(self.estate_a.ids, {"month": "2026-11-01"})["duties"]
        self.assertEqual(
            (duties["sheets_issued"], duties["sheets_replied"], duties["sheets_late"]), (3, 2, 2)
        )
