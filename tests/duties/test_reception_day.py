"""Reception days (接待日, SPEC §8): each month the estate's managers receive owners on the day
set in Settings (planned on the estate's clock); each matter raised that needs action becomes a
request linked back; a reception day not recorded after its day is overdue."""

from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from ..common import ServiceDeskCase

# 1 December 2026, 00:30 in Shanghai: still 30 November in UTC.
FIRST_OF_DECEMBER = datetime(2026, 11, 30, 16, 30, 0)


@tagged("post_install", "-at_install")
@freeze_time(ServiceDeskCase.T0)
class TestReceptionDay(ServiceDeskCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.estate_a.resource_calendar_id.tz = "Asia/Shanghai"
        cls.Day = cls.env["property.reception.day"]
        cls.Estate = cls.env["property.estate"]

    def planned(self, month):
        return self.Day.search([("estate_id", "=", self.estate_a.id), ("month", "=", month)])

    def reception(self, **vals):
        return self.Day.with_user(self.business_manager).create(
            {"estate_id": self.estate_a.id, "day": "2026-11-20", **vals}
        )

    def test_planned_monthly_on_the_day_in_settings_once(self):
        self.company.property_reception_day_of_month = 18
        self.Estate._cron_plan_reception_days(now=self.T0)
        november = self.planned("2026-11-01")
        self.assertEqual(november.day, date(2026, 11, 18))
        self.assertEqual(november.host_ids, self.project_manager | self.business_manager)
        self.assertEqual(november.activity_ids.user_id, self.project_manager)
        self.Estate._cron_plan_reception_days(now=self.T0)  # once a month
        self.assertEqual(self.planned("2026-11-01"), november)
        # The estate's new month, though the server's day is still the 30th.
        self.Estate._cron_plan_reception_days(now=FIRST_OF_DECEMBER)
        self.assertEqual(self.planned("2026-12-01").day, date(2026, 12, 18))
        with self.assertRaises(ValidationError):
            self.company.property_reception_day_of_month = 31

    def test_matters_that_need_action_become_requests(self):
        day = self.reception()
        Matter = self.env["property.reception.matter"].with_user(self.business_manager)
        lift = Matter.create(
            {
                "reception_day_id": day.id,
                "partner_id": self.owner_a.id,
                "unit_id": self.unit_a.id,
                "content": "电梯两次困人",
                "request_kind": "complaint",
            }
        )
        answered = Matter.create(
            {
                "reception_day_id": day.id,
                "partner_id": self.owner_b.id,
                "content": "咨询车位租金",
                "needs_action": False,
            }
        )
        day.with_user(self.business_manager).action_done()
        self.assertEqual((day.state, day.done_by_id), ("done", self.business_manager))
        request = lift.ticket_id
        self.assertEqual(
            (request.unit_id, request.partner_id, request.request_kind),
            (self.unit_a, self.owner_a, "complaint"),
        )
        self.assertFalse(answered.ticket_id)
        with self.assertRaises(UserError):
            lift.with_user(self.business_manager).content = "Rewritten"
        with self.assertRaises(AccessError):
            day.with_user(self.business_manager).place = "Rewritten"

    def test_not_recorded_after_its_day_is_overdue(self):
        late, coming = self.reception(day="2026-11-20"), self.reception(day="2026-11-25")
        self.assertEqual(
            self.Day.search([("is_overdue", "=", True), ("id", "in", (late | coming).ids)]), late
        )

    def test_recorded_by_the_managers_of_the_estate(self):
        day = self.reception()
        for user in (self.agent_a, self.technician, self.agent_b):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                day.with_user(user).action_done()
        with self.assertRaises(AccessError):
            day.with_user(self.agent_b).read(["name"])
        with self.assertRaises(AccessError):
            day.with_user(self.business_manager).write({"state": "done"})
        self.assertEqual(day.state, "planned")

    def test_counted_in_the_business_reports_and_printed(self):
        day = self.reception(day="2026-11-23")
        self.env["property.reception.matter"].create(
            {"reception_day_id": day.id, "partner_id": self.owner_a.id, "content": "绿化带被占"}
        )
        day.with_user(self.business_manager).action_done()
        values = self.env["report.property_service_desk.report_business_weekly"]._get_report_values(
            self.estate_a.ids, {"month": "2026-11-23"}
        )
        self.assertEqual(values["duties"]["reception_days"], 1)
        self.assertEqual(values["duties"]["reception_requests"], 1)
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("property_service_desk.report_reception_day_register", day.ids)[0]
            .decode()
        )
        self.assertIn("接待日登记表", html)
        self.assertIn("绿化带被占", html)
