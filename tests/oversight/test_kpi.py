import re
from datetime import date, datetime, timedelta
from pathlib import Path

from freezegun import freeze_time

from odoo.exceptions import AccessError, ValidationError

from ...report.fees.property_kpi_monthly import FEE_KPIS
from ..common import ServiceDeskCase

ROOT = Path(__file__).resolve().parents[2]  # the addon

NOVEMBER = "2026-11-01"
H = timedelta(hours=1)


def utc(*args):
    return datetime(*args)


@freeze_time("2026-12-10 04:00:00")
class TestKpi(ServiceDeskCase):
    """A fixed data set; every expected figure is worked out by hand in the comments.

    Estate A counts months in Shanghai time (UTC+8), estate B in UTC. The dashboard month is
    November 2026; October is the previous month.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # A manager of both test estates: the demo data of other estates stays out of sight.
        cls.manager = cls._user("psd_kpi_bm", "group_property_business_manager")
        (cls.estate_a | cls.estate_b).member_ids = [(4, cls.manager.id)]
        cls.KPI = cls.env["property.kpi.monthly"].with_user(cls.manager)
        Calendar = cls.env["resource.calendar"]
        cls.estate_a.resource_calendar_id = Calendar.create(
            {"name": "Shanghai", "tz": "Asia/Shanghai"}
        )
        cls.estate_b.tz = "UTC"
        cls.done_stage = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        cls.policy = cls.env["property.promise.policy"].search([], limit=1)
        cls._build_data_set()

    # The data set ---------------------------------------------------------------------------

    @classmethod
    def _request(cls, unit, received, kind="repair", response_after=None, closed=None, **vals):
        ticket = cls._ticket(unit_id=unit.id, request_kind=kind, received_at=received, **vals)
        if closed:
            ticket.stage_id = cls.done_stage
            ticket.closed_date = closed
        ticket.sudo().write({"response_started_at": response_after and received + response_after})
        return ticket

    @classmethod
    def _build_data_set(cls):
        unit_a, unit_b = cls.unit_a, cls.unit_b
        # Estate A, November (Shanghai).
        cls.a1 = cls._request(unit_a, utc(2026, 11, 3, 2), response_after=2 * H)  # 2 h
        cls.a2 = cls._request(unit_a, utc(2026, 11, 5, 2), response_after=30 * H)  # 30 h
        # A complaint answered in 4 h, closed on the 12th, solution accepted: resolved.
        cls.a3 = cls._request(
            unit_a,
            utc(2026, 11, 10, 2),
            "complaint",
            response_after=4 * H,
            closed=utc(2026, 11, 12, 2),
        )
        cls.a3.sudo().solution_decision = "accepted"
        # A complaint never started, closed 6 h after receipt (its first response), rejected.
        cls.a4 = cls._request(
            unit_a, utc(2026, 11, 20, 2), "complaint", closed=utc(2026, 11, 20, 8)
        )
        cls.a4.sudo().solution_decision = "rejected"
        # 2026-10-31 17:00 UTC is 1 November 01:00 in Shanghai: November for estate A.
        cls.a6 = cls._request(unit_a, utc(2026, 10, 31, 17), "basic")
        # An invalid complaint is a request, not a complaint.
        cls.a7 = cls._request(unit_a, utc(2026, 11, 15, 2), "complaint")
        cls.a7.sudo().complaint_severity = "invalid"
        # 2026-11-30 20:00 UTC is 1 December 04:00 in Shanghai: December for estate A.
        cls.a5 = cls._request(unit_a, utc(2026, 11, 30, 20), "consultation")
        # Estate A, October.
        cls.a8 = cls._request(unit_a, utc(2026, 10, 10, 2), response_after=1 * H)
        # Estate B (UTC), November: 2026-11-30 23:30 UTC is still November there. The complaint
        # is closed on 1 December 01:30 (first response after 2 h, closed in December).
        cls.b1 = cls._request(unit_b, utc(2026, 11, 2, 10), response_after=1 * H)
        cls.b2 = cls._request(
            unit_b, utc(2026, 11, 30, 23, 30), "complaint", closed=utc(2026, 12, 1, 1, 30)
        )
        # A request without an estate is in no estate's figures.
        cls._ticket(received_at=utc(2026, 11, 3, 2), area_scope="common")
        cls._callbacks()
        cls._promises()
        cls._work_orders()

    @classmethod
    def _callback(cls, ticket, done_at, satisfaction, state="done"):
        return cls.env["property.callback"].create(
            {
                "ticket_id": ticket.id,
                "due_date": date(2026, 11, 1),
                "state": state,
                "done_at": done_at,
                "satisfaction": satisfaction,
                "method": "phone",
                "phone_attestation": True,
            }
        )

    @classmethod
    def _callbacks(cls):
        # Callbacks scheduled by closing the requests above are still to do: not answered.
        cls._callback(cls.a3, utc(2026, 11, 13, 2), "5")  # A, November, satisfied
        cls._callback(cls.a1, utc(2026, 11, 14, 2), "3")  # A, November, neutral
        cls._callback(cls.a2, utc(2026, 11, 30, 18), "4")  # 1 December 02:00 in Shanghai
        cls._callback(cls.a8, utc(2026, 10, 15, 2), "5")  # A, October, satisfied
        cls._callback(cls.b1, utc(2026, 11, 5, 2), "2")  # B, November, dissatisfied

    @classmethod
    def _promises(cls):
        Promise = cls.env["property.promise"]
        tickets = cls.env["helpdesk.ticket"].search(
            [("estate_id", "in", (cls.estate_a | cls.estate_b).ids)]
        )
        tickets.promise_ids.unlink()  # the ones the policies started; ours replace them

        def promise(ticket, kind, deadline, state):
            return Promise.create(
                {
                    "ticket_id": ticket.id,
                    "policy_id": cls.policy.id,
                    "kind": kind,
                    "start_at": deadline - H,
                    "deadline": deadline,
                    "state": state,
                    "reached_at": deadline - H / 2 if state == "met" else False,
                }
            )

        promise(cls.a1, "relay", utc(2026, 11, 3, 2, 5), "met")
        promise(cls.a1, "response", utc(2026, 11, 3, 2, 30), "breached")
        promise(cls.a1, "handled", utc(2026, 11, 4, 2), "met")
        promise(cls.a1, "follow_up", utc(2026, 11, 5, 2), "running")  # recurring: never due
        promise(cls.a2, "on_site", utc(2026, 11, 6, 2), "cancelled")  # cancelled: not due
        promise(cls.a2, "handled", utc(2026, 11, 7, 2), "running")  # not decided yet
        promise(cls.b1, "handled", utc(2026, 11, 3, 10), "met")

    @classmethod
    def _work_orders(cls):
        WorkOrder = cls.env["property.work.order"]

        def order(ticket, state, done_at=False, **vals):
            work_order = WorkOrder.create({"ticket_id": ticket.id, **vals})
            work_order.write({"state": state, "done_at": done_at})
            return work_order

        wo1 = order(cls.a1, "done", utc(2026, 11, 4, 2))
        wo2 = order(cls.a2, "closed", utc(2026, 11, 6, 2))
        # wo1's rework is done (a rework is not counted itself); wo2's was cancelled.
        order(cls.a1, "done", utc(2026, 11, 8, 2), rework_of_id=wo1.id)
        order(cls.a2, "cancelled", rework_of_id=wo2.id)
        order(cls.a1, "dispatched")  # not done

    # Figures --------------------------------------------------------------------------------

    def figures(self, **kwargs):
        return {kpi["key"]: kpi for kpi in self.KPI.get_dashboard(month=NOVEMBER, **kwargs)["kpis"]}

    def test_every_kpi_of_all_estates(self):
        kpis = self.figures()
        expected = {
            # callbacks answered: a3 (5), a1 (3) in A; b1 (2) in B -> 1 satisfied / 3 = 33.3 %
            "satisfaction": (33.3, 1, 3),
            # requests: a1 a2 a3 a4 a6 a7 (A) + b1 b2 (B) = 8; valid complaints a3 a4 b2 = 3
            "complaint_rate": (37.5, 3, 8),
            # of a3 a4 b2 only a3 is closed with the solution accepted -> 1 / 3
            "complaint_resolution": (33.3, 1, 3),
            # answered: a1 2 h, a2 30 h, a3 4 h, a4 6 h (closed), b1 1 h, b2 2 h -> 45 h / 6
            "first_response": (7.5, 45, 6),
            # complaints closed in November: a3, a4 (b2 in December); called back: a3 -> 1 / 2
            "complaint_callback": (50.0, 1, 2),
            # due and decided: a1 relay met, response breached, handled met; b1 handled met
            "promise_compliance": (75.0, 3, 4),
            # done originals: wo1 (rework not cancelled), wo2 (rework cancelled) -> 1 / 2
            "rework_rate": (50.0, 1, 2),
        }
        for key, (value, numerator, denominator) in expected.items():
            kpi = kpis[key]
            self.assertEqual(
                (kpi["value"], kpi["numerator_value"], kpi["denominator_value"]),
                (value, numerator, denominator),
                key,
            )

    def test_previous_month_and_trend(self):
        kpis = self.figures()
        # October: a8 only (answered in 1 h), its callback satisfied; nothing else happened.
        self.assertEqual(kpis["satisfaction"]["previous"], 100.0)
        self.assertEqual(kpis["complaint_rate"]["previous"], 0.0)
        self.assertEqual(kpis["first_response"]["previous"], 1.0)
        self.assertIsNone(kpis["promise_compliance"]["previous"])  # nothing due: no figure
        self.assertIsNone(kpis["rework_rate"]["previous"])
        trend = kpis["complaint_rate"]["trend"]
        self.assertEqual(len(trend), 12)
        self.assertEqual(trend[-2:], [0.0, 37.5])
        self.assertEqual(trend[:-2], [None] * 10)
        months = self.KPI.get_dashboard(month=NOVEMBER)["months"]
        self.assertEqual((months[0], months[-1]), ("2025-12", "2026-11"))

    def test_estate_filter_and_time_zone_of_each_estate(self):
        kpis = self.figures(estate_ids=[self.estate_a.id])
        # A: requests a1 a2 a3 a4 a6 a7 = 6 (a6 is November in Shanghai, a5 December)
        self.assertEqual(kpis["complaint_rate"]["denominator_value"], 6)
        self.assertEqual(kpis["complaint_rate"]["value"], 33.3)  # a3 a4 / 6
        self.assertEqual(kpis["first_response"]["value"], 10.5)  # (2 + 30 + 4 + 6) / 4
        self.assertEqual(kpis["satisfaction"]["value"], 50.0)  # a3 satisfied, a1 neutral
        self.assertEqual(kpis["promise_compliance"]["value"], 66.7)  # 2 met of 3
        kpis = self.figures(estate_ids=[self.estate_b.id])
        # B: b1 and b2 (23:30 UTC on 30 November), b2 a complaint not resolved
        self.assertEqual(kpis["complaint_rate"]["value"], 50.0)
        self.assertEqual(kpis["complaint_resolution"]["value"], 0.0)
        self.assertIsNone(kpis["complaint_callback"]["value"])  # b2 closed in December
        rows = self.KPI.search_read(
            [("month", "=", "2026-12-01")],
            ["estate_id", "request_count", "callback_answered_count", "complaint_closed_count"],
        )
        december = {row["estate_id"][0]: row for row in rows}
        self.assertEqual(december[self.estate_a.id]["request_count"], 1)  # a5
        self.assertEqual(december[self.estate_a.id]["callback_answered_count"], 1)  # a2's
        self.assertEqual(december[self.estate_b.id]["complaint_closed_count"], 1)  # b2

    def test_drill_down_opens_exactly_the_records_counted(self):
        scopes = ([], [self.estate_a.id], [self.estate_b.id])
        for estate_ids in scopes:
            kpis = self.figures(estate_ids=estate_ids)
            for key, kpi in kpis.items():
                if key in FEE_KPIS:
                    continue  # sums of money, opened on real fee data: tests/fees/test_fee_figures
                for part in ("numerator", "denominator"):
                    action = self.KPI.action_open_kpi_records(key, part, NOVEMBER, estate_ids)
                    records = self.env[action["res_model"]].with_user(self.manager)
                    count = records.search_count(action["domain"])
                    expected = kpi[f"{part}_value"]
                    if expected is None:
                        continue  # no denominator (Prepaid, a sum of its own): none to open
                    if key == "first_response" and part == "numerator":
                        expected = kpi["denominator_value"]  # hours of the requests answered
                    self.assertEqual(count, expected, (key, part, estate_ids))
        # A point of the trend opens its own month: October's requests are a8 only.
        action = self.KPI.action_open_kpi_records("complaint_rate", "denominator", "2026-10-01")
        self.assertEqual(self.env["helpdesk.ticket"].search(action["domain"]), self.a8)
        action = self.KPI.action_open_kpi_records("satisfaction", "numerator", NOVEMBER)
        self.assertEqual(action["res_model"], "property.callback")
        self.assertEqual(self.env["property.callback"].search(action["domain"]).ticket_id, self.a3)
        self.assertIn([False, "pivot"], action["views"])

    def test_targets_come_from_the_settings(self):
        kpis = self.figures()
        self.assertEqual(
            {key: (kpi["direction"], kpi["target"]) for key, kpi in kpis.items()},
            {
                "satisfaction": (">=", 90.0),
                "complaint_rate": ("<=", 5.0),
                "complaint_resolution": (">=", 95.0),
                "first_response": ("<=", 24.0),
                "complaint_callback": (">=", 100.0),
                "promise_compliance": (">=", 90.0),
                "rework_rate": ("<=", 5.0),
                "collection_rate": (">=", 95.0),
                # No target in the Settings: shown as figures, never off target.
                "arrears_recovery": (">=", 0.0),
                "prepaid": (">=", 0.0),
            },
        )
        self.assertFalse(kpis["satisfaction"]["on_target"])  # 33.3 < 90
        self.assertTrue(kpis["first_response"]["on_target"])  # 7.5 h <= 24 h
        self.env["res.config.settings"].create(
            {
                "property_kpi_satisfaction_target": 30.0,
                "property_kpi_response_hours_target": 6.0,
                "property_kpi_collection_target": 80.0,
            }
        ).execute()
        kpis = self.figures()
        self.assertTrue(kpis["satisfaction"]["on_target"])  # 33.3 >= 30
        self.assertFalse(kpis["first_response"]["on_target"])  # 7.5 h > 6 h
        self.assertEqual(kpis["collection_rate"]["target"], 80.0)
        with self.assertRaises(ValidationError):
            self.company.property_kpi_rework_target = 120

    def test_staff_see_the_figures_of_their_estates_only(self):
        manager_b = self._user("psd_kpi_bm_b", "group_property_business_manager")
        self.estate_b.member_ids = [(4, manager_b.id)]
        dashboard = self.KPI.with_user(manager_b).get_dashboard(month=NOVEMBER)
        self.assertEqual([e["id"] for e in dashboard["estates"]], [self.estate_b.id])
        kpis = {kpi["key"]: kpi for kpi in dashboard["kpis"]}
        self.assertEqual(kpis["complaint_rate"]["denominator_value"], 2)  # b1, b2
        # Asking for estate A gives nothing for a manager of B.
        dashboard = self.KPI.with_user(manager_b).get_dashboard(
            estate_ids=[self.estate_a.id], month=NOVEMBER
        )
        self.assertEqual(dashboard["kpis"][1]["denominator_value"], 0)
        with self.assertRaises(AccessError):
            self.KPI.with_user(self.agent_a).get_dashboard(month=NOVEMBER)

    def test_dashboard_reads_one_aggregate_query(self):
        """Opening the dashboard aggregates in the database: one grouped query over the view,
        and no other query reads requests, callbacks, promises or work orders."""
        self.env.invalidate_all()  # cold cache: company, estates and user are read too
        with self.capturedQueries() as queries:
            self.KPI.get_dashboard(month=NOVEMBER)
        reads_facts = re.compile(
            r'\b(?:FROM|JOIN)\s+"?(?:helpdesk_ticket|property_callback|property_promise'
            r'|property_work_order)"?(?:\s|$)'
        )
        reading_facts = [q for q in queries if reads_facts.search(q)]
        self.assertEqual(len(reading_facts), 1, queries)
        self.assertIn("GROUP BY", reading_facts[0])
        self.assertIn("SUM(", reading_facts[0])
        # Facts older than the 12 months shown are left out before any grouping.
        for column in ("t.received_at", "t.closed_date", "c.done_at", "m.deadline", "w.done_at"):
            self.assertIn(f"AND {column} >= %s", reading_facts[0])

    def test_dashboard_query_runs_without_jit_then_jit_is_back(self):
        """PostgreSQL would compile the dashboard's query (costed far above what it takes) for
        longer than it runs: the aggregate runs with JIT off, and the setting is restored."""
        self.env.cr.execute("SELECT set_config('jit', 'on', true)")
        settings = []

        def note_jit(cr, code):
            if "SUM(" in code and "GROUP BY" in code:
                cr.execute("SHOW jit")  # captured too, but not an aggregate
                settings.append(cr.fetchone()[0])

        with self.capturedQueries(before=note_jit):
            self.KPI.get_dashboard(month=NOVEMBER)
        # Each aggregate of the dashboard (requests and the fees' view) runs with JIT off.
        self.assertEqual(settings, ["off", "off"])
        self.env.cr.execute("SHOW jit")
        self.assertEqual(self.env.cr.fetchone()[0], "on")

    def test_facts_before_the_months_shown_are_left_out(self):
        rows = self.KPI.search_read([("estate_id", "=", self.estate_a.id)], ["month"])
        self.assertIn(date(2026, 10, 1), [row["month"] for row in rows])
        # 1 November 00:00 in Shanghai is 31 October 16:00 UTC: a6 (17:00 UTC) is kept.
        recent = self.KPI.with_context(property_kpi_since=utc(2026, 10, 31, 16))
        rows = recent.search_read(
            [("estate_id", "=", self.estate_a.id)], ["month", "request_count"]
        )
        self.assertEqual(
            {row["month"]: row["request_count"] for row in rows},
            {date(2026, 11, 1): 6, date(2026, 12, 1): 1},
        )

    def test_usage_page_states_every_kpi_as_defined(self):
        """The KPI table of readme/usage/oversight.md has one row per KPI of the dashboard, with
        its direction and default target: the page cannot drift from the definitions."""
        usage = (ROOT / "readme" / "usage" / "oversight.md").read_text()
        table = usage.split("| KPI | numerator / denominator |", 1)[1].split("\n\n", 1)[0]
        rows = {
            row.split("|")[1].strip(): row.split("|")[-2].strip() for row in table.splitlines()[2:]
        }
        kpis = self.figures().values()  # every KPI of the dashboard, the fees' ones included
        self.assertEqual(len(rows), len(kpis))
        for kpi in kpis:
            label = kpi["label"].lower()
            target_cell = next(
                (cell for name, cell in rows.items() if name.startswith(label + " ")), None
            )
            self.assertIsNotNone(target_cell, f"no row for the KPI {label}")
            sign = "≥" if kpi["direction"] == ">=" else "≤"
            self.assertTrue(
                target_cell.startswith(f"{sign} {kpi['target']:g} {kpi['unit']}"),
                f"{label}: the page says {target_cell!r}",
            )
