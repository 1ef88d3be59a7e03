"""Monthly courtesy callbacks (定期每月回访, SPEC §8): each month the desk calls a share of each
estate's households (a company setting, default 5 %), not about a request; what they raise
becomes a request."""

from datetime import datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from ..common import ServiceDeskCase

# 1 December 2026, 00:30 in Shanghai: still 30 November in UTC.
FIRST_OF_DECEMBER = datetime(2026, 11, 30, 16, 30, 0)


@tagged("post_install", "-at_install")
@freeze_time(ServiceDeskCase.T0)
class TestCourtesyCallback(ServiceDeskCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.estate_a.resource_calendar_id.tz = "Asia/Shanghai"
        cls.estate_a.suggestion_box_user_id = cls.agent_a
        owners = cls.env["res.partner"].create([{"name": f"业主 {n}"} for n in range(38)])
        cls.env["property.unit"].create(
            [
                {"name": f"20{n:02d}", "building_id": cls.building_a.id, "owner_id": owner.id}
                for n, owner in enumerate(owners)
            ]
        )
        cls.Callback = cls.env["property.courtesy.callback"]
        cls.Estate = cls.env["property.estate"]

    def planned(self, month):
        return self.Callback.search([("estate_id", "=", self.estate_a.id), ("month", "=", month)])

    def test_each_month_a_share_of_the_households_once(self):
        households = self.env["property.unit"].search_count(
            [("estate_id", "=", self.estate_a.id), ("owner_id", "!=", False)]
        )
        self.assertEqual(households, 39)  # 38 and unit A 1201
        self.Estate._cron_plan_courtesy_callbacks(now=self.T0)
        november = self.planned("2026-11-01")
        self.assertEqual(len(november), 2)  # 5 % of 39, rounded up
        self.assertEqual(november.user_id, self.agent_a)
        self.assertEqual(november.activity_ids.user_id, self.agent_a)
        self.Estate._cron_plan_courtesy_callbacks(now=self.T0)  # once a month
        self.assertEqual(self.planned("2026-11-01"), november)
        # The estate's new month, though the server's day is still the 30th.
        self.Estate._cron_plan_courtesy_callbacks(now=FIRST_OF_DECEMBER)
        december = self.planned("2026-12-01")
        self.assertEqual(len(december), 2)
        self.assertFalse(december.unit_id & november.unit_id, "the next households are called")

    def test_the_share_is_a_setting(self):
        self.company.property_courtesy_callback_rate = 10
        self.Estate._cron_plan_courtesy_callbacks(now=self.T0)
        self.assertEqual(len(self.planned("2026-11-01")), 4)
        with self.assertRaises(ValidationError):
            self.company.property_courtesy_callback_rate = 120

    def test_what_the_customer_raises_becomes_a_request(self):
        self.Estate._cron_plan_courtesy_callbacks(now=self.T0)
        callback, quiet = self.planned("2026-11-01")
        as_agent = callback.with_user(self.agent_a)
        with self.assertRaisesRegex(UserError, "satisfaction"):
            as_agent.action_done()
        as_agent.write({"satisfaction": "3", "findings": "The corridor light is out."})
        as_agent.action_done()
        self.assertEqual((callback.state, callback.done_by_id), ("done", self.agent_a))
        request = callback.ticket_id
        self.assertEqual(request.unit_id, callback.unit_id)
        self.assertEqual(request.partner_id, callback.partner_id)
        self.assertIn("corridor light", request.description)
        self.assertFalse(callback.activity_ids)
        quiet.with_user(self.agent_a).write({"satisfaction": "5"})
        quiet.with_user(self.agent_a).action_done()
        self.assertFalse(quiet.ticket_id)
        with self.assertRaises(AccessError):  # done: kept as it was said
            callback.with_user(self.agent_a).satisfaction = "5"

    def test_done_by_the_desk_only(self):
        self.Estate._cron_plan_courtesy_callbacks(now=self.T0)
        callback = self.planned("2026-11-01")[:1]
        callback.satisfaction = "4"
        with self.assertRaises(AccessError):
            callback.with_user(self.technician).action_done()
        with self.assertRaises(AccessError):
            callback.with_user(self.agent_a).write({"state": "done"})
        with self.assertRaises(AccessError):
            self.estate_a.with_user(self.project_manager).write(
                {"courtesy_callbacks_planned_for": "2030-01-01"}
            )
        self.assertEqual(callback.state, "to_do")

    def test_counted_in_the_weekly_and_monthly_reports(self):
        self.Estate._cron_plan_courtesy_callbacks(now=self.T0)
        callback, quiet = self.planned("2026-11-01")
        callback.write({"satisfaction": "3", "findings": "The corridor light is out."})
        quiet.write({"satisfaction": "5"})
        (callback | quiet).with_user(self.agent_a).action_done()
        for report in ("report_business_monthly", "report_business_weekly"):
            values = self.env[f"report.property_service_desk.{report}"]._get_report_values(
                self.estate_a.ids, {"month": "2026-11-23"}
            )
            with self.subTest(report=report):
                self.assertEqual(values["duties"]["courtesy_done"], 2)
                self.assertEqual(values["duties"]["courtesy_requests"], 1)
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(
                "property_service_desk.report_business_monthly",
                self.estate_a.ids,
                data={"month": "2026-11-01"},
            )[0]
            .decode()
        )
        self.assertIn("Courtesy callbacks made", html)
        october = self.env[
            "report.property_service_desk.report_business_monthly"
        ]._get_report_values(self.estate_a.ids, {"month": "2026-10-01"})
        self.assertEqual(october["duties"]["courtesy_done"], 0)
