"""Personal data (SPEC §9, issue 26): the list view's Export shows what the screen shows; numbers
masked on the screen are masked in the export, for each role, over JSON-RPC."""

from odoo.tests import HttpCase, tagged

from ..move_in_key_fixtures import move_in
from .test_personal_data import ID_NUMBER, PersonalDataCase


@tagged("post_install", "-at_install")
class TestExportMasking(PersonalDataCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        export = cls.env.ref("base.group_allow_export")
        for user in (cls.technician, cls.accountant, cls.agent_a):
            user.groups_id = [(4, export.id)]
        ticket = cls._ticket(partner_id=cls.owner_a.id, unit_id=cls.unit_a.id)
        cls.order = cls.env["property.work.order"].create(
            {
                "ticket_id": ticket.id,
                "partner_id": cls.owner_a.id,
                "technician_ids": [(6, 0, cls.technician.ids)],
            }
        )
        cls.order._as_system().write({"state": "closed"})

    def export(self, user, records, fields):
        self.authenticate(user.login, user.login)
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{records._name}/export_data",
            {
                "model": records._name,
                "method": "export_data",
                "args": [records.ids, fields],
                "kwargs": {},
            },
        )["datas"]

    def test_technician_exports_a_closed_orders_customer_masked(self):
        supplier = self.env["res.partner"].create({"name": "Pipes Ltd", "phone": "0571 8888 1234"})
        rows = self.export(self.technician, self.owner_a | supplier, ["name", "phone", "mobile"])
        self.assertEqual(
            rows, [["王芳", "138****5678", "139****5678"], ["Pipes Ltd", "0571 8888 1234", ""]]
        )
        rows = self.export(self.technician, self.portal_a, ["name", "phone"])
        self.assertEqual(rows, [["王芳", "138****5678"]])
        archive = self.env["property.owner.archive"].browse(self.owner_a.id)
        self.assertEqual(self.export(self.technician, archive, ["phone"]), [["138****5678"]])
        # Through the contact of another record.
        rows = self.export(self.technician, self.order, ["name", "partner_id/phone"])
        self.assertEqual(rows, [[self.order.name, "138****5678"]])

    def test_desk_exports_in_full_while_an_open_order_shows_it(self):
        rows = self.export(self.agent_a, self.owner_a, ["phone", "mobile"])
        self.assertEqual(rows, [["138 1234 5678", "13912345678"]])
        self.order._as_system().write({"state": "dispatched"})
        rows = self.export(self.technician, self.owner_a, ["phone"])
        self.assertEqual(rows, [["138 1234 5678"]])

    def test_id_numbers_exported_masked_but_for_the_desk(self):
        record = move_in(self)
        field = ["id_document_number"]
        self.assertEqual(self.export(self.agent_a, record, field), [[ID_NUMBER]])
        self.assertEqual(self.export(self.accountant, record, field), [["330***********0031"]])

    def test_business_clerk_recognises_its_estates_people(self):
        """The business-centre clerk serves the estate's people at the counter: it reads them,
        their numbers masked on the screen and in exports; other estates' people not at all."""
        clerk = self._user("psd_clerk_a", "group_property_business_clerk")
        clerk.groups_id = [(4, self.env.ref("base.group_allow_export").id)]
        self.estate_a.member_ids = [(4, clerk.id)]
        people = self.owner_a | self.owner_b
        self.assertEqual(
            self.env["res.partner"].with_user(clerk).search([("id", "in", people.ids)]),
            self.owner_a,
        )
        row = self.owner_a.with_user(clerk).read(["name", "phone", "mobile"])[0]
        self.assertEqual(
            (row["name"], row["phone"], row["mobile"]), ("王芳", "138****5678", "139****5678")
        )
        self.assertEqual(self.export(clerk, self.owner_a, ["phone"]), [["138****5678"]])
        self.assertEqual(self.export(clerk, self.portal_a, ["phone"]), [["138****5678"]])
