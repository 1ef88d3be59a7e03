from datetime import date, datetime

from freezegun import freeze_time

from ..common import ServiceDeskCase

# 00:30 on 1 March in Shanghai is 16:30 on 28 February in UTC.
MARCH_1_0030_SHANGHAI = datetime(2026, 2, 28, 16, 30)
MARCH = date(2026, 3, 1)
FEBRUARY = date(2026, 2, 1)


class TestLocalTime(ServiceDeskCase):
    """One local time (issue 14 point 6): every day and month of the official record is cut in
    the estate's time zone. A request received at 00:30 Shanghai time on 1 March is in March
    everywhere, whatever UTC or the clicking user's zone say."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.estate_a.resource_calendar_id = cls.env["resource.calendar"].create(
            {"name": "Shanghai hours", "tz": "Asia/Shanghai"}
        )
        cls.ticket = cls._ticket(
            unit_id=cls.unit_a.id,
            request_kind="repair",
            received_at=MARCH_1_0030_SHANGHAI,
            partner_id=cls.owner_a.id,
        )

    def test_the_estate_helper_cuts_days_months_and_weeks_in_its_zone(self):
        estate = self.estate_a
        self.assertEqual(estate._local_date(MARCH_1_0030_SHANGHAI), MARCH)
        self.assertEqual(estate._local_now(MARCH_1_0030_SHANGHAI), datetime(2026, 3, 1, 0, 30))
        self.assertEqual(
            estate._local_day_bounds(MARCH),
            (datetime(2026, 2, 28, 16, 0), datetime(2026, 3, 1, 16, 0)),
        )
        self.assertEqual(
            estate._local_month_bounds(2026, 3),
            (datetime(2026, 2, 28, 16, 0), datetime(2026, 3, 31, 16, 0)),
        )
        # 1 March 2026 is a Sunday: its week starts on Monday 23 February.
        self.assertEqual(
            estate._local_week_bounds(MARCH),
            (datetime(2026, 2, 22, 16, 0), datetime(2026, 3, 1, 16, 0)),
        )
        self.assertEqual(
            estate._local_end_of_day(MARCH_1_0030_SHANGHAI), datetime(2026, 3, 1, 15, 59, 59)
        )

    def test_an_estate_without_calendar_takes_its_company_zone(self):
        self.company.resource_calendar_id.tz = "Europe/Brussels"
        self.estate_b.resource_calendar_id = False
        self.assertEqual(self.estate_b._local_tz_name(), "Asia/Shanghai")
        self.assertEqual(self.estate_b._local_date(MARCH_1_0030_SHANGHAI), MARCH)

    def _register_tickets(self, day):
        wizard = self.env["property.register.wizard"].create(
            {
                "register": "property_service_desk.helpdesk_ticket_report_request_register",
                "estate_ids": [(6, 0, self.estate_a.ids)],
                "date_from": day,
                "date_to": day,
            }
        )
        report = self.env.ref(wizard.register)
        return self.env["helpdesk.ticket"].search(wizard._domain(report))

    def test_registers_put_it_on_1_march(self):
        self.assertIn(self.ticket, self._register_tickets(MARCH))
        self.assertNotIn(self.ticket, self._register_tickets(date(2026, 2, 28)))
        self.assertEqual(self.ticket._register_info()["period"], "2026-03-01 ~ 2026-03-01")

    def test_registers_of_estates_in_two_zones_cut_each_in_its_own(self):
        self.estate_b.tz = "UTC"
        other = self._ticket(
            unit_id=self.unit_b.id, request_kind="repair", received_at=MARCH_1_0030_SHANGHAI
        )
        domain = (self.estate_a | self.estate_b)._local_period_domain(
            "received_at", MARCH, date(2026, 3, 31)
        )
        found = self.env["helpdesk.ticket"].search(domain)
        self.assertIn(self.ticket, found)
        self.assertNotIn(other, found, "28 February 16:30 in UTC is February for a UTC estate")

    def test_business_report_counts_it_in_march(self):
        Report = self.env["report.property_service_desk.report_business_monthly"]
        self.assertEqual(Report._figures(self.estate_a, MARCH)["total"], 1)
        self.assertEqual(Report._figures(self.estate_a, FEBRUARY)["total"], 0)

    def test_sampling_counter_counts_it_in_march(self):
        Counter = self.env["property.sample.counter"]
        Counter._next_position(self.estate_a, MARCH_1_0030_SHANGHAI, "local_time_test")
        counter = Counter.search(
            [("estate_id", "=", self.estate_a.id), ("purpose", "=", "local_time_test")]
        )
        self.assertEqual(counter.period, MARCH)

    def test_kpi_month_is_march(self):
        KPI = self.env["property.kpi.monthly"]
        rows = KPI.search([("estate_id", "=", self.estate_a.id)])
        self.assertEqual(rows.filtered(lambda r: r.month == MARCH).request_count, 1)
        self.assertFalse(rows.filtered(lambda r: r.month == FEBRUARY))
        self.assertIn(
            self.ticket,
            self.env["helpdesk.ticket"].search(
                KPI._period_domain("received_at", MARCH, self.estate_a)
            ),
        )

    def test_end_of_day_policy_ends_on_1_march_in_shanghai(self):
        policy = self.env["property.promise.policy"].new(
            {
                "name": "Today",
                "kind": "handled",
                "target_minutes": 1,
                "calendar_type": "end_of_day",
            }
        )
        self.assertEqual(
            policy._deadline_from(MARCH_1_0030_SHANGHAI, self.ticket),
            datetime(2026, 3, 1, 15, 59, 59),
        )

    def test_evaluation_deadline_is_the_estate_day_not_the_user_day(self):
        self.estate_b.resource_calendar_id = False
        londoner = self.project_manager
        londoner.tz = "Europe/London"
        campaign = (
            self.env["property.evaluation.campaign"]
            .with_user(londoner)
            .new({"estate_id": self.estate_b.id, "collection_deadline": MARCH})
        )
        # Answers are taken until the end of 1 March in Shanghai: 16:00 UTC.
        self.assertEqual(campaign._deadline_datetime(), datetime(2026, 3, 1, 16, 0))

    @freeze_time(MARCH_1_0030_SHANGHAI)
    def test_today_of_the_forms_is_the_estate_day(self):
        self.company.resource_calendar_id.tz = "Asia/Shanghai"
        wizard = self.env["property.register.wizard"].with_user(self.agent_a).new({})
        self.assertEqual(wizard.date_from, MARCH)
        self.assertEqual(wizard.date_to, MARCH)
        Campaign = self.env["property.evaluation.campaign"]
        self.assertEqual(Campaign.new({}).quarter, "1")
        self.assertEqual(self.env["property.kpi.monthly"]._month_start(), MARCH)
