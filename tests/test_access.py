from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user

from .common import PropertyCase
from .renovation_common import PNG, renovation_values


class TestAccess(PropertyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ticket_a = cls._ticket(unit_id=cls.unit_a.id, partner_id=cls.owner_a.id)
        cls.ticket_b = cls._ticket(unit_id=cls.unit_b.id, partner_id=cls.owner_b.id)
        cls.ticket_unrouted = cls._ticket(name="Question on the phone")
        cls.portal_owner_a = new_test_user(
            cls.env, login="psd_portal_a", groups="base.group_portal", partner_id=cls.owner_a.id
        )
        cls.portal_tenant_a = new_test_user(
            cls.env, login="psd_portal_t", groups="base.group_portal", partner_id=cls.tenant_a.id
        )

    def _visible_tickets(self, user):
        tickets = self.ticket_a | self.ticket_b | self.ticket_unrouted
        return self.env["helpdesk.ticket"].with_user(user).search([("id", "in", tickets.ids)])

    def test_agent_reads_own_estate_not_another(self):
        self.ticket_a.with_user(self.agent_a).check_access("read")
        with self.assertRaises(AccessError):
            self.ticket_b.with_user(self.agent_a).check_access("read")
        with self.assertRaises(AccessError):
            self.ticket_b.with_user(self.agent_a).read(["name"])

    def test_buildings_scoped_as_units(self):
        Building = self.env["property.building"]
        buildings = self.building_a | self.building_b
        self.assertEqual(
            Building.with_user(self.agent_a).search([("id", "in", buildings.ids)]), self.building_a
        )
        with self.assertRaises(AccessError):
            self.building_b.with_user(self.agent_a).check_access("read")
        self.assertEqual(
            Building.with_user(self.centre_manager).search([("id", "in", buildings.ids)]), buildings
        )

    def test_plans_follow_their_renovation(self):
        """A plan is read by whoever may read its renovation (Odoo lets only the uploader read a
        file bound to no record), and nobody takes over another user's upload by linking it."""
        env_a = self.env(user=self.agent_a)
        renovation = env_a["property.renovation"].create(renovation_values(env_a, self.unit_a))
        plan = renovation.plan_attachment_ids
        self.assertEqual((plan.res_model, plan.res_id), ("property.renovation", renovation.id))
        plan.with_user(self.centre_manager).read(["name", "datas"])
        with self.assertRaises(AccessError):
            plan.with_user(self.agent_b).read(["name"])
        upload = (
            self.env["ir.attachment"]
            .with_user(self.agent_b)
            .create({"name": "b.png", "datas": PNG, "res_model": "property.renovation"})
        )
        renovation.with_user(self.centre_manager).plan_attachment_ids = [Command.link(upload.id)]
        self.assertFalse(upload.res_id)

    def test_agent_cannot_read_another_estates_promises(self):
        Promise = self.env["property.promise"]
        promises_b = Promise.search([("ticket_id", "=", self.ticket_b.id)])
        self.assertTrue(promises_b)
        with self.assertRaises(AccessError):
            promises_b.with_user(self.agent_a).read(["deadline"])
        visible = Promise.with_user(self.agent_a).search(
            [("ticket_id", "in", (self.ticket_a | self.ticket_b).ids)]
        )
        self.assertEqual(visible.ticket_id, self.ticket_a)

    def test_agent_search_filters_other_estates(self):
        self.assertEqual(self._visible_tickets(self.agent_a), self.ticket_a | self.ticket_unrouted)
        self.assertEqual(self._visible_tickets(self.agent_b), self.ticket_b | self.ticket_unrouted)

    def test_centre_manager_sees_every_estate(self):
        self.assertTrue(self.centre_manager.property_all_estates)
        self.assertEqual(
            self._visible_tickets(self.centre_manager),
            self.ticket_a | self.ticket_b | self.ticket_unrouted,
        )

    def test_granting_an_estate_takes_effect_at_once(self):
        self.assertNotIn(self.ticket_b, self._visible_tickets(self.agent_a))
        self.agent_a.property_estate_ids = [(4, self.estate_b.id)]
        self.assertIn(self.ticket_b, self._visible_tickets(self.agent_a))

    def test_portal_owner_reads_own_unit_only(self):
        self.unit_a.with_user(self.portal_owner_a).check_access("read")
        with self.assertRaises(AccessError):
            self.unit_b.with_user(self.portal_owner_a).check_access("read")
        units = self.env["property.unit"].with_user(self.portal_owner_a).search([])
        self.assertEqual(units, self.unit_a)

    def test_portal_tenant_sees_requests_of_rented_unit(self):
        # The owner filed ticket_a; the tenant of the unit sees it too, but not unit B's.
        self.assertEqual(self._visible_tickets(self.portal_tenant_a), self.ticket_a)
        with self.assertRaises(AccessError):
            self.ticket_b.with_user(self.portal_tenant_a).read(["name"])

    def test_portal_user_cannot_write_units(self):
        with self.assertRaises(AccessError):
            self.unit_a.with_user(self.portal_owner_a).write({"floor_area": 1})

    def test_agent_maintains_units_but_not_estates(self):
        self.unit_a.with_user(self.agent_a).write({"floor_area": 90})
        with self.assertRaises(AccessError):
            self.unit_a.with_user(self.agent_a).unlink()
        with self.assertRaises(AccessError):
            self.env["property.estate"].with_user(self.agent_a).create({"name": "X", "code": "X"})

    def test_other_company_estates_are_hidden(self):
        other_company = self.env["res.company"].create({"name": "Other Property Co."})
        estate_other = self.env["property.estate"].create(
            {"name": "Other", "code": "OTH", "company_id": other_company.id}
        )
        estates = self.env["property.estate"].with_user(self.centre_manager).search([])
        self.assertNotIn(estate_other, estates)
        self.assertIn(self.estate_a, estates)
