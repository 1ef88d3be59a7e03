"""Registering a request looks up its policies and first stage once per worker, and writes its
row once: what it looks up follows every change, and what it stores is what the ORM would."""

from datetime import datetime, timedelta

from freezegun import freeze_time

from ..common import ServiceDeskCase

T0 = datetime(2026, 11, 23, 2, 0, 0)  # Monday 10:00 in Shanghai


@freeze_time(T0)
class TestRegistrationLookups(ServiceDeskCase):
    def relay_deadline(self, ticket):
        return self.promise(ticket, "relay").deadline

    def test_a_policy_changed_applies_to_the_next_request(self):
        relay = self.env.ref("property_service_desk.property_promise_policy_relay")
        first = self._ticket(unit_id=self.unit_a.id, received_at=T0)
        self.assertEqual(self.relay_deadline(first), T0 + timedelta(minutes=5))
        relay.target_minutes = 7
        second = self._ticket(unit_id=self.unit_a.id, received_at=T0)
        self.assertEqual(self.relay_deadline(second), T0 + timedelta(minutes=7))
        relay.active = False
        third = self._ticket(unit_id=self.unit_a.id, received_at=T0)
        self.assertFalse(self.promise(third, "relay"))

    def test_a_policy_of_one_estate_leaves_the_other_alone(self):
        self._ticket(unit_id=self.unit_b.id, received_at=T0)  # fills the lookup for estate B
        self.env["property.promise.policy"].create(
            {
                "name": "Estate B relays in 3 minutes",
                "kind": "relay",
                "target_minutes": 3,
                "estate_ids": [(4, self.estate_b.id)],
            }
        )
        in_a = self._ticket(unit_id=self.unit_a.id, received_at=T0)
        in_b = self._ticket(unit_id=self.unit_b.id, received_at=T0)
        self.assertEqual(self.relay_deadline(in_a), T0 + timedelta(minutes=5))
        self.assertEqual(self.relay_deadline(in_b), T0 + timedelta(minutes=3))

    def test_a_stage_added_or_archived_applies_to_the_next_request(self):
        first = self._ticket(received_at=T0)
        triage = self.env["helpdesk.ticket.stage"].create(
            {"name": "Triage", "sequence": first.stage_id.sequence - 1}
        )
        second = self._ticket(received_at=T0)
        self.assertEqual(second.stage_id, triage)
        triage.active = False
        third = self._ticket(received_at=T0)
        self.assertEqual(third.stage_id, first.stage_id)

    def test_the_stored_row_is_what_the_orm_computes(self):
        ticket = self._ticket(unit_id=self.unit_a.id, received_at=T0)
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT estate_id, building_id, area_scope, stage_id, next_deadline, has_breach"
            " FROM helpdesk_ticket WHERE id = %s",
            [ticket.id],
        )
        stored = self.env.cr.fetchone()
        ticket.invalidate_recordset()
        ticket._compute_promise_state()
        self.assertEqual(
            stored,
            (
                self.estate_a.id,
                self.building_a.id,
                "private",
                ticket.stage_id.id,
                ticket.next_deadline,
                False,
            ),
        )
        self.assertEqual(ticket.next_deadline, T0 + timedelta(minutes=5))

    def test_a_request_is_registered_in_three_round_trips(self):
        vals = {"name": "Leak", "unit_id": self.unit_a.id, "received_at": T0, "urgency": "urgent"}
        self._ticket(**vals)  # the worker's lookups are made once
        self._ticket(**dict(vals, urgency="general"))
        self.env.flush_all()
        # The number, the insert of the request with every computed column, then its promises
        # with its nearest deadline (plain helpdesk_mgmt takes six).
        with self.assertQueryCount(3):
            self._ticket(**vals)
            self.env.flush_all()
        # A general request's promises count from the next reception opening (SPEC §8): the
        # reception calendar's hours and closures are read as well.
        with self.assertQueryCount(7):
            self._ticket(**dict(vals, urgency="general"))
            self.env.flush_all()

    def test_a_request_reads_its_policies_in_one_query(self):
        """Each request of a worker starts with an empty cache: the policies that apply (ids
        kept per worker) are then read together, not one query per promise."""
        vals = {"name": "Leak", "unit_id": self.unit_a.id, "received_at": T0}
        self._ticket(**vals)
        self.env.flush_all()
        self.env.invalidate_all()
        with self.capturedQueries() as queries:
            ticket = self._ticket(**vals)
            self.env.flush_all()
        reading_policies = [q for q in queries if 'FROM "property_promise_policy"' in q]
        self.assertEqual(len(reading_policies), 1, reading_policies)
        self.assertGreater(len(ticket.promise_ids), 1)
