"""Archives (SPEC §8): engineering hands last month's equipment records to the service centre by
the 5th of each month, the director checks the archive work each quarter; both opened by the
scheduled job on the estate's clock with an activity to whoever owes them, flagged late once past
their day."""

from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from ..common import ServiceDeskCase

# 1 December 2026, 00:30 in Shanghai: still 30 November in UTC.
FIRST_OF_DECEMBER = datetime(2026, 11, 30, 16, 30, 0)
# 6 December 2026, 00:30 in Shanghai: the handover is due on the 5th.
SIXTH_OF_DECEMBER = datetime(2026, 12, 5, 16, 30, 0)


@tagged("post_install", "-at_install")
@freeze_time(FIRST_OF_DECEMBER)
class TestArchiveDuty(ServiceDeskCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.estate_a.resource_calendar_id.tz = "Asia/Shanghai"
        cls.engineering_lead = cls._user("psd_eng_a", "group_property_engineering_lead")
        cls.estate_a.engineering_lead_id = cls.engineering_lead
        cls.Duty = cls.env["property.archive.duty"]
        cls.Estate = cls.env["property.estate"]

    def duties(self, kind):
        return self.Duty.search([("estate_id", "=", self.estate_a.id), ("kind", "=", kind)])

    def test_opened_on_the_estates_first_day_with_activities(self):
        self.Estate._cron_plan_archive_duties(now=FIRST_OF_DECEMBER)
        handover, check = self.duties("handover"), self.duties("check")
        self.assertEqual(
            (handover.period, handover.due_date), (date(2026, 12, 1), date(2026, 12, 5))
        )
        self.assertEqual(handover.activity_ids.user_id, self.engineering_lead)
        self.assertEqual((check.period, check.due_date), (date(2026, 10, 1), date(2026, 12, 31)))
        self.assertEqual(check.activity_ids.user_id, self.project_manager)
        self.Estate._cron_plan_archive_duties(now=FIRST_OF_DECEMBER)  # once a month, a quarter
        self.assertEqual(len(self.duties("handover") | self.duties("check")), 2)
        with freeze_time(datetime(2027, 1, 1, 0, 0)):  # 1 January in Shanghai: a new quarter
            self.Estate._cron_plan_archive_duties(now=datetime(2027, 1, 1, 0, 0))
        self.assertEqual(len(self.duties("check")), 2)
        self.assertEqual(len(self.duties("handover")), 2)

    def test_late_after_the_fifth_on_the_estates_clock(self):
        self.Estate._cron_plan_archive_duties(now=FIRST_OF_DECEMBER)
        handover = self.duties("handover")
        self.Estate._cron_plan_archive_duties(now=datetime(2026, 12, 5, 15, 30))  # 23:30 on the 5th
        self.assertFalse(handover.is_late)
        with freeze_time(SIXTH_OF_DECEMBER):
            self.Estate._cron_plan_archive_duties(now=SIXTH_OF_DECEMBER)
            self.assertTrue(handover.is_late)
            self.assertTrue(handover.is_overdue)
            self.assertFalse(self.duties("check").is_late)
            handover.records_handed = "电梯维保记录"
            handover.with_user(self.agent_a).action_done()
        self.assertEqual((handover.state, handover.done_by_id), ("done", self.agent_a))
        self.assertTrue(handover.is_late, "signed for late, it stays late")

    def test_the_handover_is_signed_for_the_check_recorded_by_the_director(self):
        self.Estate._cron_plan_archive_duties(now=FIRST_OF_DECEMBER)
        handover, check = self.duties("handover"), self.duties("check")
        with self.assertRaisesRegex(UserError, "records handed over"):
            handover.with_user(self.agent_a).action_done()
        handover.with_user(self.agent_a).records_handed = "消防泵房运行记录"
        with self.assertRaises(AccessError):
            handover.with_user(self.technician).action_done()
        handover.with_user(self.agent_a).action_done()
        self.assertFalse(handover.is_late)
        check.with_user(self.agent_a).findings = "档案齐全"
        with self.assertRaises(AccessError):
            check.with_user(self.agent_a).action_done()
        check.with_user(self.project_manager).action_done()
        self.assertEqual(check.done_by_id, self.project_manager)
        with self.assertRaises(AccessError):
            check.with_user(self.project_manager).findings = "Rewritten"
        with self.assertRaises(AccessError):
            handover.with_user(self.agent_b).read(["name"])
        with self.assertRaises(AccessError):
            self.Duty.with_user(self.agent_a).create(
                {"estate_id": self.estate_a.id, "kind": "check", "period": "2026-10-01"}
            )

    def test_counted_in_the_business_report_and_printed(self):
        self.Estate._cron_plan_archive_duties(now=FIRST_OF_DECEMBER)
        handover = self.duties("handover")
        handover.records_handed = "配电房巡检记录"
        handover.with_user(self.agent_a).action_done()
        values = self.env[
            "report.property_service_desk.report_business_monthly"
        ]._get_report_values(self.estate_a.ids, {"month": "2026-12-01"})
        self.assertEqual(
            (values["duties"]["archive_done"], values["duties"]["archive_late"]), (1, 0)
        )
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("property_service_desk.report_archive_duty_register", handover.ids)[
                0
            ]
            .decode()
        )
        self.assertIn("档案移交及检查记录", html)
        self.assertIn("配电房巡检记录", html)
