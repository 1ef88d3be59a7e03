from psycopg2 import IntegrityError

from odoo.exceptions import ValidationError
from odoo.tools import mute_logger

from ..common import PropertyCase


class TestUnit(PropertyCase):
    def test_display_name_shows_building(self):
        self.assertEqual(self.unit_a.display_name, "A1-1201")

    def test_unit_estate_follows_building(self):
        self.assertEqual(self.unit_a.estate_id, self.estate_a)
        self.assertEqual(self.unit_a.company_id, self.company)

    def test_unit_number_unique_in_building(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            with self.cr.savepoint():
                self.env["property.unit"].create(
                    {"name": "1201", "building_id": self.building_a.id}
                )
        # The same number in another building is fine.
        self.env["property.unit"].create({"name": "1201", "building_id": self.building_b.id})

    def test_negative_floor_area_refused(self):
        with self.assertRefused(ValidationError, "between 0 and 100000"):
            self.unit_a2.floor_area = -5

    def test_unit_found_as_people_write_it(self):
        Building = self.env["property.building"]
        second = Building.create({"name": "2栋", "estate_id": self.estate_a.id})
        twelfth = Building.create({"name": "12栋", "estate_id": self.estate_a.id})
        Unit = self.env["property.unit"].with_user(self.agent_a)
        unit = Unit.create({"name": "402", "building_id": second.id})
        Unit.create({"name": "402", "building_id": twelfth.id})
        Unit.create({"name": "2402", "building_id": twelfth.id})
        for written in ("2栋-402", "2栋402", "2-402", "2 402", "2号楼402", " 2栋 - 402 "):
            with self.subTest(written=written):
                found = Unit.name_search(written)
                self.assertEqual([unit_id for unit_id, _name in found], unit.ids)
                self.assertEqual(Unit.search([("display_name", "ilike", written)]), unit)
        self.assertEqual(len(Unit.name_search("402")), 3)  # every 402, as before

    def test_vacant_unit_cannot_have_tenants(self):
        with self.assertRefused(ValidationError, "vacant"):
            self.unit_a.is_vacant = True
        self.unit_a2.is_vacant = True
        with self.assertRefused(ValidationError, "vacant"):
            self.unit_a2.tenant_ids = [(4, self.tenant_a.id)]

    def test_partner_sees_owned_and_rented_units(self):
        self.assertEqual(self.owner_a.property_unit_count, 1)
        self.assertEqual(self.tenant_a.property_unit_count, 1)
        self.assertEqual(self.owner_b.property_unit_count, 1)
        action = self.tenant_a.action_view_property_units()
        self.assertEqual(self.env["property.unit"].search(action["domain"]), self.unit_a)

    def test_unit_request_count_and_action(self):
        ticket = self._ticket(unit_id=self.unit_a.id)
        self.assertEqual(self.unit_a.ticket_count, 1)
        action = self.unit_a.action_view_tickets()
        self.assertEqual(self.env["helpdesk.ticket"].search(action["domain"]), ticket)

    def test_default_customer_is_occupant_then_owner(self):
        self.assertEqual(self.unit_a._default_customer(), self.tenant_a)
        self.assertEqual(self.unit_b._default_customer(), self.owner_b)
