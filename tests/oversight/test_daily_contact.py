from datetime import date, datetime, timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError

from ..common import ServiceDeskCase

# Tuesday 1 December 2026, 00:30 in Shanghai (30 November 16:30 UTC).
EARLY_TUESDAY = datetime(2026, 11, 30, 16, 30)
T0 = datetime(2026, 12, 1, 2, 0)  # Tuesday 10:00 in Shanghai
SUGGESTION_BOX = "property_service_desk.helpdesk_ticket_channel_suggestion_box"


class DailyContactCase(ServiceDeskCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.estate_a.resource_calendar_id.tz = "Asia/Shanghai"
        cls.estate_a.suggestion_box_user_id = cls.agent_a
        cls.Box = cls.env["property.suggestion.box"]
        cls.Visit = cls.env["property.customer.visit"]

    def plan_boxes(self, now):
        self.env["property.estate"]._cron_plan_suggestion_boxes(now=now)
        return self.Box.search([("estate_id", "=", self.estate_a.id)])

    def visit(self, user=None, **vals):
        vals = {"unit_id": self.unit_a.id, "topics": "Parking", "visit_date": T0, **vals}
        return self.Visit.with_user(user or self.business_manager).create(vals)


class TestSuggestionBox(DailyContactCase):
    def test_a_daily_to_do_per_estate_once_a_day(self):
        box = self.plan_boxes(EARLY_TUESDAY)
        self.assertEqual(box.date, date(2026, 12, 1), "the estate's day, not UTC's")
        self.assertEqual(box.activity_ids.user_id, self.agent_a)
        self.assertEqual(box.activity_ids.date_deadline, date(2026, 12, 1))
        self.assertEqual(self.plan_boxes(T0), box, "not twice the same day")
        self.assertEqual(len(self.plan_boxes(T0 + timedelta(days=1))), 2)

    def test_no_opener_set_the_project_manager_gets_it(self):
        self.estate_a.suggestion_box_user_id = False
        box = self.plan_boxes(T0)
        self.assertEqual(box.activity_ids.user_id, self.project_manager)

    def test_items_become_requests_on_the_suggestion_box_channel(self):
        box = self.plan_boxes(T0).with_user(self.agent_a)
        box.write(
            {
                "item_ids": [
                    (0, 0, {"content": "Please add a parcel locker", "unit_id": self.unit_a.id}),
                    (0, 0, {"content": "Lift is noisy", "request_kind": "repair"}),
                ]
            }
        )
        box.action_open_box()
        self.assertEqual(box.state, "opened")
        self.assertEqual(box.opened_by_id, self.agent_a)
        tickets = box.item_ids.ticket_id
        self.assertEqual(len(tickets), 2)
        self.assertEqual(tickets.channel_id, self.env.ref(SUGGESTION_BOX))
        self.assertEqual(tickets.estate_id, self.estate_a)
        self.assertEqual(
            sorted(tickets.mapped("request_kind")), ["repair", "suggestion"], "kinds kept"
        )
        located = tickets.filtered("unit_id")
        self.assertEqual(located.partner_id, self.tenant_a, "the occupant of the unit")
        self.assertFalse(box.activity_ids, "the to-do is done")

    def test_an_empty_box_is_recorded_and_an_opened_box_is_frozen(self):
        box = self.plan_boxes(T0).with_user(self.agent_a)
        box.action_open_box()
        self.assertFalse(box.item_ids)
        with self.assertRefused(UserError, "already recorded"):
            box.action_open_box()
        with self.assertRefused(UserError, "can no longer be changed"):
            self.env["property.suggestion.item"].with_user(self.agent_a).create(
                {"box_id": box.id, "content": "Late note"}
            )
        with self.assertRefused(AccessError, "kept by the system"):
            box.write({"state": "to_open"})

    def test_the_other_estates_desk_and_technicians_are_refused(self):
        box = self.plan_boxes(T0)
        with self.assertRaises(AccessError):
            box.with_user(self.agent_b).read(["name"])
        with self.assertRaises(AccessError):
            box.with_user(self.agent_b).action_open_box()
        with self.assertRaises(AccessError):
            box.with_user(self.technician).action_open_box()
        self.assertEqual(box.state, "to_open")

    def test_an_item_of_another_estate_is_refused(self):
        box = self.plan_boxes(T0).with_user(self.centre_manager)
        with self.assertRefused(ValidationError, "is not in estate"):
            box.write({"item_ids": [(0, 0, {"content": "x", "unit_id": self.unit_b.id})]})


class TestCustomerVisits(DailyContactCase):
    def test_opinions_become_requests_and_the_visit_counts_in_its_month(self):
        with freeze_time(T0 + timedelta(hours=1)):
            visit = self.visit(
                opinion_ids=[
                    (0, 0, {"content": "Grass not cut"}),
                    (0, 0, {"content": "Door bell broken", "request_kind": "repair"}),
                ]
            )
            self.assertEqual(visit.manager_id, self.business_manager)
            self.assertEqual(visit.partner_id, self.tenant_a)
            visit.with_user(self.business_manager).action_done()
        self.assertEqual(visit.state, "done")
        self.assertEqual(visit.month, date(2026, 12, 1))
        tickets = visit.opinion_ids.ticket_id
        self.assertEqual(len(tickets), 2)
        self.assertEqual(tickets.unit_id, self.unit_a)
        self.assertEqual(tickets.partner_id, self.tenant_a)
        with self.assertRefused(UserError, "already recorded"):
            visit.with_user(self.business_manager).action_done()
        with self.assertRefused(AccessError, "official record"):
            visit.with_user(self.business_manager).write({"topics": "Other"})
        with self.assertRefused(UserError, "can no longer be changed"):
            visit.opinion_ids[:1].with_user(self.business_manager).write({"content": "x"})

    def test_a_visit_in_another_name_or_in_the_future_is_refused(self):
        with self.assertRefused(AccessError, "one's own name"):
            self.visit(manager_id=self.project_manager.id)
        with freeze_time(T0):
            with self.assertRefused(ValidationError, "before it happens"):
                self.visit(visit_date=T0 + timedelta(days=1))
        visit = self.visit()
        with self.assertRefused(AccessError, "cannot be changed"):
            visit.with_user(self.business_manager).write({"manager_id": self.project_manager.id})

    def test_agents_read_visits_but_do_not_record_them(self):
        visit = self.visit()
        self.assertTrue(visit.with_user(self.agent_a).read(["name"]))
        with self.assertRaises(AccessError):
            self.visit(user=self.agent_a)
        with self.assertRaises(AccessError):
            visit.with_user(self.agent_a).action_done()
        other_manager = self._user("psd_bm_b", "group_property_business_manager")
        self.estate_b.business_manager_ids = [(4, other_manager.id)]
        with self.assertRaises(AccessError):
            visit.with_user(other_manager).read(["name"])

    def test_managers_behind_target_are_visible_per_month(self):
        self.company.property_visit_target = 2
        with freeze_time(T0 + timedelta(hours=1)):
            self.visit().with_user(self.business_manager).action_done()
        Report = self.env["property.visit.target.report"]
        self.env.flush_all()
        month = date.today().replace(day=1)
        mine = Report.search([("manager_id", "=", self.business_manager.id)])
        this_month = mine.filtered(lambda row: row.month == month)
        self.assertEqual(this_month.target, 2)
        if month == date(2026, 12, 1):
            self.assertEqual((this_month.visit_count, this_month.shortfall), (1, 1))
        self.assertTrue(this_month.is_behind)
        self.assertIn(this_month, Report.search([("is_behind", "=", True)]))
        self.company.property_visit_target = 0
        self.env.flush_all()
        Report.invalidate_model()
        self.assertFalse(
            Report.search([("manager_id", "=", self.business_manager.id), ("is_behind", "=", True)])
        )
        with self.assertRefused(ValidationError, "cannot be negative"):
            self.company.property_visit_target = -1
        with self.assertRaises(AccessError):
            Report.with_user(self.agent_a).search([])
        other_manager = self._user("psd_bm_b2", "group_property_business_manager")
        self.estate_b.business_manager_ids = [(4, other_manager.id)]
        seen = Report.with_user(other_manager).search([])
        self.assertFalse(seen.filtered(lambda row: row.estate_id == self.estate_a))


class TestWeeklySummary(DailyContactCase):
    def test_the_business_report_for_a_week_beside_the_week_before(self):
        Report = self.env["report.property_service_desk.report_business_weekly"]
        monday = datetime(2026, 11, 30, 1, 0)  # Monday 09:00 in Shanghai
        self._ticket(unit_id=self.unit_a.id, received_at=monday)
        self._ticket(unit_id=self.unit_a.id, received_at=monday - timedelta(days=2))
        # Monday 00:30 in Shanghai: this week, although still Sunday in UTC.
        self._ticket(unit_id=self.unit_a.id, received_at=datetime(2026, 11, 29, 16, 30))
        values = Report._get_report_values(
            self.estate_a.ids, {"estate_ids": self.estate_a.ids, "month": "2026-12-03"}
        )
        self.assertEqual(values["current"]["total"], 2)
        self.assertEqual(values["previous"]["total"], 1)
        self.assertEqual(values["register_info"]["period"], "2026-11-30 ~ 2026-12-06")
        self.assertEqual(values["report_title_zh"], "每周统计小结")
        monthly = self.env["report.property_service_desk.report_business_monthly"]
        values = monthly._get_report_values(
            self.estate_a.ids, {"estate_ids": self.estate_a.ids, "month": "2026-11-01"}
        )
        self.assertEqual(values["current"]["total"], 3, "the month is unchanged")
        self.assertEqual(values["register_info"]["period"], "2026-11")

    def test_weekly_summary_is_printed_from_the_register_wizard(self):
        action = (
            self.env["property.register.wizard"]
            .with_user(self.agent_a)
            .create(
                {
                    "register": "property_service_desk.report_business_weekly_action",
                    "estate_ids": [(6, 0, self.estate_a.ids)],
                    "date_from": date(2026, 12, 3),
                    "date_to": date(2026, 12, 3),
                }
            )
            .action_print()
        )
        self.assertEqual(action["report_name"], "property_service_desk.report_business_weekly")
        html, _kind = self.env["ir.actions.report"]._render_qweb_html(
            action["report_name"], self.estate_a.ids, data=action["data"]
        )
        html = html.decode()
        self.assertIn("每周统计小结", html)
        self.assertIn("2026-11-30 ~ 2026-12-06", html)
        self.assertIn("This Week", html)
