"""Personal data (个人信息保护法, SPEC §9; issue 26): the contacts of an estate's people, their
portal accounts and what they follow are read by the staff of their estates only; a technician
reads the customers of its orders, their phone in full while an order is open; ID numbers are
masked but for the desk."""

from odoo.exceptions import AccessError
from odoo.tests import new_test_user

from ..common import PropertyCase
from ..move_in_key_fixtures import move_in
from ..renovation_common import ID_NUMBERS, make_renovation

ID_NUMBER = "330106198805120031"


class PersonalDataCase(PropertyCase):
    """An owner with phone numbers; a technician and an accountant of estate A; their portal
    account."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.owner_a.write({"phone": "138 1234 5678", "mobile": "13912345678"})
        cls.technician = cls._user("psd_tech_a", "group_property_technician")
        cls.accountant = cls._user("psd_acc_a", "group_property_accountant")
        cls.estate_a.member_ids = [(4, cls.technician.id), (4, cls.accountant.id)]
        cls.supplier = cls.env["res.partner"].create({"name": "Pipe Supplies Ltd", "phone": "1"})
        cls.portal_a = new_test_user(
            cls.env,
            login="psd_portal_a",
            name="王芳",
            groups="base.group_portal",
            partner_id=cls.owner_a.id,
        )


class TestPersonalData(PersonalDataCase):
    def visible(self, user, partners):
        return self.env["res.partner"].with_user(user).search([("id", "in", partners.ids)])

    def test_estates_of_a_person_kept_by_the_system(self):
        self.assertEqual(self.owner_a.property_person_estate_ids, self.estate_a)
        self.assertEqual(self.tenant_a.property_person_estate_ids, self.estate_a)
        self.assertFalse(self.supplier.property_person_estate_ids)
        member = self.env["res.partner"].create({"name": "孙丽", "parent_id": self.owner_b.id})
        self.assertEqual(member.property_person_estate_ids, self.estate_b, "a household member")
        caller = self.env["res.partner"].create({"name": "路人甲"})
        self._ticket(partner_id=caller.id, unit_id=self.unit_b.id)
        self.assertEqual(
            caller.property_person_estate_ids, self.estate_b, "a customer of a request"
        )
        self.unit_b.owner_id = self.owner_a
        self.assertEqual(self.owner_a.property_person_estate_ids, self.estate_a | self.estate_b)
        self.assertFalse(self.agent_a.partner_id.property_person_estate_ids, "staff are colleagues")
        with self.assertRaises(AccessError):
            self.supplier.with_user(self.agent_a).write({"property_person_estate_ids": [(4, 1)]})

    def test_other_estates_staff_read_none_of_its_people(self):
        people = self.owner_a | self.tenant_a | self.owner_b | self.supplier
        self.assertEqual(self.visible(self.agent_a, people), people - self.owner_b)
        self.assertEqual(self.visible(self.agent_b, people), self.owner_b | self.supplier)
        self.assertEqual(self.visible(self.centre_manager, people), people)
        Partner = self.env["res.partner"].with_user(self.agent_b)
        with self.assertRaises(AccessError):
            self.owner_a.with_user(self.agent_b).read(["phone"])
        self.assertFalse(Partner.name_search("王芳"))
        groups = Partner.read_group([("id", "in", people.ids)], ["name"], ["name"])
        self.assertEqual(sum(group["name_count"] for group in groups), 2)
        # The portal account and what the owner follows are the person's too.
        Users = self.env["res.users"].with_user(self.agent_b)
        self.assertFalse(Users.search([("id", "=", self.portal_a.id)]))
        portal_b = new_test_user(
            self.env, login="psd_portal_b", groups="base.group_portal", partner_id=self.owner_b.id
        )
        as_portal = self.env["res.users"].with_user(self.portal_a)
        self.assertFalse(as_portal.search([("id", "=", portal_b.id)]), "no other portal account")
        self.assertEqual(as_portal.search([("id", "=", self.portal_a.id)]), self.portal_a)
        self.assertTrue(
            self.env["res.users"].with_user(self.agent_a).browse(self.portal_a.id).login
        )
        ticket = self._ticket(partner_id=self.owner_a.id, unit_id=self.unit_a.id)
        ticket.message_subscribe(partner_ids=self.owner_a.ids)
        followers = [("res_model", "=", "helpdesk.ticket"), ("partner_id", "=", self.owner_a.id)]
        Followers = self.env["mail.followers"]
        self.assertFalse(Followers.with_user(self.agent_b).search(followers))
        self.assertTrue(Followers.with_user(self.agent_a).search(followers))

    def test_accountant_reads_its_estates_people(self):
        people = self.owner_a | self.owner_b
        self.assertEqual(self.visible(self.accountant, people), self.owner_a)
        row = self.owner_a.with_user(self.accountant).read(["phone"])[0]
        self.assertEqual(row["phone"], "138 1234 5678")

    def test_technician_reads_its_customers_masked_once_closed(self):
        self.assertFalse(self.visible(self.technician, self.owner_a | self.tenant_a))
        ticket = self._ticket(partner_id=self.owner_a.id, unit_id=self.unit_a.id)
        order = self.env["property.work.order"].create(
            {
                "ticket_id": ticket.id,
                "partner_id": self.owner_a.id,
                "technician_ids": [(6, 0, self.technician.ids)],
            }
        )
        self.assertFalse(self.visible(self.technician, self.owner_a), "not yet dispatched")
        order._as_system().write({"state": "dispatched"})
        self.assertEqual(self.visible(self.technician, self.owner_a | self.tenant_a), self.owner_a)
        fields = ["name", "phone", "mobile"]
        row = self.owner_a.with_user(self.technician).read(fields)[0]
        self.assertEqual((row["phone"], row["mobile"]), ("138 1234 5678", "13912345678"))
        order._as_system().write({"state": "closed"})
        row = self.owner_a.with_user(self.technician).read(fields)[0]
        self.assertEqual((row["name"], row["phone"]), ("王芳", "138****5678"))
        self.assertEqual(row["mobile"], "139****5678")
        user_row = self.portal_a.with_user(self.technician).read(["phone"])[0]
        self.assertEqual(user_row["phone"], "138****5678")
        archive = self.env["property.owner.archive"].with_user(self.technician)
        self.assertEqual(archive.browse(self.owner_a.id).read(["phone"])[0]["phone"], "138****5678")
        self.assertEqual(archive.search([]).partner_id, self.owner_a, "only its customers")

    def test_id_numbers_masked_but_for_the_desk(self):
        record = move_in(self)
        field = ["id_document_number"]
        self.assertEqual(record.with_user(self.agent_a).read(field)[0][field[0]], ID_NUMBER)
        masked = record.with_user(self.accountant).read(field)[0][field[0]]
        self.assertEqual(masked, "330***********0031")
        renovation = make_renovation(self.env, self.unit_a)
        worker = renovation.worker_ids[:1]
        self.assertEqual(
            worker.with_user(self.agent_a).read(["id_number"])[0]["id_number"], ID_NUMBERS[0]
        )
        row = worker.with_user(self.technician).read(["id_number"])[0]
        self.assertEqual(row["id_number"], ID_NUMBERS[0][:3] + "*" * 11 + ID_NUMBERS[0][-4:])

    def test_accountant_reads_the_invoices_of_its_estates_people(self):
        Move = self.env["account.move"]
        invoices = Move.create(
            [
                {
                    "move_type": "out_invoice",
                    "partner_id": partner.id,
                    "invoice_line_ids": [(0, 0, {"name": "Repair", "price_unit": 10})],
                }
                for partner in (self.owner_a, self.owner_b, self.supplier)
            ]
        )
        mine = invoices.filtered(lambda move: move.partner_id != self.owner_b)
        self.assertEqual(Move.with_user(self.accountant).search([("id", "in", invoices.ids)]), mine)
        lines = self.env["account.move.line"].with_user(self.accountant)
        self.assertEqual(lines.search([("move_id", "in", invoices.ids)]).move_id, mine)
        journal = self.env["account.journal"].search([("type", "=", "bank")], limit=1)
        payments = self.env["account.payment"].create(
            [
                {
                    "payment_type": "inbound",
                    "partner_type": "customer",
                    "partner_id": partner.id,
                    "amount": 10,
                    "journal_id": journal.id,
                }
                for partner in (self.owner_a, self.owner_b)
            ]
        )
        Payment = self.env["account.payment"].with_user(self.accountant)
        found = Payment.search([("id", "in", payments.ids)])
        self.assertEqual(found.partner_id, self.owner_a)
