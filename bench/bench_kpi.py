"""Quality dashboard benchmark: opening the dashboard (one aggregate query over the KPI view)
against plain `_read_group` calls on the fact models for the same figures, in one run.

Seeds requests by SQL (complaints, answers, closings, callbacks, promises, work orders and
reworks spread over 14 months and several estates), measures, checks that both ways give the
same figures, and rolls everything back. Run through bench/run.sh, or alone:

    python bench/bench_kpi.py --config odoo.conf --db DB --requests 100000
"""

import argparse
import re
import statistics
import time
from unittest.mock import patch

from dateutil.relativedelta import relativedelta
from figures import figure

import odoo
from odoo import SUPERUSER_ID, api, fields
from odoo.sql_db import Cursor
from odoo.tools import SQL

PASSES = 5
TZ = "Asia/Shanghai"
QUIET = {"tracking_disable": True, "mail_create_nolog": True, "mail_notrack": True}
# A query that reads one of the fact tables (not merely a column named after one).
READS_FACTS = re.compile(
    r'\b(?:FROM|JOIN)\s+"?(?:helpdesk_ticket|property_callback|property_promise'
    r'|property_work_order)"?(?:\s|$)'
)


class KpiBench:
    def __init__(self, db, requests, estates):
        self.registry = odoo.modules.registry.Registry(db)
        self.cr = self.registry.cursor()
        self.env = api.Environment(self.cr, SUPERUSER_ID, dict(QUIET, tz=TZ))
        self.requests = requests
        self.estate_count = estates
        self.now = fields.Datetime.now().replace(microsecond=0)

    # Seeding (rolled back at the end) -------------------------------------------------------

    def seed(self):
        env = self.env
        env.company.helpdesk_mgmt_ticket_auto_assign = False
        calendar = env["resource.calendar"].create({"name": "Bench KPI", "tz": TZ})
        self.estates = env["property.estate"].create(
            [
                {"name": f"KPI Bench {n}", "code": f"KPIB{n}", "resource_calendar_id": calendar.id}
                for n in range(self.estate_count)
            ]
        )
        units = env["property.unit"].create(
            [
                {
                    "name": "101",
                    "building_id": env["property.building"]
                    .create({"name": "1", "estate_id": estate.id})
                    .id,
                }
                for estate in self.estates
            ]
        )
        template = env["helpdesk.ticket"].create(
            {
                "name": "Template",
                "description": "<p>x</p>",
                "unit_id": units[0].id,
                "request_kind": "repair",
            }
        )
        order = env["property.work.order"].create({"ticket_id": template.id})
        env.flush_all()
        closed_stage = env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        self.cr.execute("SELECT COALESCE(max(id), 0) FROM helpdesk_ticket")
        self.first_id = self.cr.fetchone()[0] + 1
        estate_ids = f"ARRAY[{','.join(map(str, self.estates.ids))}]"
        unit_ids = f"ARRAY[{','.join(map(str, units.ids))}]"
        pick = f"1 + g %% {self.estate_count}"
        received = "%(now)s - (g %% 600000) * interval '1 minute'"  # ~14 months
        self._clone(
            "helpdesk_ticket",
            template.id,
            self.requests,
            {
                "number": "'KPI' || g",
                "estate_id": f"({estate_ids})[{pick}]",
                "unit_id": f"({unit_ids})[{pick}]",
                "building_id": "NULL",
                "request_kind": "CASE WHEN g %% 20 = 0 THEN 'complaint'"
                " WHEN g %% 3 = 0 THEN 'repair' ELSE 'basic' END",
                "complaint_severity": "CASE WHEN g %% 20 = 0 THEN"
                " (CASE WHEN g %% 100 = 0 THEN 'invalid' ELSE 'minor' END) END",
                "received_at": received,
                "response_started_at": f"CASE WHEN g %% 7 <> 0 THEN {received}"
                " + (g %% 48) * interval '1 hour' END",
                "stage_id": f"CASE WHEN g %% 2 = 0 THEN {closed_stage.id} ELSE t.stage_id END",
                "closed_date": f"CASE WHEN g %% 2 = 0 THEN {received} + interval '30 hours' END",
                "solution_decision": "CASE WHEN g %% 40 = 0 THEN 'accepted'"
                " WHEN g %% 20 = 0 THEN 'pending' END",
            },
        )
        self._seed_callbacks()
        self._seed_promises()
        self._clone(
            "property_work_order",
            order.id,
            self.requests // 3,
            {
                "name": "'WOK' || g",
                "ticket_id": f"{self.first_id} - 1 + g * 3",
                "estate_id": "(SELECT estate_id FROM helpdesk_ticket"
                f" WHERE id = {self.first_id} - 1 + g * 3)",
                "state": "'done'",
                "done_at": "%(now)s - (g %% 400) * interval '1 day'",
            },
        )
        self.cr.execute(
            "INSERT INTO property_work_order (name, ticket_id, company_id, estate_id, state,"
            " rework_of_id, create_uid, write_uid, create_date, write_date)"
            " SELECT 'R' || w.name, w.ticket_id, w.company_id, w.estate_id,"
            " CASE WHEN w.id % 2 = 0 THEN 'draft' ELSE 'cancelled' END, w.id, 1, 1, now(), now()"
            " FROM property_work_order w WHERE w.name LIKE 'WOK%' AND w.id % 10 = 0"
        )
        self.cr.execute(
            "ANALYZE helpdesk_ticket; ANALYZE property_callback;"
            " ANALYZE property_promise; ANALYZE property_work_order"
        )
        env.invalidate_all()

    def _clone(self, table, template_id, count, overrides):
        self.cr.execute(
            "SELECT column_name FROM information_schema.columns"
            " WHERE table_name = %s AND column_name <> 'id'",
            [table],
        )
        columns = [row[0] for row in self.cr.fetchall()]
        values = [overrides.get(c, f't."{c}"') for c in columns]
        self.cr.execute(
            f"INSERT INTO {table} ({', '.join(f'{chr(34)}{c}{chr(34)}' for c in columns)})"
            f" SELECT {', '.join(values)} FROM {table} t, generate_series(1, %(count)s) g"
            f" WHERE t.id = %(template)s",
            {"count": count, "template": template_id, "now": self.now},
        )

    def _seed_callbacks(self):
        """One done callback per closed request in two (counted from the first request seeded,
        whatever its id), one in five of them unsatisfied."""
        self.cr.execute(
            """
            INSERT INTO property_callback (name, ticket_id, estate_id, company_id, request_kind,
                sequence, due_date, state, done_at, satisfaction, is_satisfied, is_on_time,
                method, phone_attestation, create_uid, write_uid, create_date, write_date)
            SELECT t.number, t.id, t.estate_id, t.company_id, t.request_kind, 'first',
                   (t.closed_date + interval '3 days')::date, 'done',
                   t.closed_date + interval '1 day',
                   CASE WHEN t.id %% 5 = 0 THEN '2' ELSE '5' END, t.id %% 5 <> 0, TRUE,
                   'phone', TRUE, 1, 1, now(), now()
              FROM helpdesk_ticket t
             WHERE t.id >= %(first)s AND t.closed_date IS NOT NULL
               AND (t.id - %(first)s) %% 4 = 1
            """,
            {"first": self.first_id},
        )

    def _seed_promises(self):
        """A response and a handled promise per request; one in six breached."""
        policy = self.env["property.promise.policy"].search([], limit=1)
        for kind, hours in (("response", 1), ("handled", 24)):
            self.cr.execute(
                """
                INSERT INTO property_promise (ticket_id, policy_id, kind,
                    target_minutes, estate_id, request_kind, start_at, deadline, reached_at,
                    state, occurrences, minutes_taken, create_uid, write_uid, create_date,
                    write_date)
                SELECT t.id, %(policy)s, %(kind)s, 60, t.estate_id, t.request_kind,
                       t.received_at, t.received_at + %(hours)s * interval '1 hour',
                       t.received_at, CASE WHEN t.id %% 6 = 0 THEN 'breached' ELSE 'met' END,
                       0, 0, 1, 1, now(), now()
                  FROM helpdesk_ticket t WHERE t.id >= %(first)s
                """,
                {"policy": policy.id, "kind": kind, "hours": hours, "first": self.first_id},
            )

    # Measures -------------------------------------------------------------------------------

    def month(self):
        return self.env["property.estate"]._local_date().replace(day=1)  # the estate clock

    def dashboard(self):
        """Time of one get_dashboard (cold ORM cache), its queries and its result."""
        KPI = self.env["property.kpi.monthly"]
        queries = []
        execute = Cursor.execute

        def spy(cr, query, params=None, log_exceptions=True):
            queries.append(query.code if isinstance(query, SQL) else str(query))
            return execute(cr, query, params, log_exceptions)

        self.env.invalidate_all()
        with patch.object(Cursor, "execute", spy):
            start = time.perf_counter()
            result = KPI.get_dashboard(estate_ids=self.estates.ids, month=self.month())
            elapsed = time.perf_counter() - start
        facts = [q for q in queries if READS_FACTS.search(q)]
        assert len(facts) == 1 and "GROUP BY" in facts[0] and "SUM(" in facts[0], facts
        return elapsed, len(queries), result

    def plain_read_group(self):
        """The same figures of the same 12 months with _read_group on the fact models."""
        month = self.month()
        first = month - relativedelta(months=11)
        self.env.invalidate_all()
        start = time.perf_counter()
        figures = self._plain_figures(first, month + relativedelta(months=1))
        return time.perf_counter() - start, figures

    def _plain_figures(self, start, end):
        env = self.env
        estates = [("estate_id", "in", self.estates.ids)]

        def counts(model, date_field, domain):
            groups = env[model]._read_group(
                estates + domain + [(date_field, ">=", start), (date_field, "<", end)],
                [f"{date_field}:month"],
                ["__count"],
            )
            return {fields.Date.to_date(day).replace(day=1): count for day, count in groups}

        complaint = [("request_kind", "=", "complaint"), ("complaint_severity", "!=", "invalid")]
        closed_complaint = complaint + [("closed", "=", True), ("is_declined", "=", False)]
        done_orders = [("rework_of_id", "=", False), ("state", "in", ("done", "signed", "closed"))]
        decided = [
            ("state", "in", ("met", "breached")),
            ("kind", "not in", ("follow_up", "progress")),
        ]
        return {
            "request_count": counts("helpdesk.ticket", "received_at", []),
            "complaint_count": counts("helpdesk.ticket", "received_at", complaint),
            "complaint_resolved_count": counts(
                "helpdesk.ticket",
                "received_at",
                complaint + [("closed", "=", True), ("solution_decision", "=", "accepted")],
            ),
            "response_count": counts(
                "helpdesk.ticket",
                "received_at",
                ["|", ("response_started_at", "!=", False), ("closed_date", "!=", False)],
            ),
            "complaint_closed_count": counts("helpdesk.ticket", "closed_date", closed_complaint),
            "complaint_called_back_count": counts(
                "helpdesk.ticket",
                "closed_date",
                closed_complaint + [("callback_ids", "any", [("state", "=", "done")])],
            ),
            "callback_answered_count": counts(
                "property.callback", "done_at", [("state", "=", "done")]
            ),
            "callback_satisfied_count": counts(
                "property.callback",
                "done_at",
                [("state", "=", "done"), ("is_satisfied", "=", True)],
            ),
            "promise_due_count": counts("property.promise", "deadline", decided),
            "promise_met_count": counts(
                "property.promise", "deadline", decided + [("state", "=", "met")]
            ),
            "work_order_done_count": counts("property.work.order", "done_at", done_orders),
            "work_order_rework_count": counts(
                "property.work.order",
                "done_at",
                done_orders + [("rework_ids", "any", [("state", "!=", "cancelled")])],
            ),
        }

    def check_same_figures(self, dashboard, plain):
        """Both ways must agree on the month shown: numerators and denominators."""
        month = self.month()
        for kpi in dashboard["kpis"]:
            for part in ("numerator", "denominator"):
                counter = kpi[part]
                if counter == "response_hours":
                    continue  # _read_group cannot sum a duration between two columns
                ours = kpi[f"{part}_value"]
                theirs = plain[counter].get(month, 0)
                assert ours == theirs, (kpi["key"], part, ours, theirs)

    def close(self):
        self.cr.rollback()
        self.cr.close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--config", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--requests", type=int, default=100000)
    parser.add_argument("--estates", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=3, help="seed, measure, roll back: runs")
    args = parser.parse_args()
    odoo.tools.config.parse_config(["-c", args.config, "--log-level=warn"])

    ratios = []
    for _ in range(args.repeat):
        bench = KpiBench(args.db, args.requests, args.estates)
        try:
            ratios.append(run(bench, args))
        finally:
            bench.close()
    figure("dashboard_ratio", statistics.median(ratios), "<=", 1.2)


def run(bench, args):
    print(f"\n== Quality dashboard over {args.requests} requests in {args.estates} estates ==")
    start = time.perf_counter()
    bench.seed()
    print(f"seeded by SQL in {time.perf_counter() - start:.1f} s (rolled back at the end)")
    # Alternately, so that a change of the machine's load hits both ways alike.
    dashboard_times, plain_times = [], []
    for _ in range(PASSES):
        elapsed, query_count, dashboard = bench.dashboard()
        dashboard_times.append(elapsed)
        elapsed, plain = bench.plain_read_group()
        plain_times.append(elapsed)
    dashboard_time = statistics.median(dashboard_times)
    plain_time = statistics.median(plain_times)
    bench.check_same_figures(dashboard, plain)
    print(
        f"dashboard (get_dashboard, 12 months x 7 KPIs): {dashboard_time * 1000:.1f} ms,"
        f" {query_count} queries, 1 aggregate query over the KPI view"
    )
    print(f"plain _read_group of the same counters (12 calls): {plain_time * 1000:.1f} ms")
    print(f"ratio dashboard / read_group: {dashboard_time / plain_time:.2f}")
    return dashboard_time / plain_time


if __name__ == "__main__":
    main()
