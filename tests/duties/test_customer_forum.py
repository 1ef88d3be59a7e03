"""Customer forums (客户座谈会, SPEC §8): attendees and opinions recorded; the opinions compiled
within 7 days (company setting) on the estate's days, with an activity to the organiser, the
forum overdue past the deadline and a late compilation marked; opinions needing action become
requests."""

from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from ..common import ServiceDeskCase


@tagged("post_install", "-at_install")
@freeze_time(ServiceDeskCase.T0)
class TestCustomerForum(ServiceDeskCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.estate_a.resource_calendar_id.tz = "Asia/Shanghai"
        cls.Forum = cls.env["property.customer.forum"].with_user(cls.business_manager)

    def forum(self, held_on="2026-11-20", **vals):
        forum = self.Forum.create(
            {"estate_id": self.estate_a.id, "held_on": held_on, "topics": "停车管理", **vals}
        )
        self.env["property.customer.forum.opinion"].with_user(self.business_manager).create(
            {"forum_id": forum.id, "partner_id": self.owner_a.id, "content": "访客车辆占用车位"}
        )
        return forum

    def test_compiled_within_seven_days_with_an_activity_to_the_organiser(self):
        forum = self.forum()
        self.assertEqual(forum.compile_deadline, date(2026, 11, 27))
        self.assertEqual(forum.activity_ids.user_id, self.business_manager)
        self.assertEqual(forum.activity_ids.date_deadline, date(2026, 11, 27))
        with self.assertRaisesRegex(UserError, "summary"):
            forum.with_user(self.business_manager).action_done()
        forum.summary = "<p>访客车辆限时登记</p>"
        forum.with_user(self.business_manager).action_done()
        self.assertEqual(forum.state, "done")
        self.assertFalse(forum.compiled_late)
        self.assertFalse(forum.activity_ids)
        opinion = forum.opinion_ids
        self.assertEqual(opinion.ticket_id.partner_id, self.owner_a)
        self.assertEqual(opinion.ticket_id.request_kind, "suggestion")
        with self.assertRaises(AccessError):
            forum.with_user(self.business_manager).summary = "<p>Rewritten</p>"

    def test_past_the_deadline_overdue_then_compiled_late(self):
        self.company.property_forum_compile_days = 2
        forum = self.forum(held_on="2026-11-20")
        self.assertEqual(forum.compile_deadline, date(2026, 11, 22))
        self.assertTrue(forum.is_overdue)
        self.assertIn(forum, self.Forum.search([("is_overdue", "=", True)]))
        forum.summary = "<p>迟到的汇总</p>"
        forum.with_user(self.business_manager).action_done()
        self.assertTrue(forum.compiled_late)
        self.assertFalse(forum.is_overdue)
        with self.assertRaises(ValidationError):
            self.company.property_forum_compile_days = 0

    def test_the_deadline_is_the_estates_day(self):
        # 27 November, 23:30 in Shanghai is the last day; 00:30 on the 28th is late.
        forum = self.forum(summary="<p>汇总</p>")
        with freeze_time(datetime(2026, 11, 27, 15, 30)):
            self.assertFalse(forum.is_overdue)
        forum.invalidate_recordset(["is_overdue"])
        with freeze_time(datetime(2026, 11, 27, 16, 30)):
            self.assertTrue(forum.is_overdue)
            forum.with_user(self.business_manager).action_done()
        self.assertTrue(forum.compiled_late)

    def test_recorded_once_held_by_the_managers_of_the_estate(self):
        with self.assertRaisesRegex(UserError, "held"):
            self.forum(held_on="2026-11-30")
        forum = self.forum(summary="<p>汇总</p>")
        with self.assertRaises(UserError):
            forum.with_user(self.business_manager).held_on = "2026-11-01"
        with self.assertRaises(AccessError):
            forum.with_user(self.business_manager).write({"compile_deadline": "2027-01-01"})
        for user in (self.agent_a, self.technician, self.agent_b):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                forum.with_user(user).action_done()
        with self.assertRaises(AccessError):
            forum.with_user(self.agent_b).read(["name"])
        self.assertEqual(forum.state, "planned")

    def test_counted_in_the_business_reports_and_printed(self):
        forum = self.forum(held_on="2026-11-23", summary="<p>访客车辆限时登记</p>")
        forum.with_user(self.business_manager).action_done()
        values = self.env[
            "report.property_service_desk.report_business_monthly"
        ]._get_report_values(self.estate_a.ids, {"month": "2026-11-01"})
        duties = values["duties"]
        self.assertEqual((duties["forums_held"], duties["forums_compiled"]), (1, 1))
        self.assertEqual(duties["forums_late"], 0)
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("property_service_desk.report_customer_forum_register", forum.ids)[0]
            .decode()
        )
        self.assertIn("客户座谈会记录", html)
        self.assertIn("访客车辆限时登记", html)
