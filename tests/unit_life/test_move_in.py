"""Move-in files (入伙, SPEC §8): every step, completion and what it changes, who may act."""

import unicodedata
from datetime import date

from odoo.exceptions import AccessError, UserError, ValidationError

from ..callbacks.test_callback import SIGNATURE
from ..common import ServiceDeskCase, needs_pdftotext, pdf_text


class MoveInCase(ServiceDeskCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.buyer = cls.env["res.partner"].create(
            {"name": "钱伟", "email": "qw@example.com", "mobile": "139 0000 1111"}
        )
        cls.fee_category = cls.env.ref("property_service_desk.product_category_move_in_fee")
        cls.env["product.product"].search([("categ_id", "=", cls.fee_category.id)]).write(
            {"active": False}
        )
        cls.fee = cls.env["product.product"].create(
            {
                "name": "Property fee, first three months",
                "type": "service",
                "categ_id": cls.fee_category.id,
                "list_price": 600.0,
                "taxes_id": [(5, 0, 0)],
            }
        )
        cls.MoveIn = cls.env["property.move.in"]

    def new_file(self, user=None, **vals):
        vals.setdefault("unit_id", self.unit_a2.id)
        vals.setdefault("partner_id", self.buyer.id)
        return self.MoveIn.with_user(user or self.agent_a).create(vals)

    def pay(self, move_in):
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=move_in.invoice_move_id.ids
        ).create({})._create_payments()

    def do_every_step_but(self, move_in, skip=()):
        """Walk the file through its steps as the agent, leaving out the ones in `skip`."""
        move_in = move_in.with_user(self.agent_a)
        if "documents" not in skip:
            move_in.write(
                {
                    "id_document_type": "id_card",
                    "id_document_number": "330106198805120031",
                    "purchase_document_type": "sales_contract",
                }
            )
            move_in.action_check_documents()
        if "fees" not in skip:
            move_in.action_create_invoice()
            self.pay(move_in)
        if "inspection" not in skip:
            move_in.line_ids.write({"result": "ok"})
            move_in.action_finish_inspection()
        if "meters" not in skip:
            move_in.write(
                {
                    "water_reading": 1.5,
                    "electricity_reading": 20,
                    "gas_reading": 0.4,
                    "meters_read": True,
                }
            )
        if "handover" not in skip:
            move_in.write({"key_unit_door_count": 3, "access_card_count": 2})
        if "household" not in skip:
            move_in.write(
                {
                    "member_ids": [
                        (
                            0,
                            0,
                            {
                                "name": "钱伟",
                                "relation": "owner",
                                "mobile": "139",
                                "is_contact": True,
                            },
                        ),
                        (0, 0, {"name": "孙丽", "relation": "spouse", "mobile": "138"}),
                    ]
                }
            )
        if "signatures" not in skip:
            move_in.write({"owner_signature": SIGNATURE, "agent_signature": SIGNATURE})
        return move_in


class TestMoveInSteps(MoveInCase):
    def test_new_file_takes_the_checklist_and_the_fees_of_the_configuration(self):
        Item = self.env["property.move.in.checklist.item"]
        archived = Item.create({"room": "Attic", "name": "Roof window"})
        archived.action_archive()
        move_in = self.new_file()
        items = Item.search([])
        self.assertEqual(len(move_in.line_ids), len(items))
        self.assertEqual(set(move_in.line_ids.mapped("item")), set(items.mapped("name")))
        self.assertNotIn("Roof window", move_in.line_ids.mapped("item"))
        self.assertEqual(move_in.fee_line_ids.product_id, self.fee)
        self.assertEqual(move_in.amount_total, 600.0)
        self.assertTrue(move_in.name.startswith("MI/"))
        self.assertEqual(move_in.estate_id, self.estate_a)

    def test_only_the_administrator_edits_the_checklist(self):
        Item = self.env["property.move.in.checklist.item"]
        with self.assertRaises(AccessError):
            Item.with_user(self.agent_a).create({"room": "Kitchen", "name": "Hood"})
        admin = self._user("psd_admin_mi", "group_property_manager")
        item = Item.with_user(admin).create({"room": "Kitchen", "name": "Hood"})
        self.assertIn(item, Item.with_user(self.agent_a).search([]))

    def test_completion_refused_until_every_step_is_done(self):
        steps = ("documents", "fees", "inspection", "meters", "handover", "household", "signatures")
        for step in steps:
            with self.subTest(step=step):
                move_in = self.do_every_step_but(self.new_file(), skip=(step,))
                self.assertEqual(move_in.steps_done, 6)
                with self.assertRefused(UserError, "cannot be completed yet"):
                    move_in.action_complete()
                self.assertEqual(move_in.state, "open")
                self.assertEqual(self.unit_a2.owner_id.id, False)
                move_in.sudo().action_cancel("test")

    def test_completion_lists_what_is_left(self):
        move_in = self.new_file().with_user(self.agent_a)
        with self.assertRefused(UserError, "meters read.*signatures of the owner"):
            move_in.action_complete()

    def test_completed_file_gives_the_unit_its_owner_and_household(self):
        move_in = self.do_every_step_but(self.new_file())
        # The agent does not read invoices: the paid state comes through the file.
        self.env.invalidate_all()
        self.assertEqual(move_in.steps_done, 7)
        form = move_in.web_read({"invoice_move_id": {"fields": {"display_name": {}}}})
        self.assertEqual(form[0]["invoice_move_id"]["id"], move_in.sudo().invoice_move_id.id)
        move_in.action_complete()
        self.assertEqual(move_in.state, "done")
        self.assertEqual(move_in.completed_by_id, self.agent_a)
        self.assertEqual(self.unit_a2.owner_id, self.buyer)
        household = self.unit_a2.household_ids
        self.assertEqual(set(household.mapped("name")), {"钱伟", "孙丽"})
        spouse = household - self.buyer
        self.assertEqual(spouse.parent_id, self.buyer)
        self.assertEqual(spouse.mobile, "138")
        self.assertIn(move_in, self.unit_a2.move_in_ids)

    def test_completed_file_is_frozen_and_never_deleted(self):
        move_in = self.do_every_step_but(self.new_file())
        move_in.action_complete()
        with self.assertRefused(AccessError, "completed or cancelled"):
            move_in.write({"water_reading": 9})
        with self.assertRefused(AccessError, "completed or cancelled"):
            move_in.member_ids[0].write({"mobile": "1"})
        with self.assertRefused(UserError, "completed or cancelled"):
            move_in.action_complete()
        with self.assertRefused(AccessError, "official record"):
            move_in.sudo().unlink()

    def test_documents_need_the_identity_and_purchase_documents(self):
        move_in = self.new_file().with_user(self.agent_a)
        with self.assertRefused(UserError, "identity document"):
            move_in.action_check_documents()
        move_in.write(
            {
                "id_document_type": "passport",
                "id_document_number": " ",
                "purchase_document_type": "other",
            }
        )
        with self.assertRefused(UserError, "identity document"):
            move_in.action_check_documents()
        move_in.id_document_number = "E12345678"
        move_in.action_check_documents()
        self.assertEqual(move_in.documents_checked_by_id, self.agent_a)
        self.assertTrue(move_in.step_documents)

    def test_fees_step_done_only_when_the_invoice_is_paid(self):
        move_in = self.new_file().with_user(self.agent_a)
        self.assertFalse(move_in.step_fees)
        move_in.action_create_invoice()
        invoice = move_in.invoice_move_id
        self.assertEqual(invoice.move_type, "out_invoice")
        self.assertEqual(invoice.state, "posted")
        self.assertEqual(invoice.partner_id, self.buyer)
        self.assertEqual(invoice.amount_total, 600.0)
        self.assertFalse(move_in.step_fees, "invoiced is not paid")
        move_in.action_create_invoice()
        self.assertEqual(move_in.invoice_move_id, invoice, "invoiced once")
        with self.assertRefused(AccessError, "invoiced"):
            move_in.fee_line_ids.write({"quantity": 2})
        self.pay(move_in)
        move_in.invalidate_recordset()
        self.assertTrue(move_in.step_fees)

    def test_nothing_due_is_a_settled_fees_step(self):
        self.fee.active = False
        move_in = self.new_file()
        self.assertFalse(move_in.fee_line_ids)
        self.assertTrue(move_in.step_fees)
        with self.assertRefused(UserError, "no move-in fees"):
            move_in.with_user(self.agent_a).action_create_invoice()

    def test_fee_price_is_the_published_one(self):
        move_in = self.new_file()
        with self.assertRefused(AccessError, "kept by the system"):
            move_in.fee_line_ids.with_user(self.agent_a).write({"price_unit": 1})

    def test_one_open_file_per_unit_and_owner(self):
        self.new_file()
        with self.assertRefused(ValidationError, "already has an open move-in file"):
            self.new_file()


class TestMoveInInspection(MoveInCase):
    def test_every_item_checked_and_each_defect_described(self):
        move_in = self.new_file().with_user(self.agent_a)
        with self.assertRefused(UserError, "mark every item OK or defect"):
            move_in.action_finish_inspection()
        move_in.line_ids.write({"result": "ok"})
        move_in.line_ids[0].result = "defect"
        with self.assertRefused(UserError, "describe each defect"):
            move_in.action_finish_inspection()

    def test_each_defect_becomes_a_free_warranty_repair_on_the_unit(self):
        self.unit_a2.warranty_end_date = date(2020, 1, 1)  # even past the unit's warranty
        move_in = self.new_file().with_user(self.agent_a)
        move_in.line_ids.write({"result": "ok"})
        crack, leak = move_in.line_ids[:2]
        crack.write(
            {"result": "defect", "defect_note": "Crack in the north wall", "photo": SIGNATURE}
        )
        leak.write({"result": "defect", "defect_note": "Drain leaks"})
        move_in.action_finish_inspection()
        tickets = move_in.repair_ticket_ids
        self.assertEqual(len(tickets), 2)
        self.assertEqual(set(tickets.mapped("request_kind")), {"repair"})
        self.assertEqual(tickets.unit_id, self.unit_a2)
        self.assertEqual(tickets.partner_id, self.buyer)
        self.assertEqual(set(tickets.mapped("area_scope")), {"private"})
        self.assertIn("Crack in the north wall", crack.ticket_id.description)
        self.assertTrue(all(tickets.mapped("is_warranty_repair")))
        order = crack.ticket_id.work_order_ids
        self.assertEqual(len(order), 1, "the repair comes with its work order")
        self.assertEqual(order.charge_type, "free", "a move-in defect is repaired free")
        plain = self._ticket(unit_id=self.unit_a2.id, request_kind="repair")
        other = self.env["property.work.order"].create({"ticket_id": plain.id})
        self.assertEqual(other.charge_type, "paid", "other repairs follow the warranty date")

    def test_defect_request_titled_in_the_customers_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.buyer.lang = "zh_CN"
        move_in = self.new_file().with_user(self.agent_a).with_context(lang="en_US")
        move_in.line_ids.write({"result": "ok"})
        move_in.line_ids[:1].write({"result": "defect", "defect_note": "墙面裂缝"})
        move_in.action_finish_inspection()
        self.assertRegex(move_in.repair_ticket_ids.name, "^入伙缺陷：")

    def test_items_frozen_once_the_inspection_is_finished(self):
        move_in = self.new_file().with_user(self.agent_a)
        move_in.line_ids.write({"result": "ok"})
        move_in.action_finish_inspection()
        with self.assertRefused(AccessError, "inspection of .* is finished"):
            move_in.line_ids[0].write({"result": "defect"})
        with self.assertRefused(AccessError, "inspection of .* is finished"):
            self.env["property.move.in.line"].with_user(self.agent_a).create(
                {"move_in_id": move_in.id, "room": "Hall", "item": "Lamp"}
            )
        with self.assertRefused(UserError, "already finished"):
            move_in.action_finish_inspection()
        with self.assertRaises(AccessError):
            move_in.line_ids[0].ticket_id = self._ticket(unit_id=self.unit_a2.id)


class TestMoveInAccess(MoveInCase):
    def test_staff_of_another_estate_do_not_see_the_file(self):
        move_in = self.new_file()
        self.assertFalse(self.MoveIn.with_user(self.agent_b).search([("id", "=", move_in.id)]))
        with self.assertRaises(AccessError):
            move_in.with_user(self.agent_b).read(["name"])
        with self.assertRaises(AccessError):
            move_in.line_ids.with_user(self.agent_b).read(["room"])

    def test_roles_outside_the_desk_do_not_act(self):
        move_in = self.new_file()
        with self.assertRaises(AccessError):
            move_in.with_user(self.technician).action_complete()
        accountant = self._user("psd_acc_mi", "group_property_accountant")
        self.estate_a.member_ids = [(4, accountant.id)]
        with self.assertRaises(AccessError):
            move_in.with_user(accountant).action_check_documents()
        # The accountant may invoice the fees (and read the file), not edit it.
        move_in.with_user(accountant).action_create_invoice()
        self.assertTrue(move_in.invoice_move_id)
        with self.assertRaises(AccessError):
            move_in.with_user(accountant).write({"water_reading": 3})

    def test_system_fields_are_not_written_by_hand(self):
        move_in = self.new_file().with_user(self.agent_a)
        for vals in (
            {"state": "done"},
            {"documents_checked_at": "2026-01-01 00:00:00"},
            {"inspection_done_at": "2026-01-01 00:00:00"},
        ):
            with self.assertRefused(AccessError, "kept by the system"):
                move_in.write(vals)

    def test_cancel_needs_a_reason(self):
        move_in = self.new_file().with_user(self.agent_a)
        with self.assertRefused(UserError, "why the move-in file is cancelled"):
            move_in.action_cancel(" ")
        self.env["property.move.in.cancel.wizard"].with_user(self.agent_a).create(
            {"move_in_id": move_in.id, "reason": "Sale fell through"}
        ).action_confirm()
        self.assertEqual(move_in.state, "cancelled")
        self.assertEqual(move_in.cancel_reason, "Sale fell through")


@needs_pdftotext
class TestMoveInPrinted(MoveInCase):
    def text(self, report, records):
        # pdftotext gives some CJK characters as their Kangxi radical look-alikes (⼊ for 入).
        return unicodedata.normalize("NFKC", pdf_text(self.env, report, records.ids))

    def test_handover_sheet_and_registration_form(self):
        move_in = self.do_every_step_but(self.new_file())
        move_in.action_complete()
        sheet = self.text("property_service_desk.report_move_in_handover", move_in)
        self.assertIn("房屋交接验收单", sheet)
        self.assertIn(move_in.name, sheet)
        self.assertIn("住宅质量保证书", sheet)
        form = self.text("property_service_desk.report_move_in_registration", move_in)
        self.assertIn("入伙登记表", form)
        self.assertIn("孙丽", form)
