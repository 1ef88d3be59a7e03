from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError

from ..common import ServiceDeskCase
from ..promises.test_promises import T0, minutes


@freeze_time(T0)
class TestOnTheSpot(ServiceDeskCase):
    """SPEC §4 step 3 and §3: a free repair fixed on the spot, a face-to-face complaint settled
    on the spot, each in one step; both count like any other request."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Under warranty: its repairs are free (Fixed on the Spot is for free repairs only).
        cls.unit_a.warranty_end_date = "2027-12-31"

    def test_a_paid_repair_is_not_fixed_on_the_spot(self):
        self.unit_a.warranty_end_date = "2025-12-31"
        ticket = self._ticket(
            request_kind="repair",
            unit_id=self.unit_a.id,
            received_at=T0,
            progress_note="Replaced the tap.",
        )
        with self.assertRefused(UserError, "paid repair.*free repairs only"):
            ticket.with_user(self.agent_a).action_settle_on_the_spot()
        self.assertFalse(ticket.closed or ticket.settled_on_the_spot)
        # The same repair under warranty is free: fixed on the spot.
        self.unit_a.warranty_end_date = "2027-12-31"
        ticket.with_user(self.agent_a).action_settle_on_the_spot()
        self.assertTrue(ticket.settled_on_the_spot)

    def test_a_repair_fixed_on_the_spot_in_one_step(self):
        ticket = self._ticket(request_kind="repair", unit_id=self.unit_a.id, received_at=T0)
        with self.assertRefused(UserError, "what was done"):
            ticket.with_user(self.agent_a).action_settle_on_the_spot()
        self.assertFalse(ticket.closed)
        ticket.progress_note = "Tightened the tap's packing nut."
        with freeze_time(minutes(8)):
            ticket.with_user(self.agent_a).action_settle_on_the_spot()
        self.assertTrue(ticket.closed)
        self.assertTrue(ticket.settled_on_the_spot)
        self.assertEqual(self.promise(ticket, "on_site").state, "met")
        self.assertEqual(self.promise(ticket, "handled").state, "met")
        # It counts like any repair: in the KPIs of the month (a request, handled in time).
        self.env.flush_all()
        kpi = self.env["property.kpi.monthly"].search(
            [("estate_id", "=", self.estate_a.id), ("month", "=", "2026-11-01")]
        )
        self.assertGreaterEqual(sum(kpi.mapped("request_count")), 1)
        with self.assertRefused(UserError, "open repair or complaint"):
            ticket.action_settle_on_the_spot()

    def test_only_staff_who_handle_it_and_not_by_write(self):
        ticket = self._ticket(
            request_kind="repair",
            unit_id=self.unit_a.id,
            received_at=T0,
            progress_note="Reset the breaker.",
        )
        with self.assertRaises(AccessError):
            ticket.with_user(self.agent_a).write({"settled_on_the_spot": True})
        consultation = self._ticket(
            request_kind="consultation", unit_id=self.unit_a.id, progress_note="Answered."
        )
        with self.assertRefused(UserError, "open repair or complaint"):
            consultation.action_settle_on_the_spot()

    def test_a_complaint_settled_face_to_face_is_reported_to_the_owners_superior(self):
        complaint = self.complaint()
        self.assertEqual(complaint.complaint_owner_id, self.project_manager)
        complaint.progress_note = "Apologised; the guard will greet owners at the gate."
        complaint.with_user(self.agent_a).action_settle_on_the_spot()
        self.assertTrue(complaint.closed)
        self.assertEqual(
            (complaint.solution_decision, complaint.solution),
            ("accepted", "Apologised; the guard will greet owners at the gate."),
        )
        self.assertEqual(self.promise(complaint, "solution").state, "met")
        report = complaint.activity_ids.filtered(lambda a: a.user_id == self.operations_manager)
        self.assertIn("was settled on the spot", report.summary)
        note = complaint.message_ids.filtered(
            lambda m: self.operations_manager.partner_id in m.partner_ids
        )
        self.assertTrue(note)


class TestRouting(ServiceDeskCase):
    """Requests are routed to a handler at registration, which the desk confirms or changes."""

    def routed(self, **vals):
        ticket = self.env["helpdesk.ticket"].new({"unit_id": self.unit_a.id, **vals})
        ticket._onchange_route_to_handler()
        return ticket.user_id

    def test_routed_by_kind_and_area(self):
        self.estate_a.engineering_lead_id = self.technician
        self.assertEqual(self.routed(request_kind="basic"), self.business_manager)
        self.assertEqual(
            self.routed(request_kind="repair", area_scope="private"), self.business_manager
        )
        self.assertEqual(self.routed(request_kind="repair", area_scope="common"), self.technician)
        self.assertEqual(self.routed(request_kind="complaint"), self.project_manager)

    def test_the_desk_choice_stands(self):
        self.assertEqual(self.routed(request_kind="basic", user_id=self.agent_a.id), self.agent_a)
