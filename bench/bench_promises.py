"""Service-time engine benchmark: cost of the scheduled action against database size, and cost of
creating requests against plain helpdesk_mgmt tickets. Run through bench/run.sh."""

import argparse
import statistics
import threading
import time
from datetime import timedelta

from figures import figure

import odoo
from odoo import SUPERUSER_ID, api, fields

DUE = 1000
OPEN_SHARE = 10  # one request in OPEN_SHARE is still open
PROMISE_KINDS = ("relay", "handled", "follow_up", "progress")
CREATE_COUNT = 10000
BATCH = 500
SINGLE_COUNT = 500  # requests registered one per call, as an agent does
QUIET = {"tracking_disable": True, "mail_create_nolog": True, "mail_notrack": True}


class Bench:
    def __init__(self, db):
        self.registry = odoo.modules.registry.Registry(db)
        self.cr = self.registry.cursor()
        self.env = api.Environment(self.cr, SUPERUSER_ID, QUIET)
        self.now = fields.Datetime.now().replace(microsecond=0)

    # Seeding --------------------------------------------------------------------------------

    def prepare(self):
        env = self.env
        env.company.helpdesk_mgmt_ticket_auto_assign = False
        self.estate = env["property.estate"].search([("code", "=", "BENCH")])
        if self.estate:  # a database seeded by an earlier run
            self.unit = self.estate.unit_ids[:1]
            self.template = env["helpdesk.ticket"].search([("name", "=", "Template")], limit=1)
        else:
            self._create_estate()
        # The template's own promises would fall due while the benchmark runs: not part of it.
        self.cr.execute(
            "UPDATE property_promise SET state = 'cancelled'"
            " WHERE ticket_id = %s AND state = 'running'",
            [self.template.id],
        )
        self.policies = {
            kind: env["property.promise.policy"].search([("kind", "=", kind)], limit=1)
            for kind in PROMISE_KINDS
        }
        self.cr.commit()

    def _create_estate(self):
        env = self.env
        users = env["res.users"].with_context(no_reset_password=True)
        handler, manager = (
            users.create({"name": f"Bench {role}", "login": f"bench_{role}"})
            for role in ("handler", "manager")
        )
        self.estate = env["property.estate"].create(
            {"name": "Bench Estate", "code": "BENCH", "project_manager_id": manager.id}
        )
        building = env["property.building"].create({"name": "1", "estate_id": self.estate.id})
        self.unit = env["property.unit"].create({"name": "101", "building_id": building.id})
        self.template = env["helpdesk.ticket"].create(
            {
                "name": "Template",
                "description": "<p>x</p>",
                "unit_id": self.unit.id,
                "user_id": handler.id,
            }
        )

    def grow_to(self, size):
        """Add requests by SQL until there are `size`; one in OPEN_SHARE is open."""
        cr = self.cr
        cr.execute("SELECT count(*), max(id) FROM helpdesk_ticket")
        count, last_id = cr.fetchone()
        missing = size - count
        if missing <= 0:
            return
        cr.execute(
            "SELECT column_name FROM information_schema.columns"
            " WHERE table_name = 'helpdesk_ticket' AND column_name NOT IN ('id', 'number')"
        )
        columns = [row[0] for row in cr.fetchall()]
        names = ", ".join(f'"{c}"' for c in columns)
        cr.execute(
            f"INSERT INTO helpdesk_ticket (number, {names})"
            f" SELECT 'B' || g, {names} FROM helpdesk_ticket, generate_series(1, %s) g"
            " WHERE helpdesk_ticket.id = %s",
            [missing, self.template.id],
        )
        for kind in PROMISE_KINDS:
            policy = self.policies[kind]
            cr.execute(
                """
                INSERT INTO property_promise
                    (ticket_id, policy_id, kind, target_minutes, estate_id,
                     request_kind, start_at, deadline, reached_at, state, occurrences,
                     minutes_taken, create_uid, write_uid, create_date, write_date)
                SELECT t.id, %(policy)s, %(kind)s, %(target)s, t.estate_id,
                       t.request_kind, %(start)s, %(future)s,
                       CASE WHEN t.id %% %(share)s = 0 THEN NULL ELSE %(start)s END,
                       CASE WHEN t.id %% %(share)s = 0 THEN 'running'
                            WHEN %(kind)s IN ('follow_up', 'progress') THEN 'cancelled'
                            ELSE 'met' END,
                       0, 0, 1, 1, now(), now()
                  FROM helpdesk_ticket t WHERE t.id > %(last)s
                """,
                {
                    "policy": policy.id,
                    "kind": kind,
                    "target": policy.target_minutes,
                    "start": self.now - timedelta(days=30),
                    "future": self.now + timedelta(days=1),
                    "share": OPEN_SHARE,
                    "last": last_id,
                },
            )
        cr.execute("ANALYZE helpdesk_ticket; ANALYZE property_promise")
        cr.commit()

    # Measures -------------------------------------------------------------------------------

    def cron_pass(self, due, batched=True, passes=3):
        """Time of one scheduled-action pass with `due` promises due (rolled back after).
        `batched=False`: the same pass acting on the promises one by one (the former way)."""
        Promise = self.env["property.promise"]

        def one_by_one():
            quiet = Promise.with_context(property_scheduled=True, mail_notify_force_send=False)
            return quiet._due_queue(self.now).run(lambda m: m._act_on_due(self.now), 200)

        def one_pass():
            if due:
                self.cr.execute(
                    "UPDATE property_promise SET deadline = %s WHERE id IN ("
                    " SELECT id FROM property_promise WHERE state = 'running'"
                    " AND kind = 'handled' ORDER BY id DESC LIMIT %s)",
                    [self.now - timedelta(minutes=1), due],
                )
                self.env.invalidate_all()
            start = time.perf_counter()
            done = Promise._cron_process_due(now=self.now) if batched else one_by_one()
            elapsed = time.perf_counter() - start
            assert done == due, (done, due)
            self.cr.rollback()
            self.env.invalidate_all()
            return elapsed

        return statistics.median(one_pass() for _ in range(passes))

    def vals(self):
        return {
            "name": "Water leak",
            "description": "<p>Leak in the kitchen.</p>",
            "unit_id": self.unit.id,
            "request_kind": "repair",
            "urgency": "general",
        }

    def create_batch(self, size=BATCH):
        """Time to create one batch of requests with estate, unit and kind (not rolled back)."""
        vals = self.vals()
        start = time.perf_counter()
        self.env["helpdesk.ticket"].create([dict(vals) for _ in range(size)])
        self.env.flush_all()
        return time.perf_counter() - start

    def close(self):
        self.cr.close()


class PlainBench:
    """The same batches as plain helpdesk_mgmt tickets, in a database without the addon."""

    def __init__(self, db):
        self.cr = odoo.modules.registry.Registry(db).cursor()
        self.env = api.Environment(self.cr, SUPERUSER_ID, QUIET)
        self.env.company.helpdesk_mgmt_ticket_auto_assign = False

    def create_batch(self, size=BATCH):
        vals = {"name": "Water leak", "description": "<p>Leak in the kitchen.</p>"}
        start = time.perf_counter()
        self.env["helpdesk.ticket"].create([dict(vals) for _ in range(size)])
        self.env.flush_all()
        return time.perf_counter() - start

    def close(self):
        self.cr.rollback()
        self.cr.close()


def compare_creation(bench, plain, count, size):
    """Alternate plain and addon batches of `size`, so that a change of load hits both sides
    alike; the ORM cache is emptied every 50 calls, as a new request would find it."""
    totals = {"plain": 0.0, "ours": 0.0}
    for n in range(max(count // size, 1)):
        totals["plain"] += plain.create_batch(size)
        totals["ours"] += bench.create_batch(size)
        if n % 50 == 49:
            plain.env.invalidate_all()
            bench.env.invalidate_all()
    plain.cr.rollback()
    bench.cr.rollback()
    return totals["plain"], totals["ours"]


def report_cron(bench, sizes, compare_due):
    print("\n== Scheduled action (act on due promises), median of 3 passes ==")
    print(f"{'requests':>10} {'nothing due (s)':>16} {f'{DUE} due (s)':>14} {'ms a promise':>15}")
    with_due = {}
    for size in sizes:
        bench.grow_to(size)
        idle = bench.cron_pass(0)
        with_due[size] = bench.cron_pass(DUE)
        per_promise = 1000 * with_due[size] / DUE
        print(f"{size:>10} {idle:>16.4f} {with_due[size]:>14.3f} {per_promise:>15.1f}", flush=True)
    ratio = with_due[sizes[-1]] / with_due[sizes[0]]
    print(f"ratio time({sizes[-1]}) / time({sizes[0]}) with {DUE} due: {ratio:.2f}  (goal <= 1.5)")
    if compare_due:
        # Side by side at the last size, on fewer promises: the batched pass and the former
        # one-by-one pass, so that the machine's load hits both alike.
        batched = bench.cron_pass(compare_due, passes=1)
        single = bench.cron_pass(compare_due, batched=False, passes=1)
        print(
            f"{compare_due} due: batched {1000 * batched / compare_due:.1f} ms a promise,"
            f" one by one {1000 * single / compare_due:.1f} ms: {single / batched:.1f} times faster"
        )
        # The 45 ms one by one, divided by this speed-up, against the 5 ms goal.
        figure("due_promise_speedup", single / batched, ">=", 9, digits=1)
    figure("ms_per_due_promise", 1000 * max(with_due.values()) / DUE, "<=", 5, digits=1)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--config", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--plain-db", required=True)
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--single-count", type=int, default=SINGLE_COUNT)
    parser.add_argument("--create-count", type=int, default=CREATE_COUNT)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--compare-due", type=int, default=100, help="due promises of the side-by-side pass"
    )
    args = parser.parse_args()
    odoo.tools.config.parse_config(["-c", args.config, "--log-level=warn"])
    # The action commits each batch; the benchmark rolls each pass back instead.
    threading.current_thread().testing = True
    sizes = [int(size) for size in args.sizes.split(",") if size]

    bench = Bench(args.db)
    bench.prepare()
    plain_bench = PlainBench(args.plain_db)
    # Creation first, while both databases are equally empty.
    singles = args.single_count
    print(f"\n== Registering {singles} requests one per call, alternating, {args.repeat} rounds ==")
    ratios = []
    for _ in range(args.repeat):
        plain, ours = compare_creation(bench, plain_bench, singles, 1)
        ratios.append(ours / plain)
        print(
            f"plain {1000 * plain / singles:.1f} ms, ours {1000 * ours / singles:.1f} ms"
            f" a request: ratio {ours / plain:.2f}"
        )
    if args.create_count:
        print(f"\n== Creating {args.create_count} requests in batches of {BATCH}, alternating ==")
        plain, ours = compare_creation(bench, plain_bench, args.create_count, BATCH)
        print(f"plain helpdesk_mgmt tickets: {plain:.2f} s")
        print(f"property_service_desk requests (estate, unit, kind, promises): {ours:.2f} s")
        print(f"ratio in batches: {ours / plain:.2f}")
    if ratios:
        figure("registration_ratio", statistics.median(ratios), "<=", 1.2)
    plain_bench.close()
    if sizes:
        report_cron(bench, sizes, args.compare_due)
    bench.close()


if __name__ == "__main__":
    main()
