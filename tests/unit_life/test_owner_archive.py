import unicodedata

from odoo.exceptions import AccessError

from ..common import ServiceDeskCase, needs_pdftotext, pdf_text
from ..move_in_key_fixtures import key_set, move_in
from ..renovation_common import make_renovation


class TestOwnerArchive(ServiceDeskCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Archive = cls.env["property.owner.archive"]
        cls.spouse = cls.env["res.partner"].create(
            {"name": "王芳的丈夫", "parent_id": cls.owner_a.id, "function": "Spouse"}
        )
        cls.request = cls._ticket(unit_id=cls.unit_a.id, partner_id=cls.owner_a.id)
        cls.complaint = cls._ticket(
            unit_id=cls.unit_a.id, partner_id=cls.owner_a.id, request_kind="complaint"
        )
        cls.other_request = cls._ticket(unit_id=cls.unit_b.id, partner_id=cls.owner_b.id)
        cls.parcel = cls.env["property.parcel"].create(
            {"unit_id": cls.unit_a.id, "partner_id": cls.owner_a.id, "notify_channel": "none"}
        )
        cls.portal = cls.env["res.users"].create(
            {
                "name": "王芳",
                "login": "psd_archive_portal",
                "partner_id": cls.owner_a.id,
                "groups_id": [(6, 0, [cls.env.ref("base.group_portal").id])],
            }
        )

    def test_the_unit_archive_gathers_what_the_estate_knows(self):
        unit = self.unit_a.with_user(self.agent_a)
        self.assertEqual(unit.archive_household_ids, self.owner_a | self.tenant_a | self.spouse)
        self.assertEqual(unit.archive_request_ids, self.request)
        self.assertEqual(unit.archive_complaint_ids, self.complaint)
        self.assertEqual(unit.archive_parcel_ids, self.parcel)
        self.assertFalse(unit.archive_invoice_ids, "an agent does not read Accounting")
        action = unit.action_open_archive()
        self.assertEqual(action["res_id"], self.unit_a.id)

    def test_the_owner_archive_gathers_what_the_estate_knows_of_the_person(self):
        archive = self.Archive.with_user(self.agent_a).browse(self.owner_a.id)
        self.assertEqual(archive.name, "王芳")
        self.assertEqual(archive.owned_unit_ids, self.unit_a)
        self.assertEqual(archive.archive_household_ids, self.owner_a | self.spouse)
        self.assertEqual(archive.archive_request_ids, self.request)
        self.assertEqual(archive.archive_complaint_ids, self.complaint)
        action = self.owner_a.with_user(self.agent_a).action_open_owner_archive()
        self.assertEqual((action["res_model"], action["res_id"]), (archive._name, archive.id))
        tenant = self.Archive.with_user(self.agent_a).browse(self.tenant_a.id)
        self.assertEqual(tenant.rented_unit_ids, self.unit_a)
        self.assertIn(tenant, self.Archive.with_user(self.agent_a).search([]))

    def test_move_in_files_keys_and_renovations_are_in_the_archive(self):
        keys = key_set(self)
        move_in_file = move_in(self)
        renovation = make_renovation(self.env, self.unit_a)
        unit = self.unit_a.with_user(self.agent_a)
        self.assertEqual(unit.archive_key_set_ids, keys)
        self.assertEqual(unit.archive_key_authorisation_ids, keys.authorisation_id)
        self.assertEqual(unit.archive_renovation_ids, renovation)
        self.assertEqual(self.unit_a2.with_user(self.agent_a).archive_move_in_ids, move_in_file)
        archive = self.Archive.with_user(self.agent_a).browse(self.owner_a.id)
        self.assertEqual(archive.archive_key_set_ids, keys)
        self.assertEqual(archive.archive_renovation_ids, renovation)
        with self.assertRaises(AccessError):
            self.unit_a.with_user(self.agent_b).read(["archive_key_set_ids"])

    def test_staff_of_another_estate_are_refused(self):
        with self.assertRaises(AccessError):
            self.Archive.with_user(self.agent_b).browse(self.owner_a.id).read(["name"])
        with self.assertRaises(AccessError):
            self.owner_a.with_user(self.agent_b).action_open_owner_archive()
        with self.assertRaises(AccessError):
            self.unit_a.with_user(self.agent_b).read(["archive_request_ids"])
        with self.assertRaises(AccessError):
            self.unit_a.with_user(self.agent_b).action_print_archive()
        seen = self.Archive.with_user(self.agent_b).search([])
        self.assertIn(self.owner_b.id, seen.ids)
        self.assertNotIn(self.owner_a.id, seen.ids)
        # The centre GM sees every estate.
        archive = self.Archive.with_user(self.centre_manager).browse(self.owner_b.id)
        self.assertEqual(archive.archive_request_ids, self.other_request)

    def test_portal_users_are_refused_even_for_their_own_unit(self):
        self.assertTrue(self.unit_a.with_user(self.portal).read(["name"]), "their unit")
        with self.assertRaises(AccessError):
            self.unit_a.with_user(self.portal).read(["archive_request_ids"])
        with self.assertRaises(AccessError):
            self.Archive.with_user(self.portal).browse(self.owner_a.id).read(["name"])
        with self.assertRaises(AccessError):
            self.unit_a.with_user(self.portal).action_open_archive()
        with self.assertRaises(AccessError):
            self.owner_a.with_user(self.portal).action_open_owner_archive()

    def test_accountants_see_the_invoices(self):
        accountant = self._user("psd_acc_archive", "group_property_accountant")
        self.estate_a.member_ids = [(4, accountant.id)]
        service = self.env["property.convenience.service"].create(
            {
                "unit_id": self.unit_a.id,
                "partner_id": self.owner_a.id,
                "product_id": self.env.ref("property_service_desk.product_convenience_copy").id,
                "quantity": 3,
            }
        )
        service.action_charge()
        unit = self.unit_a.with_user(accountant)
        self.assertEqual(unit.archive_invoice_ids, service.invoice_move_id)
        self.assertEqual(unit.archive_convenience_service_ids, service)
        archive = self.Archive.with_user(accountant).browse(self.owner_a.id)
        self.assertIn(service.invoice_move_id, archive.archive_invoice_ids)

    @needs_pdftotext
    def test_archive_cards_are_printed(self):
        text = unicodedata.normalize(
            "NFKC",
            pdf_text(
                self.env(user=self.agent_a),
                "property_service_desk.report_unit_archive",
                self.unit_a.ids,
            ),
        )
        self.assertIn("业户档案卡", text)
        self.assertIn(self.request.number, text)
        self.assertIn(self.parcel.name, text)
        text = unicodedata.normalize(
            "NFKC",
            pdf_text(
                self.env(user=self.agent_a),
                "property_service_desk.report_owner_archive",
                [self.owner_a.id],
            ),
        )
        self.assertIn("业户档案卡", text)
        self.assertIn(self.complaint.number, text)
