from psycopg2 import IntegrityError

from odoo.tools import mute_logger

from ..common import PropertyCase


class TestEstate(PropertyCase):
    def test_role_holders_become_staff(self):
        pm = self._user("psd_pm", "group_property_project_manager")
        bm = self._user("psd_bm", "group_property_business_manager")
        self.estate_a.write({"project_manager_id": pm.id, "business_manager_ids": [(4, bm.id)]})
        self.assertIn(pm, self.estate_a.member_ids)
        self.assertIn(bm, self.estate_a.member_ids)
        self.assertIn(self.estate_a, pm.property_estate_ids)

    def test_role_holders_become_staff_on_create(self):
        gm = self._user("psd_ops", "group_property_operations_manager")
        estate = self.env["property.estate"].create(
            {"name": "New Estate", "code": "NEW", "operations_manager_id": gm.id}
        )
        self.assertEqual(estate.member_ids, gm)

    def test_code_unique_per_company(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            with self.cr.savepoint():
                self.env["property.estate"].create({"name": "Copy", "code": "TEA"})

    def test_counts_and_related_actions(self):
        self._ticket(unit_id=self.unit_a.id)
        self._ticket(estate_id=self.estate_a.id, area_scope="common")
        self.assertEqual(self.estate_a.building_count, 1)
        self.assertEqual(self.estate_a.unit_count, 2)
        self.assertEqual(self.estate_a.ticket_count, 2)
        action = self.estate_a.action_view_tickets()
        self.assertEqual(action["domain"], [("estate_id", "=", self.estate_a.id)])
        self.assertEqual(action["context"]["default_estate_id"], self.estate_a.id)
        self.assertEqual(self.building_a.unit_count, 2)

    def test_default_calendar_is_company_calendar(self):
        self.assertEqual(self.estate_a.resource_calendar_id, self.company.resource_calendar_id)
