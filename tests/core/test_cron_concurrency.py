"""A concurrent worker holds or has just changed some rows: the scheduled job goes on with the
others, and nothing is processed twice. These tests commit their data (a second connection
cannot see an uncommitted transaction) and remove it afterwards."""

from datetime import timedelta

from odoo import SUPERUSER_ID, api

from ..common import CommittedDataCase


class TestJobBesideAConcurrentWorker(CommittedDataCase):
    def setUp(self):
        super().setUp()
        self.now = self.JOB_NOW
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            env.company.helpdesk_mgmt_ticket_auto_assign = False
            self.estate_id = (
                env["property.estate"].create({"name": "Runner Estate", "code": "RUNC"}).id
            )
            self.ticket_ids = (
                env["helpdesk.ticket"]
                .create(
                    [
                        {
                            "name": f"Runner request {n}",
                            "description": "<p>x</p>",
                            "estate_id": self.estate_id,
                            "received_at": self.now - timedelta(days=3),
                        }
                        for n in range(6)
                    ]
                )
                .ids
            )
        self.addCleanup(self._remove_data)

    def _remove_data(self):
        with self.registry.cursor() as cr:
            self._remove_tickets(cr, self.ticket_ids)
            cr.execute("DELETE FROM property_estate WHERE id = %s", [self.estate_id])

    def _env(self, cr):
        return api.Environment(cr, SUPERUSER_ID, {})

    def _run(self, cr):
        return self._env(cr)["property.promise"]._cron_process_due(batch_size=4, now=self.now)

    def _due_of(self, cr, ticket_ids):
        cr.execute(
            "SELECT count(*) FROM property_promise WHERE ticket_id IN %s"
            " AND state = 'running' AND deadline <= %s",
            [tuple(ticket_ids), self.now],
        )
        return cr.fetchone()[0]

    def _acted_on(self):
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT count(*) FILTER (WHERE state = 'breached') + sum(occurrences)"
                " FROM property_promise WHERE ticket_id IN %s",
                [tuple(self.ticket_ids)],
            )
            return cr.fetchone()[0]

    def _breach_activities(self):
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT res_id, count(*) FROM mail_activity WHERE res_model = 'helpdesk.ticket'"
                " AND res_id IN %s GROUP BY res_id",
                [tuple(self.ticket_ids)],
            )
            return dict(cr.fetchall())

    def test_rows_locked_by_another_worker_are_skipped_and_the_job_goes_on(self):
        held = self.ticket_ids[:2]
        with self.registry.cursor() as cr0:
            total = self._due_of(cr0, self.ticket_ids)
            held_due = self._due_of(cr0, held)
        self.assertTrue(held_due and total > held_due)
        with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
            cr1.execute(
                "SELECT id FROM property_promise WHERE ticket_id IN %s FOR UPDATE",
                [tuple(held)],
            )
            done_by_2 = self._run(cr2)
            cr2.commit()
            cr1.rollback()
        self.assertEqual(done_by_2, total - held_due, "everything but the held rows, at once")
        with self.registry.cursor() as cr3:
            self.assertEqual(self._run(cr3), held_due, "the held rows, once released")
        with self.registry.cursor() as cr4:
            self.assertEqual(self._run(cr4), 0)
        self.assertEqual(self._acted_on(), total, "every due promise acted on exactly once")

    def test_rows_changed_since_the_snapshot_do_not_end_the_run(self):
        changed = self.ticket_ids[:1]
        with self.registry.cursor() as cr0:
            total = self._due_of(cr0, self.ticket_ids)
            changed_due = self._due_of(cr0, changed)
        with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
            cr2.execute("SELECT 1")  # worker 2's snapshot starts here
            cr1.execute(
                "UPDATE property_promise SET write_date = now() AT TIME ZONE"
                " 'UTC' WHERE ticket_id IN %s",
                [tuple(changed)],
            )
            cr1.commit()
            # Locking a row changed since the snapshot fails to serialize: left to the next run.
            done_by_2 = self._run(cr2)
            cr2.commit()
        self.assertEqual(done_by_2, total - changed_due)
        with self.registry.cursor() as cr3:
            self.assertEqual(self._run(cr3), changed_due)
        self.assertEqual(self._acted_on(), total)
        self.assertTrue(all(count >= 1 for count in self._breach_activities().values()))

    def test_a_request_changed_by_another_worker_is_retried_not_fatal(self):
        """The promises are free but their request was just changed elsewhere: acting on
        them fails to serialize; they are rolled back alone and done by the next run."""
        changed = self.ticket_ids[:1]
        with self.registry.cursor() as cr0:
            total = self._due_of(cr0, self.ticket_ids)
            changed_due = self._due_of(cr0, changed)
        with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
            cr2.execute("SELECT 1")  # worker 2's snapshot starts here
            cr1.execute(
                "UPDATE helpdesk_ticket SET write_date = now() AT TIME ZONE 'UTC' WHERE id IN %s",
                [tuple(changed)],
            )
            cr1.commit()
            done_by_2 = self._run(cr2)
            cr2.commit()
        # Every other request's promises are done; of the changed one's, those that write it
        # (a breach marks the request) are left, and the next run does them.
        self.assertGreaterEqual(done_by_2, total - changed_due)
        self.assertLess(done_by_2, total)
        with self.registry.cursor() as cr3:
            self.assertEqual(self._run(cr3), total - done_by_2)
        self.assertEqual(self._acted_on(), total)
