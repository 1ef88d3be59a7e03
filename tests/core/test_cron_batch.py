"""The scheduled job acts on a claimed batch of due promises at once: the outcome is exactly the
one of acting on them one by one, and a batch that fails is redone one by one."""

from datetime import datetime, timedelta

from freezegun import freeze_time

from ...tools.row_claims import ClaimedRows
from ..common import ServiceDeskCase

T0 = datetime(2026, 11, 23, 2, 0, 0)  # Monday 10:00 in Shanghai
WEEK = timedelta(days=7)


@freeze_time(T0)
class TestDuePromisesInBatches(ServiceDeskCase):
    maxDiff = None

    def requests(self, count, **vals):
        return self.env["helpdesk.ticket"].concat(
            *(
                self._ticket(
                    unit_id=self.unit_a.id,
                    received_at=T0,
                    partner_id=self.owner_a.id,
                    name=f"Batch {n}",
                    **vals,
                )
                for n in range(count)
            )
        )

    def due(self, tickets, now):
        return self.Promise.search(
            [("ticket_id", "in", tickets.ids), ("state", "=", "running"), ("deadline", "<=", now)],
            order="id",
        )

    def outcome(self, tickets):
        """Everything acting on the promises leaves behind, comparable between two sets of
        requests created alike."""
        promises = tickets.promise_ids.sorted(lambda m: (m.ticket_id.name, m.kind))
        activities = tickets.activity_ids.sorted(lambda a: (a.res_id, a.summary))
        notes = tickets.message_ids.filtered(lambda m: m.partner_ids)
        return {
            "promises": [
                (m.ticket_id.name, m.kind, m.state, m.breached_at, m.breach_pending)
                + (m.occurrences, m.deadline)
                for m in promises
            ],
            "activities": sorted(
                (
                    ticket.name,
                    a.activity_type_id.id,
                    a.user_id.id,
                    a.summary.replace(ticket.number, "<number>"),
                    a.date_deadline,
                )
                for a in activities
                for ticket in self.env["helpdesk.ticket"].browse(a.res_id)
            ),
            "notes": sorted(
                (
                    ticket.name,
                    m.partner_ids.ids,
                    str(m.body).replace(ticket.number, "<number>"),
                    m.message_type,
                    m.subtype_id.id,
                )
                for m in notes
                for ticket in self.env["helpdesk.ticket"].browse(m.res_id)
            ),
            "has_breach": [t.has_breach for t in tickets.sorted("name")],
        }

    def act(self, tickets, now, batched):
        due = self.due(tickets, now)
        self.assertTrue(due)
        if batched:
            due._act_on_due_batch(now)
        else:
            for promise in due:
                promise._act_on_due(now)
        self.env.flush_all()
        return len(due)

    def test_a_batch_does_what_one_by_one_does(self):
        at = T0 + WEEK  # relay, handled, follow-up and the weekly progress notice are all due
        one_by_one = self.requests(3, user_id=self.agent_a.id)
        expected = self.act(one_by_one, at, batched=False)
        expected_outcome = self.outcome(one_by_one)
        # The same requests again: rename the first ones so that both sets compare.
        one_by_one.write({"name": "done"})
        batched = self.requests(3, user_id=self.agent_a.id)
        self.assertEqual(self.act(batched, at, batched=True), expected)
        one_by_one.invalidate_recordset()
        self.assertEqual(self.outcome(batched), expected_outcome)
        self.assertTrue(expected_outcome["activities"], "breach and follow-up activities")
        self.assertTrue(expected_outcome["notes"], "the superior and the customer are told")

    def test_each_person_is_told_once_per_batch(self):
        tickets = self.requests(3)
        before = self.env["mail.message"].search([]).ids
        self.run_cron(T0 + timedelta(minutes=5))  # the relay promise of each is broken
        told = self.env["mail.message"].search(
            [
                ("id", "not in", before),
                ("message_type", "=", "user_notification"),
                ("partner_ids", "in", self.business_manager.partner_id.ids),
            ]
        )
        self.assertEqual(len(told), 1, "one digest, not one message per activity")
        for ticket in tickets:
            self.assertIn(ticket.number, str(told.body))
            self.assertEqual(len(self.activities(ticket, self.breach_type)), 1)

    def test_the_job_processes_each_claimed_batch_at_once(self):
        tickets = self.requests(5)
        now = T0 + timedelta(minutes=5)  # the relay promise of each is broken
        batches = []
        queue = self.Promise._due_queue(now)
        queue_ids = set(self.due(self.Promise.search([]), now).ids)

        def process_batch(records):
            batches.append(records)
            records._act_on_due_batch(now)

        done = queue.run(lambda m: self.fail("not one by one"), 2, process_batch=process_batch)
        self.assertEqual(done, len(queue_ids))
        self.assertTrue(all(len(batch) <= 2 for batch in batches))
        self.assertEqual(set().union(*(batch.ids for batch in batches)), queue_ids)
        for ticket in tickets:
            self.assertEqual(self.promise(ticket, "relay").state, "breached")
            self.assertEqual(len(self.activities(ticket, self.breach_type)), 1)

    def test_a_failing_batch_is_rolled_back_and_done_one_by_one(self):
        tickets = self.requests(3)
        now = T0 + timedelta(minutes=5)
        queue = ClaimedRows(
            self.Promise,
            self.Promise._due_queue(now).where,
            what="Due promises",
            now=now,
        )
        one_by_one = []

        def process_batch(records):
            records._act_on_due_batch(now)
            raise RuntimeError("half-way through the batch")

        def process(record):
            one_by_one.append(record)
            record._act_on_due(now)

        done = queue.run(process, 200, process_batch=process_batch)
        self.assertEqual(done, len(one_by_one))
        for ticket in tickets:
            self.assertEqual(self.promise(ticket, "relay").state, "breached")
            self.assertEqual(
                len(self.activities(ticket, self.breach_type)), 1, "nothing of the batch is left"
            )
