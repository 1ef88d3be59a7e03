import base64
from datetime import timedelta

from odoo import fields
from odoo.tests import new_test_user, tagged

from ..common import PhoneTourCase, tour_estate, tour_user


@tagged("post_install", "-at_install")
class TestMoveInKeyPhoneTours(PhoneTourCase):
    """The move-in inspection and the key handover, as an agent on a phone-sized screen."""

    browser_size = "390x844"

    def setUp(self):
        super().setUp()
        self.env = self.tour_env()
        self.env.company.email = "desk@example.com"
        self.agent = tour_user(self.env, "psd_tour_mi_agent", "agent", name="Tour Agent")
        self.lead = new_test_user(
            self.env,
            login="psd_tour_mi_lead",
            name="Tour Lead",
            groups="base.group_user,property_service_desk.group_property_engineering_lead",
        )
        self.estate, building = tour_estate(self.env, "TOURM", self.agent)
        # Latin names: the signature pad's automatic signature fonts have no Chinese glyphs.
        self.owner = self.env["res.partner"].create({"name": "Qian Wei", "email": "qw@example.com"})
        self.unit = self.env["property.unit"].create(
            {"name": "1601", "building_id": building.id, "owner_id": self.owner.id}
        )

    def test_move_in_inspection_phone_tour(self):
        move_in = self.env["property.move.in"].create(
            {
                "unit_id": self.unit.id,
                "partner_id": self.owner.id,
                "agent_id": self.agent.id,
                "line_ids": [
                    (0, 0, {"room": "Living room", "item": "Walls", "result": "ok"}),
                    (0, 0, {"room": "Bathroom", "item": "Floor drain"}),
                ],
            }
        )
        self.start_tour(
            f"/odoo/action-property_service_desk.property_move_in_action/{move_in.id}",
            "property_move_in_inspection_tour",
            login="psd_tour_mi_agent",
            timeout=180,
        )
        move_in.invalidate_recordset()
        self.assertTrue(move_in.inspection_done_at)
        defect = move_in.line_ids.filtered(lambda line: line.result == "defect")
        self.assertEqual(defect.defect_note, "Water stays around the floor drain")
        self.assertEqual(defect.ticket_id.request_kind, "repair")
        self.assertEqual(defect.ticket_id.unit_id, self.unit)
        self.assertTrue(move_in.owner_signature and move_in.agent_signature)
        self.assertTrue(move_in.step_signatures)

    def test_key_handover_phone_tour(self):
        today = fields.Date.context_today(self.env["property.key.log"])
        authorisation = self.env["property.key.authorisation"].create(
            {
                "unit_id": self.unit.id,
                "document": base64.b64encode(b"%PDF-1.4 scan"),
                "keys_description": "Unit door",
                "valid_from": today - timedelta(days=10),
                "valid_until": today + timedelta(days=300),
                "contact_name": "Qian Wei",
                "contact_phone": "139",
            }
        )
        key_set = self.env["property.key.set"].create(
            {
                "unit_id": self.unit.id,
                "authorisation_id": authorisation.id,
                "keys_description": "Unit door",
                "seal_number": "TOUR-SEAL",
                "storage_location": "K1-01",
            }
        )
        self.start_tour(
            "/odoo/action-property_service_desk.property_key_set_action",
            "property_key_handover_tour",
            login="psd_tour_mi_agent",
            timeout=180,
        )
        log = key_set.log_ids
        self.assertEqual(len(log), 1)
        self.assertEqual(log.reason, "Replace the angle valve")
        self.assertEqual(log.taken_by_id, self.agent)
        self.assertEqual(log.authorised_by_id, self.lead)
        self.assertEqual(log.handed_out_by_id, self.agent)
        self.assertEqual(log.owner_notified_channel, "email")
        self.assertTrue(key_set.is_out)
