from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError

from .common import ServiceDeskCase
from .test_callback import SIGNATURE
from .test_sla_milestones import T0, minutes


@freeze_time(T0)
class TestWorkOrder(ServiceDeskCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lead = cls._user("psd_lead", "group_property_engineering_lead")
        cls.technician_2 = cls._user("psd_tech_b", "group_property_technician")
        cls.accountant = cls._user("psd_accountant", "group_property_accountant")
        cls.estate_a.write(
            {
                "engineering_lead_id": cls.lead.id,
                "member_ids": [(4, cls.technician_2.id), (4, cls.accountant.id)],
            }
        )
        cls.tax = cls.env["account.tax"].create(
            {"name": "VAT 6%", "amount": 6, "amount_type": "percent", "type_tax_use": "sale"}
        )
        cls.pipe_repair = cls.env["product.product"].create(
            {
                "name": "Pipe repair (service)",
                "type": "service",
                "list_price": 120,
                "taxes_id": [(6, 0, cls.tax.ids)],
            }
        )
        cls.valve = cls.env["product.product"].create(
            {
                "name": "Ball valve DN20",
                "type": "consu",
                "list_price": 45,
                "taxes_id": [(6, 0, cls.tax.ids)],
            }
        )
        cls.renovation = cls.env["product.product"].create(
            {"name": "Kitchen re-tiling", "type": "service", "list_price": 800, "taxes_id": []}
        )
        cls.unit_a.warranty_end_date = date(2026, 6, 30)

    def order(self, **vals):
        ticket = self._ticket(
            request_kind="repair",
            unit_id=self.unit_a.id,
            partner_id=self.tenant_a.id,
            received_at=T0,
            area_scope=vals.pop("area_scope", "private"),
        )
        vals.setdefault("technician_ids", [(6, 0, self.technician.ids)])
        return self.env["property.work.order"].create({"ticket_id": ticket.id, **vals})

    def add(self, order, product, quantity=1, user=None):
        Line = (
            self.env["property.work.order.line"].with_user(user)
            if user
            else self.env["property.work.order.line"]
        )
        return Line.create({"order_id": order.id, "product_id": product.id, "quantity": quantity})

    def finish(self, order):
        order.with_user(self.lead).action_dispatch()
        order.with_user(self.technician).action_check_in()
        order.with_user(self.technician).action_done()

    def test_free_and_paid_rules(self):
        self.assertEqual(self.order(area_scope="common").charge_type, "free")
        self.assertEqual(self.order().charge_type, "paid", "private part out of warranty")
        self.unit_a.warranty_end_date = date(2027, 6, 30)
        self.assertEqual(self.order().charge_type, "free", "under warranty")
        self.assertEqual(self.order(owner_caused=True).charge_type, "paid", "damaged by owner")

    def test_override_needs_rights_and_a_reason(self):
        order = self.order()
        with self.assertRefused(UserError, "engineering lead"):
            order.with_user(self.agent_a).write(
                {"charge_override": "free", "override_reason": "Goodwill"}
            )
        with self.assertRefused(ValidationError, "Write why"):
            order.with_user(self.lead).write({"charge_override": "free"})
        order.with_user(self.lead).write({"charge_override": "free", "override_reason": "Goodwill"})
        self.assertEqual(order.charge_type, "free")
        self.assertEqual(order.rule_charge_type, "paid")

    def test_lines_at_published_price_with_taxes(self):
        order = self.order()
        self.add(order, self.pipe_repair)
        self.add(order, self.valve, 2)
        self.assertEqual(order.amount_untaxed, 210)
        self.assertAlmostEqual(order.amount_tax, 12.6)
        self.assertAlmostEqual(order.amount_total, 222.6)

    def test_published_price_list(self):
        pricelist = self.env["product.pricelist"].create(
            {
                "name": "2026 charging standard",
                "item_ids": [
                    (
                        0,
                        0,
                        {
                            "applied_on": "0_product_variant",
                            "product_id": self.valve.id,
                            "compute_price": "fixed",
                            "fixed_price": 38,
                        },
                    )
                ],
            }
        )
        self.company.property_pricelist_id = pricelist
        line = self.add(self.order(), self.valve)
        self.assertEqual(line.price_unit, 38)

    def test_negative_quantity_and_price_change_refused(self):
        order = self.order()
        with self.assertRefused(ValidationError, "must be positive"):
            self.add(order, self.valve, -1)
        line = self.add(order, self.valve, user=self.technician)
        with self.assertRefused(ValidationError, "published price"):
            line.with_user(self.technician).price_unit = 10
        self.assertEqual(line.price_unit, 45)
        line.with_user(self.accountant).sudo().price_unit = 40
        self.assertEqual(line.price_unit, 40)

    def test_invoice_lines_taxes_partner_and_no_second_invoice(self):
        order = self.order()
        self.add(order, self.pipe_repair)
        self.add(order, self.valve, 2)
        self.finish(order)
        self.assertTrue(order.to_invoice)
        order.with_user(self.accountant).action_create_invoice()
        invoice = order.invoice_move_id
        self.assertEqual(invoice.partner_id, self.tenant_a)
        self.assertEqual(invoice.state, "posted")
        self.assertEqual(invoice.property_work_order_id, order)
        self.assertEqual(
            invoice.invoice_line_ids.mapped("product_id"), self.pipe_repair | self.valve
        )
        self.assertEqual(invoice.invoice_line_ids.tax_ids, self.tax)
        self.assertAlmostEqual(invoice.amount_total, 222.6)
        order.with_user(self.accountant).action_create_invoice()
        self.assertEqual(
            self.env["account.move"].search_count([("property_work_order_id", "=", order.id)]), 1
        )
        self.assertFalse(order.to_invoice)

    def test_payment_shows_on_the_order(self):
        order = self.order()
        self.add(order, self.valve)
        self.finish(order)
        order.action_create_invoice()
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=order.invoice_move_id.ids
        ).create({})._create_payments()
        self.assertIn(order.invoice_payment_state, ("paid", "in_payment"))

    def test_free_order_is_not_invoiced(self):
        order = self.order(area_scope="common")
        self.add(order, self.valve)
        self.finish(order)
        self.assertFalse(order.to_invoice)
        with self.assertRefused(UserError, "free"):
            order.action_create_invoice()

    def test_large_job_dispatch_needs_agreement_and_paid_prepayment(self):
        order = self.order()
        self.add(order, self.renovation)
        self.assertTrue(order.is_large)
        with self.assertRefused(UserError, "sign the agreement"):
            order.with_user(self.lead).action_dispatch()
        order.agreement_signature = SIGNATURE
        order.action_create_prepayment()
        prepayment = order.prepayment_move_id
        self.assertEqual(prepayment.amount_total, 800)
        with self.assertRefused(UserError, "prepayment must be paid"):
            order.with_user(self.lead).action_dispatch()
        self.assertEqual(order.state, "draft")
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=prepayment.ids
        ).create({})._create_payments()
        self.finish(order)
        order.action_create_invoice()
        invoice = order.invoice_move_id
        self.assertEqual(invoice.amount_total, 0, "the final invoice deducts the prepayment")
        deduction = invoice.invoice_line_ids.filtered(lambda line: line.quantity < 0)
        self.assertEqual(deduction.price_subtotal, -800)

    def test_add_material_from_the_job_card(self):
        order = self.order()
        order.with_user(self.lead).action_dispatch()
        order.with_user(self.technician).action_check_in()
        action = order.with_user(self.technician).action_add_material()
        self.assertEqual(action["res_model"], "property.work.order.line")
        line = (
            self.env["property.work.order.line"]
            .with_user(self.technician)
            .with_context(**action["context"])
            .create({"product_id": self.valve.id})
        )
        self.assertEqual(line.order_id, order)
        self.assertEqual(order.amount_untaxed, 45)

    def test_dispatch_only_by_the_engineering_lead(self):
        order = self.order()
        with self.assertRefused(UserError, "engineering lead"):
            order.with_user(self.agent_a).action_dispatch()

    def test_check_in_is_the_requests_on_site_event(self):
        order = self.order()
        order.with_user(self.lead).action_dispatch()
        with freeze_time(minutes(8)):
            order.with_user(self.technician).action_check_in()
        on_site = self.milestone(order.ticket_id, "on_site")
        self.assertEqual((on_site.state, on_site.reached_at), ("met", minutes(8)))

    def test_technician_sees_only_own_orders(self):
        mine = self.order()
        other = self.order(technician_ids=[(6, 0, self.technician_2.ids)])
        visible = (
            self.env["property.work.order"]
            .with_user(self.technician)
            .search([("id", "in", (mine | other).ids)])
        )
        self.assertEqual(visible, mine)
        with self.assertRaises(AccessError):
            other.with_user(self.technician).read(["name"])

    def test_accountant_invoices_but_cannot_edit_a_signed_order(self):
        order = self.order()
        self.add(order, self.valve)
        self.finish(order)
        order.write({"customer_signature": SIGNATURE, "technician_signature": SIGNATURE})
        order.action_sign()
        self.assertEqual(order.state, "signed")
        self.assertTrue(order.signed_document_id, "signed order archived as an attachment")
        with self.assertRaises(UserError):  # AccessError is a UserError too
            order.with_user(self.accountant).write({"work_done": "edited"})
        with self.assertRefused(UserError, "signed"):
            order.with_user(self.lead).write({"work_done": "edited"})
        with self.assertRefused(UserError, "Invoice the paid work order"):
            order.with_user(self.agent_a).action_close()
        order.with_user(self.accountant).action_create_invoice()
        self.assertTrue(order.invoice_move_id)
        order.with_user(self.agent_a).action_close()
        self.assertEqual(order.state, "closed")

    def test_signing_needs_both_signatures(self):
        order = self.order()
        self.finish(order)
        order.customer_signature = SIGNATURE
        with self.assertRefused(UserError, "signatures"):
            order.action_sign()
        self.assertEqual(order.state, "done")

    def test_done_schedules_the_callbacks(self):
        order = self.order()
        self.add(order, self.renovation)
        order.agreement_signature = SIGNATURE
        order.action_create_prepayment()
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=order.prepayment_move_id.ids
        ).create({})._create_payments()
        self.finish(order)
        ticket = order.ticket_id
        self.assertTrue(ticket.high_quality_demand)
        self.assertEqual(ticket.callback_ids.mapped("sequence"), ["first", "second"])

    def test_rework_is_linked_and_free(self):
        order = self.order()
        self.finish(order)
        action = order.action_create_rework()
        rework = self.env["property.work.order"].browse(action["res_id"])
        self.assertEqual(rework.rework_of_id, order)
        self.assertEqual(rework.charge_type, "free")
        self.assertEqual(order.rework_ids, rework)

    def test_cancel_needs_a_reason_and_keeps_the_order(self):
        order = self.order()
        with self.assertRefused(UserError, "why"):
            order.action_cancel(" ")
        order.action_cancel("Customer fixed it himself.")
        self.assertEqual(order.state, "cancelled")
        with self.assertRaises(UserError):
            order.unlink()
