from odoo.tests import TransactionCase, tagged

from odoo.addons.property_service_desk.tools.request_selections import REQUEST_KINDS


@tagged("post_install", "-at_install")
class TestDemoData(TransactionCase):
    """The demo database looks like a real estate (the test database installs demo data)."""

    def setUp(self):
        super().setUp()
        module = self.env["ir.module.module"].search([("name", "=", "property_service_desk")])
        if not module.demo:
            self.skipTest("installed without demo data")
        self.estate = self.env.ref("property_service_desk.property_estate_demo_cuihu")

    def test_estate_buildings_and_units(self):
        self.assertGreaterEqual(self.estate.building_count, 3)
        self.assertGreaterEqual(self.estate.unit_count, 30)
        units = self.estate.unit_ids
        self.assertTrue(all(units.mapped("owner_id")), "every unit has an owner")
        self.assertTrue(units.filtered("tenant_ids"), "some units are rented")

    def test_requests_cover_every_kind_channel_and_urgency(self):
        tickets = self.env["helpdesk.ticket"].search([("estate_id", "!=", False)])
        self.assertGreaterEqual(len(tickets), 20)
        self.assertEqual(set(tickets.mapped("request_kind")), {k for k, _l in REQUEST_KINDS})
        self.assertEqual(set(tickets.mapped("urgency")), {"general", "urgent"})
        channels = self.env["helpdesk.ticket.channel"].search(
            [("id", "!=", self.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_other").id)]
        )
        self.assertEqual(tickets.channel_id, channels)
