"""Two database cursors run the scheduled action at the same time: nothing is done twice.

These tests commit their data (a second connection cannot see an uncommitted transaction) and
remove it afterwards.
"""

import threading
from datetime import timedelta

from odoo import SUPERUSER_ID, api

from ..common import CommittedDataCase


class TestConcurrentScheduledAction(CommittedDataCase):
    def setUp(self):
        super().setUp()
        self.now = self.JOB_NOW
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            env.company.helpdesk_mgmt_ticket_auto_assign = False
            Users = env["res.users"].with_context(no_reset_password=True)
            self.pm, self.ops = (
                Users.create({"name": f"Concurrency {role}", "login": f"psd_concurrency_{role}"})
                for role in ("pm", "ops")
            )
            self.estate = env["property.estate"].create(
                {
                    "name": "Concurrency Estate",
                    "code": "CONC",
                    "project_manager_id": self.pm.id,
                    "operations_manager_id": self.ops.id,
                }
            )
            self.ticket_ids = (
                env["helpdesk.ticket"]
                .create(
                    [
                        {
                            "name": f"Concurrent request {n}",
                            "description": "<p>x</p>",
                            "estate_id": self.estate.id,
                            "request_kind": "complaint",
                            "received_at": self.now - timedelta(days=2),
                        }
                        for n in range(12)
                    ]
                )
                .ids
            )
        self.addCleanup(self._remove_data)

    def _remove_data(self):
        with self.registry.cursor() as cr:
            self._remove_tickets(cr, self.ticket_ids)
            cr.execute("DELETE FROM property_estate WHERE id = %s", [self.estate.id])
            cr.execute(
                "UPDATE res_users SET active = false, login = login || '_' || id WHERE id IN %s",
                [(self.pm.id, self.ops.id)],
            )

    def _env(self, cr):
        return self.cursor_env(cr)  # also in a worker thread, under Odoo's runner

    def _count(self, query):
        with self.registry.cursor() as cr:
            cr.execute(query, [tuple(self.ticket_ids)])
            return cr.fetchone()[0]

    def _upgrades(self):
        return self._count(
            "SELECT count(*) FROM property_complaint_history WHERE ticket_id IN %s"
            " AND change = 'severity' AND trigger = 'scheduled'"
        )

    def test_a_second_worker_skips_the_rows_the_first_one_holds(self):
        with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
            Promise1 = self._env(cr1)["property.promise"]
            claimed = Promise1._claim_due(self.now, 100)
            self.assertTrue(claimed)
            # Worker 2 runs the whole action while worker 1 holds its rows.
            done_by_2 = self._env(cr2)["property.promise"]._cron_process_due(now=self.now)
            cr2.commit()
            claimed.with_context(property_scheduled=True)._act_on_due(self.now)
            cr1.commit()
        self.assertEqual(done_by_2, 0)
        with self.registry.cursor() as cr3:
            self.assertEqual(self._env(cr3)["property.promise"]._cron_process_due(now=self.now), 0)
        self.assertEqual(self._upgrades(), len(self.ticket_ids), "each complaint upgraded once")

    def test_two_workers_at_once_upgrade_each_complaint_exactly_once(self):
        barrier = threading.Barrier(2)
        done = []

        def worker():
            with self.registry.cursor() as cr:
                barrier.wait()
                done.append(
                    self._env(cr)["property.promise"]._cron_process_due(batch_size=3, now=self.now)
                )

        threads = [threading.Thread(target=worker) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        # A worker that met rows taken since its snapshot leaves them: a later run finishes.
        with self.registry.cursor() as cr:
            done.append(self._env(cr)["property.promise"]._cron_process_due(now=self.now))
        self.assertEqual(self._upgrades(), len(self.ticket_ids))
        self.assertEqual(
            self._count(
                "SELECT count(*) FROM helpdesk_ticket"
                " WHERE id IN %s AND complaint_severity = 'general'"
            ),
            len(self.ticket_ids),
        )
        acted_on = self._count(
            "SELECT count(*) FILTER (WHERE state = 'breached') + sum(occurrences)"
            " FROM property_promise WHERE ticket_id IN %s"
        )
        self.assertEqual(sum(done), acted_on, "every due promise acted on exactly once")
