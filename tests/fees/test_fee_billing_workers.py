"""Billing runs under several workers (SPEC §9 multi-worker, §10 bills), on real connections:
two workers bill the same estate and period at once, each with its own cursor committing its
batches; a worker killed halfway (some batches committed, the next one not) is resumed by the
next run. Either way every unit, item and period is billed exactly once and no bill is lost.

These tests commit their data (a second connection cannot see an uncommitted transaction) and
remove it afterwards."""

import threading
import time
from datetime import date
from unittest.mock import patch

from odoo import SUPERUSER_ID, Command, api

from ...models.fees.property_fee_run_unit import PropertyFeeRunUnit
from ..common import CommittedDataCase

PERIOD = date(2026, 11, 1)
UNITS = 12
CRON = "property_service_desk.ir_cron_property_fee_bill"


class WorkerKilled(BaseException):
    """The worker's process dies (not an error the job catches and retries)."""


class TestFeeBillingWorkers(CommittedDataCase):
    def setUp(self):
        super().setUp()
        self.ids = {}
        self.addCleanup(self._remove_data)
        with self.registry.cursor() as cr:
            env = self._env(cr)
            cron = env.ref(CRON)
            cr.execute("SELECT COALESCE(max(id), 0) FROM ir_cron_trigger")
            self.ids["trigger_before"] = cr.fetchone()[0]
            self.ids["cron"] = cron.id
            estate = env["property.estate"].create({"name": "Fee Workers Estate", "code": "FWRK"})
            self.ids["estate"] = estate.id
            building = env["property.building"].create({"name": "W1", "estate_id": estate.id})
            self.ids["building"] = building.id
            owners = env["res.partner"].create(
                [{"name": f"Fee Worker Owner {n}"} for n in range(UNITS)]
            )
            self.ids["partners"] = tuple(owners.ids)
            units = env["property.unit"].create(
                [
                    {
                        "name": f"{n + 1:02d}01",
                        "building_id": building.id,
                        "floor": n + 1,
                        "floor_area": 80.0 + n,
                        "owner_id": owner.id,
                    }
                    for n, owner in enumerate(owners)
                ]
            )
            self.ids["units"] = tuple(units.ids)
            products = env["product.product"].create(
                [
                    {"name": name, "type": "service", "taxes_id": [Command.clear()]}
                    for name in ("Workers management fee", "Workers parking")
                ]
            )
            self.ids["products"] = tuple(products.ids)
            self.ids["templates"] = tuple(products.product_tmpl_id.ids)
            common = {"estate_id": estate.id}
            items = env["property.fee.item"].create(
                [
                    {
                        **common,
                        "name": "Management fee",
                        "kind": "area",
                        "product_id": products[0].id,
                        "rate_residential": 2.5,
                    },
                    {
                        **common,
                        "name": "Parking",
                        "kind": "fixed",
                        "product_id": products[1].id,
                        "fixed_amount": 150.0,
                    },
                ]
            )
            self.ids["items"] = tuple(items.ids)
            env["property.fee.unit.item"].create(
                [
                    {"unit_id": unit.id, "item_id": item.id, "date_start": date(2026, 1, 1)}
                    for unit in units
                    for item in items
                ]
            )
            run = env["property.fee.run"].create({"estate_id": estate.id, "period_start": PERIOD})
            self.ids["run"] = run.id
            run.action_start()
            self.expected = {(unit.id, item.id) for unit in units for item in items}
            self.amounts = {unit.id: round(unit.floor_area * 2.5 + 150.0, 2) for unit in units}

    def _env(self, cr):
        # The loaded registry, not Environment(cr) alone (which asks Registry(dbname) for it):
        # Odoo's runner holds the registries' lock in its main thread while the tests run, so
        # a worker thread asking would wait forever.
        cr.transaction = cr.transaction or api.Transaction(self.registry)
        return api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})

    def _remove_data(self):
        ids = self.ids
        if "estate" not in ids:
            return
        with self.registry.cursor() as cr:
            cr.execute("SELECT id FROM account_move WHERE property_estate_id = %s", [ids["estate"]])
            moves = tuple(row[0] for row in cr.fetchall()) or (0,)
            records = (
                ("account.move", moves),
                ("property.fee.run", (ids.get("run", 0),)),
                ("property.unit", ids.get("units") or (0,)),
                ("res.partner", ids.get("partners") or (0,)),
            )
            for model, res_ids in records:
                for table, column in (
                    ("mail_activity", "res_model"),
                    ("mail_message", "model"),
                    ("mail_followers", "res_model"),
                    ("ir_attachment", "res_model"),
                ):
                    cr.execute(
                        f"DELETE FROM {table} WHERE {column} = %s AND res_id IN %s",
                        [model, res_ids],
                    )
            cr.execute(
                "DELETE FROM account_partial_reconcile WHERE debit_move_id IN "
                "(SELECT id FROM account_move_line WHERE move_id IN %s) OR credit_move_id IN "
                "(SELECT id FROM account_move_line WHERE move_id IN %s)",
                [moves, moves],
            )
            cr.execute("DELETE FROM account_move_line WHERE move_id IN %s", [moves])
            cr.execute("DELETE FROM account_move WHERE id IN %s", [moves])
            cr.execute("DELETE FROM property_fee_run WHERE estate_id = %s", [ids["estate"]])
            cr.execute("DELETE FROM property_fee_unit_item WHERE estate_id = %s", [ids["estate"]])
            cr.execute("DELETE FROM property_fee_item WHERE estate_id = %s", [ids["estate"]])
            if ids.get("products"):
                cr.execute("DELETE FROM product_product WHERE id IN %s", [ids["products"]])
                cr.execute("DELETE FROM product_template WHERE id IN %s", [ids["templates"]])
            cr.execute("DELETE FROM property_unit WHERE building_id = %s", [ids.get("building")])
            cr.execute("DELETE FROM property_building WHERE estate_id = %s", [ids["estate"]])
            cr.execute("DELETE FROM property_estate WHERE id = %s", [ids["estate"]])
            if ids.get("partners"):
                cr.execute("DELETE FROM res_partner WHERE id IN %s", [ids["partners"]])
            cr.execute(
                "DELETE FROM ir_cron_trigger WHERE cron_id = %s AND id > %s",
                [ids["cron"], ids["trigger_before"]],
            )

    # What the database holds ---------------------------------------------------------------

    def _billed(self):
        """{(unit, item): how many charge lines bill it in the period}, and the bills."""
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT l.property_fee_unit_id, l.property_fee_item_id, count(*)"
                "  FROM account_move_line l JOIN account_move m ON m.id = l.move_id"
                " WHERE m.property_estate_id = %s AND l.property_fee_charge_period = %s"
                " GROUP BY 1, 2",
                [self.ids["estate"], PERIOD],
            )
            lines = {(unit, item): count for unit, item, count in cr.fetchall()}
            cr.execute(
                "SELECT property_unit_id, state, amount_total FROM account_move"
                " WHERE property_estate_id = %s AND property_is_fee_bill",
                [self.ids["estate"]],
            )
            bills = cr.fetchall()
            cr.execute(
                "SELECT r.state, count(q.id) FILTER (WHERE q.is_billed),"
                "       count(q.id) FILTER (WHERE q.cron_failure_count > 0)"
                "  FROM property_fee_run r JOIN property_fee_run_unit q ON q.run_id = r.id"
                " WHERE r.id = %s GROUP BY r.state",
                [self.ids["run"]],
            )
            run = cr.fetchone()
        return lines, bills, run

    def assertBilledOnce(self):
        lines, bills, (state, billed, failed) = self._billed()
        self.assertEqual(set(lines), self.expected, "every unit and item billed, none missing")
        self.assertEqual(set(lines.values()), {1}, "no unit, item and period billed twice")
        self.assertEqual(len(bills), UNITS, "one bill per payer, unit and period")
        self.assertEqual({unit for unit, _state, _total in bills}, set(self.ids["units"]))
        self.assertEqual({bill_state for _unit, bill_state, _total in bills}, {"posted"})
        self.assertEqual(
            {unit: float(total) for unit, _state, total in bills}, self.amounts, "no lost line"
        )
        self.assertEqual((state, billed, failed), ("done", UNITS, 0))

    # The tests -----------------------------------------------------------------------------

    def test_two_workers_bill_the_same_estate_and_period_at_once(self):
        barrier = threading.Barrier(2, timeout=60)
        done, errors = [], []
        original = PropertyFeeRunUnit._bill

        def slow_bill(rows):
            time.sleep(0.2)  # the batch's rows stay locked while the other worker claims
            return original(rows)

        def worker():
            try:
                with self.registry.cursor() as cr:
                    env = self._env(cr)
                    barrier.wait()
                    done.append(env["property.fee.run"]._cron_bill(batch_size=2))
            except Exception as error:  # noqa: BLE001 - reported below
                errors.append(error)

        with patch.object(PropertyFeeRunUnit, "_bill", slow_bill):
            threads = [threading.Thread(target=worker) for _ in range(2)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=300)
        self.assertFalse(any(thread.is_alive() for thread in threads))
        self.assertEqual(errors, [])
        self.assertEqual(len(done), 2)
        self.assertTrue(all(done), f"both workers billed a share of the run: {done}")
        # A worker that met a row changed since its snapshot leaves it: the next run finishes.
        with self.registry.cursor() as cr:
            done.append(self._env(cr)["property.fee.run"]._cron_bill(batch_size=2))
        self.assertEqual(sum(done), UNITS, "each unit billed by one worker only")
        self.assertBilledOnce()

    def test_a_worker_killed_halfway_is_resumed_without_duplicate_or_gap(self):
        original, calls = PropertyFeeRunUnit._bill, []

        def dying(rows):
            calls.append(len(rows))
            if len(calls) == 3:  # two batches committed; the third dies in its middle
                original(rows[:1])
                raise WorkerKilled
            return original(rows)

        with patch.object(PropertyFeeRunUnit, "_bill", dying):
            self.assertEqual(self._work(2), {"killed": True})
        lines, bills, (state, billed, failed) = self._billed()
        self.assertEqual(len(bills), 4, "the two committed batches stay, the dying one is gone")
        self.assertEqual(set(lines.values()), {1})
        self.assertEqual((state, billed, failed), ("running", 4, 0))
        # The next run (the hourly job, or another worker) goes on where it stopped.
        self.assertEqual(self._work(2), {"done": UNITS - 4})
        self.assertBilledOnce()
        # Billing the estate again for the period (the accountant starts the run again):
        # every unit goes through the job once more, and nothing new is billed.
        with self.registry.cursor() as cr:
            self._env(cr)["property.fee.run"].browse(self.ids["run"]).action_start()
        self.assertEqual(self._work(5), {"done": UNITS})
        self.assertBilledOnce()

    def test_two_workers_ending_the_run_at_once(self):
        """Both workers find the queue billed and end the run at the same moment: the first
        marks it done, the second leaves it to it without waiting nor failing."""
        self.assertEqual(self._work(5), {"done": UNITS})
        with self.registry.cursor() as cr:
            cr.execute(
                "UPDATE property_fee_run SET state = 'running' WHERE id = %s", [self.ids["run"]]
            )
        outcome = {}

        def second():
            try:
                with self.registry.cursor() as cr:
                    run = self._env(cr)["property.fee.run"].browse(self.ids["run"])
                    run._finish_if_billed()
                    outcome["state"] = run.state
            except Exception as error:  # noqa: BLE001 - reported below
                outcome["error"] = error

        with self.registry.cursor() as cr1:
            first = self._env(cr1)["property.fee.run"].browse(self.ids["run"])
            first._finish_if_billed()  # holds the run's row until it commits
            self.assertEqual(first.state, "done")
            thread = threading.Thread(target=second)
            thread.start()
            thread.join(timeout=10)
            self.assertFalse(thread.is_alive(), "the second worker waited for the first")
        self.assertEqual(outcome, {"state": "running"})  # as it saw it; the first ended it
        self.assertBilledOnce()

    def _work(self, batch_size):
        """The scheduled job in a worker thread of its own, whose batches are committed (the
        test's thread commits nothing); what it returned, or how it ended."""
        outcome = {}

        def work():
            try:
                with self.registry.cursor() as cr:  # a dying worker's cursor is rolled back
                    env = self._env(cr)
                    outcome["done"] = env["property.fee.run"]._cron_bill(batch_size=batch_size)
            except WorkerKilled:
                outcome["killed"] = True
            except Exception as error:  # noqa: BLE001 - reported by the caller's assertion
                outcome["error"] = error

        thread = threading.Thread(target=work)
        thread.start()
        thread.join(timeout=300)
        self.assertFalse(thread.is_alive())
        return outcome
