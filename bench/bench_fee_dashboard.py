"""Fee figures on the quality dashboard (SPEC §10: 收缴率, 清欠率 and prepaid) over many bills:
opening the dashboard's fee cards against a plain `_read_group` of the same bills' totals and
residuals per month, in one run, at each size.

Seeds posted fee bills by SQL (copies of a bill and a desk payment made through the ORM),
spread over a 50-estate group and the dashboard's 12 months, and their settlement (partial
reconciliations): most paid in their month, some later (arrears recovered), some waived by a
credit note, some left owing, some paid with a month more left on account (prepaid: those
payments are copied whole, `account.payment`, entry and open receivable line). What the
figures and plain `_read_group` never read is not copied (the bills' lines, the other
payments' entries), to keep the seeding of a million bills within minutes on a small machine.
Sizes grow in one transaction (the next size adds bills to the same months), which is rolled
back at the end. Run through
bench/run.sh (part `feekpi`) or alone:

    python bench/bench_fee_dashboard.py --config odoo.conf --db DB --bills 100000,1000000
"""

import argparse
import os
import statistics
import threading
import time
from datetime import date
from unittest.mock import patch

from dateutil.relativedelta import relativedelta
from figures import figure  # bench/figures.py: Python puts the script's folder on the path

import odoo
from odoo import SUPERUSER_ID, Command, api, fields
from odoo.sql_db import Cursor
from odoo.tools import SQL

ESTATES = 50
MONTHS = 12
FIRST = date(2031, 1, 1)
LAST = FIRST + relativedelta(months=MONTHS - 1)
PASSES = 5
QUIET = {"tracking_disable": True, "mail_create_nolog": True, "mail_notrack": True}
AMOUNT = 100.0


class FeeDashboardBench:
    def __init__(self, db):
        self.registry = odoo.modules.registry.Registry(db)
        self.cr = self.registry.cursor()
        self.env = api.Environment(self.cr, SUPERUSER_ID, dict(QUIET))
        self.seeded = 0

    # Templates, through the ORM ---------------------------------------------------------------

    def templates(self):
        env = self.env
        self.estates = env["property.estate"].create(
            # codes of this run's own, so that two runs at once do not wait for each other
            [{"name": f"Fee KPI {n}", "code": f"FKB{os.getpid()}-{n}"} for n in range(ESTATES)]
        )
        buildings = env["property.building"].create(
            [{"name": "1", "estate_id": estate.id} for estate in self.estates]
        )
        owner = env["res.partner"].create({"name": "Fee KPI owner"})
        self.units = env["property.unit"].create(
            [
                {"name": "101", "building_id": building.id, "owner_id": owner.id}
                for building in buildings
            ]
        )
        product = env["product.product"].create(
            {"name": "Fee KPI", "type": "service", "taxes_id": [Command.clear()]}
        )
        bill = env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": owner.id,
                "invoice_date": FIRST,
                "property_estate_id": self.estates[0].id,
                "property_unit_id": self.units[0].id,
                "property_fee_period": FIRST,
                "property_is_fee_bill": True,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "name": "Fee",
                            "quantity": 1,
                            "price_unit": AMOUNT,
                        }
                    )
                ],
            }
        )
        bill.action_post()
        journal = env["account.journal"].search(
            [("type", "=", "cash"), ("company_id", "=", env.company.id)], limit=1
        )
        payment = env["account.payment"].create(
            {
                "payment_type": "inbound",
                "partner_type": "customer",
                "partner_id": owner.id,
                "amount": AMOUNT,
                "journal_id": journal.id,
                "date": FIRST,
                "property_unit_id": self.units[0].id,
                "property_estate_id": self.estates[0].id,
            }
        )
        payment.action_post()
        receivable = bill.line_ids.filtered(lambda line: line.account_type == "asset_receivable")
        credit = payment.move_id.line_ids.filtered(
            lambda line: line.account_id == receivable.account_id
        )
        (receivable + credit).reconcile()
        env.flush_all()
        self.t_bill = bill
        self.t_bill_receivable = receivable
        self.t_bill_charge = bill.invoice_line_ids
        self.t_payment = payment
        self.t_payment_line = credit
        self.t_partial = receivable.matched_credit_ids
        assert len(self.t_partial) == 1, self.t_partial

    # Copies, by SQL -----------------------------------------------------------------------------

    def _clone(self, table, template_id, source, overrides):
        """INSERT INTO table SELECT (template's columns, some overridden) FROM source: the
        template row is `t`, the source's rows `s`."""
        self.cr.execute(
            "SELECT column_name FROM information_schema.columns"
            " WHERE table_name = %s AND column_name <> 'id' ORDER BY ordinal_position",
            [table],
        )
        columns = [row[0] for row in self.cr.fetchall()]
        values = [overrides.get(c, f't."{c}"') for c in columns]
        quoted = ", ".join(f'"{c}"' for c in columns)
        self.cr.execute(
            f"INSERT INTO {table} ({quoted}) SELECT {', '.join(values)}"
            f" FROM {table} t, ({source}) s WHERE t.id = %(template)s",
            {"template": template_id},
        )

    def seed(self, count):
        """`count` more bills over the estates and months, with their settlement.

        Of a hundred bills: 7 owing, 10 paid one to three months late, 1 waived by a credit
        note, the rest paid in their month, 3 of them by a payment of two months whose second
        half stays on account (prepaid)."""
        cr = self.cr
        first, last = self.seeded + 1, self.seeded + count
        estates = f"ARRAY[{','.join(map(str, self.estates.ids))}]"
        units = f"ARRAY[{','.join(map(str, self.units.ids))}]"
        cr.execute("DROP TABLE IF EXISTS bench_fee_bill")
        cr.execute(
            f"""
            CREATE TEMP TABLE bench_fee_bill AS
            SELECT g, ({estates})[1 + g % {ESTATES}] AS estate_id,
                   ({units})[1 + g % {ESTATES}] AS unit_id,
                   (DATE '{FIRST}' + ((g / {ESTATES}) % {MONTHS}) * interval '1 month')::date
                       AS period,
                   CASE WHEN abs(hashint4(g)) % 100 < 7 THEN 'owing'
                        WHEN abs(hashint4(g)) % 100 < 17 THEN 'late'
                        WHEN abs(hashint4(g)) % 100 < 20 THEN 'ahead'
                        WHEN abs(hashint4(g)) % 100 < 21 THEN 'waived'
                        ELSE 'paid' END AS settled
              FROM generate_series({first}, {last}) g
            """
        )
        cr.execute(
            """
            ALTER TABLE bench_fee_bill ADD COLUMN paid_on date;
            UPDATE bench_fee_bill SET paid_on = CASE settled
                WHEN 'owing' THEN NULL
                WHEN 'late' THEN period + (1 + g % 3) * interval '1 month' + interval '9 days'
                ELSE period + interval '9 days' END;
            ALTER TABLE bench_fee_bill ADD COLUMN pay_move_id int, ADD COLUMN credit_id int;
            """
        )
        self._clone(
            "account_move",
            self.t_bill.id,
            "SELECT * FROM bench_fee_bill",
            {
                "name": "'FKB/' || s.g",
                "sequence_prefix": "'FKB/'",
                "sequence_number": "s.g",
                "property_estate_id": "s.estate_id",
                "property_unit_id": "s.unit_id",
                "property_fee_period": "s.period",
                "invoice_date": "s.period",
                "date": "s.period",
                "invoice_date_due": "s.period",
                "amount_residual": f"CASE WHEN s.settled = 'owing' THEN {AMOUNT} ELSE 0 END",
                "amount_residual_signed": f"CASE WHEN s.settled = 'owing' THEN {AMOUNT} ELSE 0 END",
                "payment_state": "CASE WHEN s.settled = 'owing' THEN 'not_paid' ELSE 'paid' END",
            },
        )
        # A payment of two months, one applied: a desk payment whose receivable line stays
        # open by the other month (prepaid, read through the open credits).
        ahead = "SELECT * FROM bench_fee_bill WHERE settled = 'ahead'"
        self._clone(
            "account_move",
            self.t_payment.move_id.id,
            ahead,
            {
                "name": "'FKP/' || s.g",
                "sequence_prefix": "'FKP/'",
                "sequence_number": "s.g",
                "date": "s.paid_on",
                "origin_payment_id": "NULL",
            },
        )
        cr.execute(
            "UPDATE bench_fee_bill b SET pay_move_id = m.id FROM account_move m"
            " WHERE m.sequence_prefix = 'FKP/' AND m.sequence_number = b.g"
            " AND m.journal_id = %s",
            [self.t_payment.move_id.journal_id.id],
        )
        self._clone(
            "account_payment",
            self.t_payment.id,
            ahead,
            {
                "move_id": "s.pay_move_id",
                "name": "'FKP/' || s.g",
                "date": "s.paid_on",
                "amount": f"{2 * AMOUNT}",
                "amount_company_currency_signed": f"{2 * AMOUNT}",
                "property_estate_id": "s.estate_id",
                "property_unit_id": "s.unit_id",
            },
        )
        self._clone(
            "account_move_line",
            self.t_payment_line.id,
            ahead,
            {
                "move_id": "s.pay_move_id",
                "move_name": "'FKP/' || s.g",
                "date": "s.paid_on",
                "date_maturity": "s.paid_on",
                "full_reconcile_id": "NULL",
                "matching_number": "'P' || s.g",
                "balance": f"{-2 * AMOUNT}",
                "amount_currency": f"{-2 * AMOUNT}",
                "credit": f"{2 * AMOUNT}",
                "amount_residual": f"{-AMOUNT}",
                "amount_residual_currency": f"{-AMOUNT}",
                "reconciled": "FALSE",
            },
        )
        cr.execute(
            "UPDATE bench_fee_bill b SET credit_id = l.id FROM account_move_line l"
            " WHERE l.move_id = b.pay_move_id AND b.pay_move_id IS NOT NULL"
        )
        # Each payment or waiver applied to its bill. Bills' lines and the other payments'
        # entries are not copied: neither the figures nor plain _read_group read them (the
        # partial reconciliation keeps what the figures need), so the partials point to the
        # template's lines.
        self._clone(
            "account_partial_reconcile",
            self.t_partial.id,
            "SELECT * FROM bench_fee_bill WHERE settled <> 'owing'",
            {
                "credit_move_id": f"COALESCE(s.credit_id, {self.t_payment_line.id})",
                "full_reconcile_id": "NULL",
                "max_date": "GREATEST(s.period, s.paid_on)",
                "property_fee_estate_id": "s.estate_id",
                "property_fee_bill_month": "s.period",
                "property_fee_waived": "s.settled = 'waived'",
            },
        )
        cr.execute(
            "ANALYZE account_move; ANALYZE account_move_line; ANALYZE account_partial_reconcile;"
            " ANALYZE account_payment"
        )
        self.seeded = last
        self.env.invalidate_all()

    # Measures -----------------------------------------------------------------------------------

    def dashboard(self):
        """One get_dashboard of the group's estates (cold ORM cache): its time and fee cards."""
        KPI = self.env["property.kpi.monthly"]
        self.env.invalidate_all()
        start = time.perf_counter()
        result = KPI.get_dashboard(estate_ids=self.estates.ids, month=LAST)
        elapsed = time.perf_counter() - start
        return elapsed, result

    def fee_sums(self):
        """The fee part of the dashboard alone: its sums of the 12 months."""
        KPI = self.env["property.kpi.monthly"]
        months = [LAST - relativedelta(months=n) for n in range(MONTHS - 1, -1, -1)]
        self.env.invalidate_all()
        start = time.perf_counter()
        sums = KPI._fee_sums(self.estates, months)
        return time.perf_counter() - start, sums

    def explain(self):
        """EXPLAIN ANALYZE of the queries of the fee sums."""
        queries = []
        execute = Cursor.execute

        def spy(cr, query, params=None, log_exceptions=True):
            queries.append((query, params))
            return execute(cr, query, params, log_exceptions)

        with patch.object(Cursor, "execute", spy):
            self.fee_sums()
        for query, params in queries:
            code = query.code if isinstance(query, SQL) else str(query)
            if "account_move" not in code:
                continue
            params = query.params if isinstance(query, SQL) else params
            self.cr.execute(f"EXPLAIN (ANALYZE, BUFFERS) {code}", params)
            print("\n".join(row[0] for row in self.cr.fetchall()))

    def plain_read_group(self):
        """What plain Odoo reads of the same bills: billed and still owed per month."""
        self.env.invalidate_all()
        start = time.perf_counter()
        groups = self.env["account.move"]._read_group(
            [
                ("property_is_fee_bill", "=", True),
                ("state", "=", "posted"),
                ("move_type", "=", "out_invoice"),
                ("property_estate_id", "in", self.estates.ids),
                ("property_fee_period", ">=", FIRST),
                ("property_fee_period", "<=", LAST),
            ],
            ["property_fee_period:month"],
            ["amount_total:sum", "amount_residual:sum"],
        )
        elapsed = time.perf_counter() - start
        return elapsed, {fields.Date.to_date(m): (total, owed) for m, total, owed in groups}

    def check(self, sums, plain):
        """Billed less collected is what the month's bills still owe (waivers deducted from
        both sides), for every month."""
        months = [LAST - relativedelta(months=n) for n in range(MONTHS - 1, -1, -1)]
        for month, counters in zip(months, sums, strict=True):
            owed = plain.get(month, (0.0, 0.0))[1]
            ours = counters["billed"] - counters["collected"]
            assert abs(ours - owed) < 0.01, (month, counters, plain.get(month))

    def close(self):
        self.cr.rollback()
        self.cr.close()


def measure(bench, size):
    dashboard_times, fee_times, plain_times = [], [], []
    for _ in range(PASSES):  # alternately, so that a change of load hits all alike
        elapsed, result = bench.dashboard()
        dashboard_times.append(elapsed)
        elapsed, sums = bench.fee_sums()
        fee_times.append(elapsed)
        elapsed, plain = bench.plain_read_group()
        plain_times.append(elapsed)
    bench.check(sums, plain)
    cards = {k["key"]: k for k in result["kpis"]}
    rates = ", ".join(
        f"{key} {cards[key]['value']}" for key in ("collection_rate", "arrears_recovery", "prepaid")
    )
    dashboard, fee, plain_time = (
        statistics.median(dashboard_times),
        statistics.median(fee_times),
        statistics.median(plain_times),
    )
    print(
        f"{size} bills: dashboard {dashboard * 1000:.0f} ms (its fee sums {fee * 1000:.0f} ms),"
        f" plain _read_group of totals and residuals {plain_time * 1000:.0f} ms;"
        f" {LAST:%Y-%m}: {rates}",
        flush=True,
    )
    return dashboard, fee, plain_time


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--config", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--bills", default="100000,1000000")
    parser.add_argument("--explain", action="store_true", help="print the fee sums' plans")
    args = parser.parse_args()
    odoo.tools.config.parse_config(["-c", args.config, "--log-level=warn"])
    threading.current_thread().testing = True  # one transaction, rolled back
    sizes = sorted(int(size) for size in args.bills.split(","))
    print(f"\n== Fee figures of the dashboard, {ESTATES} estates x {MONTHS} months of bills ==")
    bench = FeeDashboardBench(args.db)
    results = {}
    try:
        bench.templates()
        for size in sizes:
            start = time.perf_counter()
            bench.seed(size - bench.seeded)
            print(
                f"seeded to {size} bills by SQL in {time.perf_counter() - start:.0f} s", flush=True
            )
            results[size] = measure(bench, size)
            if args.explain:
                bench.explain()
    finally:
        bench.close()
    largest = sizes[-1]
    dashboard, fee, plain = results[largest]
    figure(f"fee dashboard ms at {largest} bills", dashboard * 1000, "<=", 2000, digits=0)
    figure(f"fee sums / plain read_group at {largest} bills", fee / plain, "<=", 2.0)
    if len(sizes) > 1:
        smallest = sizes[0]
        print(
            f"growth from {smallest} to {largest} bills (x{largest / smallest:.0f}): dashboard"
            f" x{dashboard / results[smallest][0]:.2f}, fee sums x{fee / results[smallest][1]:.2f},"
            f" plain x{plain / results[smallest][2]:.2f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
