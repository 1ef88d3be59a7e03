"""Billing (SPEC §10): a billing run of N units spread over a 50-estate group, against creating
and posting the same invoices with plain `account.move.create` in batches, measured in one run and
rolled back. Run through bench/run.sh (part `fees`) or alone, on a database with the addon:

    python bench/bench_fees.py --config odoo.conf --db DB --sizes 10000,100000
    python bench/bench_fees.py --config odoo.conf --db DB --sizes 2000      # a quick run
"""

import argparse
import cProfile
import os
import threading
import time
from datetime import date

from figures import figure  # bench/figures.py: Python puts the script's folder on the path

import odoo
from odoo import SUPERUSER_ID, Command, api

ESTATES = 50
BATCH = 500
PERIOD = date(2031, 1, 1)


def seed(env, units):
    """ESTATES estates, a building each, `units` units with an owner, a management fee by area and
    a fixed fee each (two lines per bill)."""
    company = env.company
    estates = env["property.estate"].create(
        # codes of this run's own, so that two runs at once do not wait for each other
        [
            {"name": f"Bench {n}", "code": f"BF{os.getpid()}-{n}", "company_id": company.id}
            for n in range(ESTATES)
        ]
    )
    buildings = env["property.building"].create(
        [{"name": "1", "estate_id": estate.id} for estate in estates]
    )
    owners = env["res.partner"].create([{"name": f"Owner {n}"} for n in range(units)])
    unit_records = env["property.unit"].create(
        [
            {
                "name": str(1000 + n),
                "building_id": buildings[n % ESTATES].id,
                "floor_area": 60 + n % 80,
                "owner_id": owners[n].id,
            }
            for n in range(units)
        ]
    )
    product = env["product.product"].create(
        {"name": "Bench fee", "type": "service", "taxes_id": [Command.clear()]}
    )
    items = {}
    for estate in estates:
        items[estate.id] = env["property.fee.item"].create(
            [
                {
                    "name": "Management",
                    "kind": "area",
                    "estate_id": estate.id,
                    "product_id": product.id,
                    "rate_residential": 2.5,
                },
                {
                    "name": "Parking",
                    "kind": "fixed",
                    "estate_id": estate.id,
                    "product_id": product.id,
                    "fixed_amount": 150,
                },
            ]
        )
    env["property.fee.unit.item"].create(
        [
            {"unit_id": unit.id, "item_id": item.id, "date_start": date(2030, 1, 1)}
            for unit in unit_records
            for item in items[unit.estate_id.id]
        ]
    )
    env.flush_all()
    return estates, unit_records, product


def bill_run(env, estate):
    """One estate's billing run, started and billed by the scheduled job's batches."""
    run = env["property.fee.run"].create({"estate_id": estate.id, "period_start": PERIOD})
    run.action_start()
    run._cron_bill(batch_size=BATCH)
    env.flush_all()
    return run


def plain_invoices(env, units, product):
    """The same invoices (payer, two lines, amounts), created and posted in batches."""
    for start in range(0, len(units), BATCH):
        vals_list = [
            {
                "move_type": "out_invoice",
                "partner_id": unit.owner_id.id,
                "invoice_date": PERIOD,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "name": "Management",
                            "quantity": unit.floor_area,
                            "price_unit": 2.5,
                        }
                    ),
                    Command.create(
                        {
                            "product_id": product.id,
                            "name": "Parking",
                            "quantity": 1,
                            "price_unit": 150,
                        }
                    ),
                ],
            }
            for unit in units[start : start + BATCH]
        ]
        env["account.move"].create(vals_list).action_post()
    env.flush_all()


def measure(registry, size, profile=None):
    """Estate by estate, the plain invoices of its units and its billing run, in turn (one
    first, then the other first), so that the load of a shared machine hits both alike."""
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        start = time.perf_counter()
        estates, units, product = seed(env, size)
        print(f"{size} units seeded in {time.perf_counter() - start:.1f} s", flush=True)
        by_estate = units.grouped("estate_id")
        profiler = cProfile.Profile() if profile else None
        billed = plain = 0.0
        runs = env["property.fee.run"]
        for n, estate in enumerate(estates):
            steps = [("plain", by_estate[estate]), ("billing", estate)]
            for what, arg in steps if n % 2 == 0 else reversed(steps):
                env.invalidate_all()
                begin = time.perf_counter()
                if what == "plain":
                    plain_invoices(env, arg, product)
                    plain += time.perf_counter() - begin
                else:
                    if profiler:
                        profiler.enable()
                    runs |= bill_run(env, arg)
                    if profiler:
                        profiler.disable()
                    billed += time.perf_counter() - begin
            if (n + 1) % 10 == 0 and n + 1 < len(estates):
                print(
                    f"  {n + 1} of {len(estates)} estates: billing runs {billed:.1f} s,"
                    f" plain {plain:.1f} s (ratio {billed / plain:.2f})",
                    flush=True,
                )
        if profiler:
            profiler.dump_stats(profile)
        bills = sum(runs.mapped("bill_count"))
        assert bills == size, f"{bills} bills for {size} units"
        assert set(runs.mapped("state")) == {"done"}, runs.mapped("state")
        cr.rollback()
    return billed, plain


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--config", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--profile", help="write a cProfile of the billing runs to this file")
    args = parser.parse_args()
    odoo.tools.config.parse_config(["-c", args.config, "--log-level=warn"])
    threading.current_thread().testing = True  # one transaction, rolled back
    registry = odoo.modules.registry.Registry(args.db)
    sizes = [int(size) for size in args.sizes.split(",")]
    print(f"\n== Billing runs of {ESTATES} estates vs plain account.move.create ==")
    first = None
    for size in sizes:
        billed, plain = measure(registry, size, args.profile)
        ratio = billed / plain
        print(
            f"{size} units: billing runs {billed:.1f} s ({size / billed:.0f} bills/s), "
            f"plain create+post {plain:.1f} s ({size / plain:.0f} invoices/s)",
            flush=True,
        )
        figure(f"fees billing/plain at {size} units", ratio, "<=", 1.3)
        if first:
            print(
                f"growth from {first[0]} to {size} units: billing ×{billed / first[1]:.2f}, "
                f"plain ×{plain / first[2]:.2f} (size ×{size / first[0]:.1f})",
                flush=True,
            )
        else:
            first = (size, billed, plain)


if __name__ == "__main__":
    main()
