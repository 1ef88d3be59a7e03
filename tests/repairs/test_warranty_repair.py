"""Class 2 complaints (housing quality) go through the warranty repair path (SPEC §3)."""

import unicodedata

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError

from ..common import ServiceDeskCase, needs_pdftotext, pdf_text
from ..promises.test_promises import T0


@freeze_time(T0)
class TestWarrantyRepair(ServiceDeskCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.office = cls.env["res.partner"].create(
            {"name": "绿城地产保修办", "email": "warranty@developer.example.com"}
        )
        cls.estate_a.warranty_office_partner_id = cls.office

    def housing_complaint(self, **vals):
        return self.complaint(
            name="Bathroom ceiling mouldy: waterproofing failed",
            description="<p>Water seeps through the bathroom ceiling from the floor above.</p>",
            cause_class="class_2",
            **vals,
        )

    def test_class_2_opens_a_free_warranty_repair_with_its_work_order(self):
        complaint = self.housing_complaint()
        action = complaint.with_user(self.agent_a).action_start_warranty_repair()
        repair = self.env["helpdesk.ticket"].browse(action["res_id"])
        self.assertEqual(complaint.warranty_repair_ids, repair)
        self.assertEqual(repair.warranty_complaint_id, complaint)
        self.assertTrue(repair.is_warranty_repair)
        self.assertEqual(
            (repair.request_kind, repair.unit_id, repair.partner_id),
            ("repair", self.unit_a, self.owner_a),
        )
        order = repair.work_order_ids
        self.assertEqual(len(order), 1)
        self.assertEqual(order.state, "draft")
        self.assertIn("seeps through the bathroom ceiling", order.description)
        # Out of the unit's own warranty, the housing quality repair is still free.
        self.assertFalse(self.unit_a.warranty_end_date)
        self.assertEqual(order.charge_type, "free")
        # Once only.
        again = complaint.with_user(self.agent_a).action_start_warranty_repair()
        self.assertEqual(again["res_id"], repair.id)
        self.assertEqual(complaint.warranty_repair_ids, repair)

    def test_the_work_contact_sheet_goes_to_the_warranty_office(self):
        complaint = self.housing_complaint()
        action = complaint.with_user(self.agent_a).action_start_warranty_repair()
        repair = self.env["helpdesk.ticket"].browse(action["res_id"])
        sent = repair.message_ids.filtered(lambda m: self.office in m.partner_ids)
        self.assertEqual(len(sent), 1)
        self.assertTrue(sent.attachment_ids, "the printed contact sheet is attached")
        self.assertIn("contact-sheet", sent.attachment_ids.name)

    @needs_pdftotext
    def test_the_printed_contact_sheet_names_the_warranty_office(self):
        complaint = self.housing_complaint()
        action = complaint.action_start_warranty_repair()
        text = unicodedata.normalize(
            "NFKC",
            pdf_text(
                self.env, "property_service_desk.report_work_contact_sheet", [action["res_id"]]
            ),
        )
        self.assertIn("工作联系单", text)
        self.assertIn("绿城地产保修办", text)
        self.assertIn(complaint.number, text)

    def test_only_class_2_only_the_desk_and_an_office_is_needed(self):
        with self.assertRefused(UserError, "class 2"):
            self.complaint(cause_class="class_1").action_start_warranty_repair()
        complaint = self.housing_complaint()
        with self.assertRefused(AccessError, "reserved"):
            complaint.with_user(self.technician).action_start_warranty_repair()
        self.estate_a.warranty_office_partner_id = False
        with self.assertRefused(UserError, "warranty office"):
            complaint.action_start_warranty_repair()
        self.assertFalse(complaint.warranty_repair_ids)

    def test_class_2_complaint_not_closed_without_its_warranty_repair(self):
        complaint = self.housing_complaint()
        done = self.env["helpdesk.ticket.stage"].search([("closed", "=", True)], limit=1)
        with self.assertRefused(ValidationError, "warranty repair"):
            complaint.stage_id = done
        complaint.action_start_warranty_repair()
        complaint.stage_id = done
        self.assertTrue(complaint.closed)

    def test_the_warranty_fields_are_kept_by_the_system(self):
        request = self._ticket(request_kind="repair", unit_id=self.unit_a.id)
        with self.assertRefused(AccessError, "kept by the system"):
            request.with_user(self.agent_a).write({"is_warranty_repair": True})
        with self.assertRefused(AccessError, "kept by the system"):
            self.env["helpdesk.ticket"].with_user(self.agent_a).create(
                {"name": "x", "unit_id": self.unit_a.id, "is_warranty_repair": True}
            )

    def test_reusable_for_a_defect_found_at_move_in(self):
        request = self.unit_a.with_user(self.agent_a)._create_warranty_repair_request(
            "Living-room window does not close.", name="Move-in defect: window"
        )
        self.assertTrue(request.is_warranty_repair)
        self.assertFalse(request.warranty_complaint_id)
        self.assertEqual(request.partner_id, self.tenant_a, "the occupant by default")
        self.assertEqual(request.work_order_ids.charge_type, "free")
        with self.assertRefused(UserError, "Describe the defect"):
            self.unit_a._create_warranty_repair_request(" ")
