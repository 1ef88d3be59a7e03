from odoo.exceptions import ValidationError
from odoo.tests import Form

from ..common import PropertyCase

SPEC_KINDS = {
    "basic",
    "repair",
    "special",
    "dispute",
    "consultation",
    "suggestion",
    "parcel",
    "complaint",
}


class TestTicketFields(PropertyCase):
    def test_the_eight_request_kinds(self):
        field = self.env["helpdesk.ticket"]._fields["request_kind"]
        self.assertEqual({key for key, _label in field.selection}, SPEC_KINDS)

    def test_defaults(self):
        ticket = self._ticket()
        self.assertEqual(ticket.request_kind, "basic")
        self.assertEqual(ticket.urgency, "general")
        self.assertEqual(ticket.area_scope, "common")
        self.assertFalse(ticket.estate_id)

    def test_unit_implies_estate_and_private_area(self):
        ticket = self._ticket(unit_id=self.unit_a.id, request_kind="repair")
        self.assertEqual(ticket.estate_id, self.estate_a)
        self.assertEqual(ticket.building_id, self.building_a)
        self.assertEqual(ticket.area_scope, "private")

    def test_area_scope_can_be_set_by_hand(self):
        ticket = self._ticket(unit_id=self.unit_a.id, area_scope="common")
        self.assertEqual(ticket.area_scope, "common")

    def test_unit_of_another_estate_refused_on_create(self):
        with self.assertRefused(ValidationError, "belongs to estate Test Estate B"):
            self._ticket(estate_id=self.estate_a.id, unit_id=self.unit_b.id)

    def test_unit_of_another_estate_refused_on_write(self):
        ticket = self._ticket(unit_id=self.unit_a.id)
        with self.assertRefused(ValidationError, "not to Test Estate B"):
            ticket.estate_id = self.estate_b
        self.assertEqual(ticket.estate_id, self.estate_a)

    def test_changing_unit_moves_estate(self):
        ticket = self._ticket(unit_id=self.unit_a.id)
        ticket.unit_id = self.unit_b
        self.assertEqual(ticket.estate_id, self.estate_b)

    def test_is_external_derived_from_channel(self):
        ticket = self._ticket(channel_id=self.phone.id)
        self.assertFalse(ticket.is_external)
        ticket.channel_id = self.media
        self.assertTrue(ticket.is_external)
        external = self.env["helpdesk.ticket"].search(
            [("is_external", "=", True), ("id", "=", ticket.id)]
        )
        self.assertEqual(external, ticket, "is_external is stored and searchable")

    def test_form_unit_fills_customer_and_estate(self):
        form = Form(self.env["helpdesk.ticket"])
        form.name = "Lift stuck between floors"
        form.description = "<p>Lift 2 stopped.</p>"
        form.unit_id = self.unit_a
        self.assertEqual(form.partner_id, self.tenant_a)
        self.assertEqual(form.estate_id, self.estate_a)
        self.assertEqual(form.area_scope, "private")
        ticket = form.save()
        self.assertEqual(ticket.partner_id, self.tenant_a)
