"""Patrols (巡检, SPEC §8): the service centre's environment, security and maintenance patrols,
planned weekly per estate on the estate's clock; findings that need work become common-area
requests; patrols not walked by their due day are overdue and counted as missed."""

from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from ..common import ServiceDeskCase

# Monday 30 November 2026, 00:30 in Shanghai: still Sunday 29 November in UTC.
NEXT_MONDAY = datetime(2026, 11, 29, 16, 30, 0)


@tagged("post_install", "-at_install")
@freeze_time(ServiceDeskCase.T0)
class TestPatrol(ServiceDeskCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.estate_a.resource_calendar_id.tz = "Asia/Shanghai"
        cls.Patrol = cls.env["property.patrol"]
        cls.Estate = cls.env["property.estate"]
        cls.team = cls.env["helpdesk.ticket.team"].create({"name": "Engineering"})

    def planned(self, week):
        return self.Patrol.search([("estate_id", "=", self.estate_a.id), ("week", "=", week)])

    def patrol(self, **vals):
        return self.Patrol.with_user(self.agent_a).create(
            {"estate_id": self.estate_a.id, "kind": "environment", "due_date": "2026-11-25", **vals}
        )

    def test_planned_weekly_per_estate_and_kind_once(self):
        self.Estate._cron_plan_patrols(now=self.T0)
        week = self.planned("2026-11-23")
        self.assertEqual(sorted(week.mapped("kind")), ["environment", "maintenance", "security"])
        self.assertEqual(set(week.mapped("due_date")), {date(2026, 11, 29)})
        self.assertEqual(week.user_id, self.centre_manager)
        self.assertEqual(week.activity_ids.user_id, self.centre_manager)
        self.Estate._cron_plan_patrols(now=self.T0)  # once a week
        self.assertEqual(self.planned("2026-11-23"), week)
        # The estate's new week, though the server's day is still Sunday.
        self.Estate._cron_plan_patrols(now=NEXT_MONDAY)
        self.assertEqual(len(self.planned("2026-11-30")), 3)

    def test_findings_that_need_work_become_common_area_requests(self):
        patrol = self.patrol()
        Finding = self.env["property.patrol.finding"].with_user(self.agent_a)
        pump = Finding.create(
            {
                "patrol_id": patrol.id,
                "checkpoint": "中心花园",
                "content": "喷泉水泵停转",
                "team_id": self.team.id,
            }
        )
        cleaned = Finding.create(
            {
                "patrol_id": patrol.id,
                "checkpoint": "垃圾站",
                "content": "已清洗",
                "needs_action": False,
            }
        )
        patrol.with_user(self.agent_a).action_done()
        self.assertEqual((patrol.state, patrol.done_by_id), ("done", self.agent_a))
        request = pump.ticket_id
        self.assertEqual(request.area_scope, "common")
        self.assertEqual(request.estate_id, self.estate_a)
        self.assertEqual(request.team_id, self.team)
        self.assertEqual(request.request_kind, "repair")
        self.assertIn("中心花园", request.name)
        self.assertFalse(cleaned.ticket_id)
        with self.assertRaises(UserError):
            patrol.with_user(self.agent_a).action_done()
        with self.assertRaises(AccessError):  # the record is kept as walked
            patrol.with_user(self.agent_a).route = "Rewritten"
        with self.assertRaises(UserError):
            pump.with_user(self.agent_a).content = "Rewritten"
        with self.assertRaises(AccessError):
            pump.with_user(self.agent_a).unlink()

    def test_a_patrol_not_walked_by_its_day_is_overdue(self):
        late, due = self.patrol(due_date="2026-11-22"), self.patrol(due_date="2026-11-23")
        self.assertTrue(late.is_overdue)
        self.assertFalse(due.is_overdue)
        overdue = self.Patrol.search([("is_overdue", "=", True), ("id", "in", (late | due).ids)])
        self.assertEqual(overdue, late)
        late.with_user(self.agent_a).action_done()
        self.assertFalse(late.is_overdue)

    def test_walked_by_the_desk_of_the_estate_only(self):
        patrol = self.patrol()
        with self.assertRaises(AccessError):
            patrol.with_user(self.technician).action_done()
        with self.assertRaises(AccessError):
            patrol.with_user(self.agent_b).action_done()
        with self.assertRaises(AccessError):
            patrol.with_user(self.agent_b).read(["name"])
        with self.assertRaises(AccessError):
            patrol.with_user(self.agent_a).write({"state": "done"})
        with self.assertRaises(AccessError):
            self.estate_a.with_user(self.project_manager).write(
                {"patrols_planned_for": "2030-01-01"}
            )
        self.assertEqual(patrol.state, "planned")

    def test_counted_in_the_business_reports_and_printed(self):
        walked = self.patrol(due_date="2026-11-23")
        self.env["property.patrol.finding"].create(
            {"patrol_id": walked.id, "checkpoint": "北门", "content": "道闸抬杆故障"}
        )
        walked.with_user(self.agent_a).action_done()
        self.patrol(due_date="2026-11-20")  # missed
        for report in ("report_business_monthly", "report_business_weekly"):
            values = self.env[f"report.property_service_desk.{report}"]._get_report_values(
                self.estate_a.ids, {"month": "2026-11-23"}
            )
            with self.subTest(report=report):
                duties = values["duties"]
                self.assertEqual(duties["patrols_done"], 1)
                self.assertEqual(duties["patrol_requests"], 1)
                self.assertEqual(duties["patrols_missed"], 1 if report.endswith("monthly") else 0)
        wizard = (
            self.env["property.register.wizard"]
            .with_user(self.agent_a)
            .create(
                {
                    "register": "property_service_desk.property_patrol_report_register",
                    "estate_ids": self.estate_a.ids,
                    "date_from": "2026-11-01",
                    "date_to": "2026-11-30",
                }
            )
        )
        action = wizard.action_print()
        self.assertEqual(len(action["context"]["active_ids"]), 2)
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("property_service_desk.report_patrol_register", walked.ids)[0]
            .decode()
        )
        self.assertIn("巡检记录", html)
        self.assertIn("道闸抬杆故障", html)
