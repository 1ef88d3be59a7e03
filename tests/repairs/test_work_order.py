import unicodedata
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError

from ..callbacks.test_callback import SIGNATURE
from ..common import ServiceDeskCase, needs_pdftotext, pdf_text
from ..promises.test_promises import T0, minutes


class WorkOrderCase(ServiceDeskCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lead = cls._user("psd_lead", "group_property_engineering_lead")
        cls.technician_2 = cls._user("psd_tech_b", "group_property_technician")
        cls.accountant = cls._user("psd_accountant", "group_property_accountant")
        cls.committee = cls.env["res.partner"].create({"name": "翠湖花园业主委员会"})
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
        if order.charge_type == "paid" and not order.approved_by_id:
            order.with_user(self.project_manager).action_approve()
        order.with_user(self.lead).action_dispatch()
        order.with_user(self.technician).action_check_in()
        order.with_user(self.technician).action_done()


@freeze_time(T0)
class TestWorkOrder(WorkOrderCase):
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
        with self.assertRefused(ValidationError, "between 0 and 100000"):
            self.add(order, self.valve, -1)
        with self.assertRefused(ValidationError, "must be positive"):
            self.add(order, self.valve, 0)
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
        order.with_user(self.project_manager).action_approve()
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
        order.with_user(self.project_manager).action_approve()
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
        order = self.order(area_scope="common")
        order.with_user(self.lead).action_dispatch()
        with freeze_time(minutes(8)):
            order.with_user(self.technician).action_check_in()
        on_site = self.promise(order.ticket_id, "on_site")
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


@freeze_time(T0)
class TestWorkOrderRulebook(WorkOrderCase):
    """SPEC §4 and source document 001: who pays, who approves, who accepts, and money that
    always balances."""

    def common_order(self, received=T0, **vals):
        ticket = self._ticket(
            request_kind=vals.pop("request_kind", "repair"),
            unit_id=self.unit_a.id,
            partner_id=self.tenant_a.id,
            received_at=received,
            area_scope="common",
        )
        vals.setdefault("technician_ids", [(6, 0, self.technician.ids)])
        return self.env["property.work.order"].create({"ticket_id": ticket.id, **vals})

    def pay(self, moves, user=None):
        Register = self.env["account.payment.register"]
        if user:
            Register = Register.with_user(user)
        return (
            Register.with_context(active_model="account.move", active_ids=moves.ids)
            .create({})
            ._create_payments()
        )

    def sign(self, order):
        order.write({"customer_signature": SIGNATURE, "technician_signature": SIGNATURE})
        order.with_user(self.technician).action_sign()

    # 1. Common areas after warranty ------------------------------------------------------

    def test_common_area_is_free_under_warranty_and_paid_after_it(self):
        self.estate_a.write(
            {
                "common_warranty_end_date": date(2026, 6, 30),
                "common_repair_partner_id": self.committee.id,
            }
        )
        after = self.common_order()
        self.assertEqual(after.charge_type, "paid")
        self.assertEqual(after.partner_id, self.committee, "billed to the estate's payer")
        under = self.common_order(received=T0.replace(year=2026, month=5))
        self.assertEqual(under.charge_type, "free")
        self.assertEqual(under.partner_id, self.tenant_a)
        # The building's own date overrides the estate's.
        self.building_a.common_warranty_end_date = date(2027, 12, 31)
        self.assertEqual(self.common_order().charge_type, "free")

    def test_paid_common_repair_is_invoiced_to_the_common_repairs_payer(self):
        self.estate_a.common_warranty_end_date = date(2026, 6, 30)
        order = self.common_order()
        self.add(order, self.valve)
        self.finish(order)
        with self.assertRefused(UserError, "billed to"):
            order.with_user(self.accountant).action_create_invoice()
        self.estate_a.common_repair_partner_id = self.committee
        order.with_user(self.accountant).action_create_invoice()
        self.assertEqual(order.invoice_move_id.partner_id, self.committee)

    def test_special_service_is_paid_whatever_the_warranty(self):
        self.unit_a.warranty_end_date = date(2030, 1, 1)
        ticket = self._ticket(
            request_kind="special", unit_id=self.unit_a.id, partner_id=self.tenant_a.id
        )
        order = self.env["property.work.order"].create({"ticket_id": ticket.id})
        self.assertEqual(order.charge_type, "paid")

    def test_common_area_repair_accepted_by_the_engineering_lead_before_closing(self):
        order = self.common_order()
        self.finish(order)
        self.sign(order)
        self.assertTrue(order.needs_acceptance)
        with self.assertRefused(UserError, "accepted by the engineering lead"):
            order.with_user(self.agent_a).action_close()
        for user in (self.agent_a, self.technician, self.business_manager):
            with self.assertRefused(AccessError, "engineering lead"):
                order.with_user(user).action_accept()
        order.with_user(self.lead).action_accept()
        self.assertEqual(order.accepted_by_id, self.lead)
        order.with_user(self.agent_a).action_close()
        self.assertEqual(order.state, "closed")
        with self.assertRefused(UserError, "not a common-area repair"):
            private = self.order()
            self.finish(private)
            private.with_user(self.lead).action_accept()

    # 5. Paid services approved before dispatch -------------------------------------------

    def test_paid_service_is_approved_by_the_estates_director_before_dispatch(self):
        order = self.order()
        self.add(order, self.valve)
        with self.assertRefused(UserError, "approved by the estate's director"):
            order.with_user(self.lead).action_dispatch()
        self.assertTrue(order.awaits_approval)
        activity = order.activity_ids.filtered(
            lambda a: (
                a.activity_type_id
                == self.env.ref("property_service_desk.mail_activity_type_paid_service_approval")
            )
        )
        self.assertEqual(activity.user_id, self.project_manager, "the director is asked at once")
        for user in (
            self.agent_a,
            self.technician,
            self.lead,
            self.accountant,
            self.business_manager,
        ):
            with self.assertRefused(AccessError, "director"):
                order.with_user(user).action_approve()
        order.with_user(self.project_manager).action_approve()
        self.assertEqual(order.approved_by_id, self.project_manager)
        self.assertFalse(order.awaits_approval)
        self.assertFalse(activity.exists(), "done once approved")
        order.with_user(self.lead).action_dispatch()
        self.assertEqual(order.state, "dispatched")
        free = self.order(area_scope="common")
        with self.assertRefused(UserError, "free"):
            free.with_user(self.project_manager).action_approve()
        free.with_user(self.lead).action_dispatch()

    # 5. Money that balances --------------------------------------------------------------

    def prepaid_large_job(self):
        order = self.order()
        self.add(order, self.renovation)
        order.agreement_signature = SIGNATURE
        order.with_user(self.accountant).action_create_prepayment()
        self.pay(order.prepayment_move_id)
        return order

    def test_prepayment_surplus_ends_in_a_credit_note_a_refund_and_a_closed_order(self):
        order = self.prepaid_large_job()
        order.with_user(self.project_manager).action_approve()
        order.with_user(self.lead).action_dispatch()
        order.with_user(self.technician).action_check_in()
        # On site the job turns out smaller: tiling of one wall only.
        order.line_ids.with_user(self.technician).write({"quantity": 0.25})
        self.assertEqual(order.amount_total, 200)
        order.with_user(self.technician).action_done()
        self.sign(order)
        order.with_user(self.accountant).action_create_invoice()
        invoice, refund = order.invoice_move_id, order.refund_move_id
        self.assertEqual((invoice.state, invoice.amount_total), ("posted", 0))
        self.assertEqual((refund.move_type, refund.state), ("out_refund", "posted"))
        self.assertEqual(refund.amount_total, 600)
        self.assertEqual(refund.partner_id, self.tenant_a)
        with self.assertRefused(UserError, "Refund the prepayment surplus"):
            order.with_user(self.agent_a).action_close()
        with self.assertRefused(AccessError, "reserved"):
            order.with_user(self.agent_a).action_refund_surplus()
        action = order.with_user(self.accountant).action_refund_surplus()
        payment = (
            self.env["account.payment.register"]
            .with_user(self.accountant)
            .with_context(**action["context"])
            .create({})
            ._create_payments()
        )
        self.assertEqual((payment.payment_type, payment.amount), ("outbound", 600))
        self.assertIn(order.refund_payment_state, ("paid", "in_payment"))
        order.with_user(self.agent_a).action_close()
        self.assertEqual(order.state, "closed")
        # Revenue of the order: the prepayment, less the refund = the final amount.
        self.assertEqual(
            order.prepayment_move_id.amount_total + invoice.amount_total - refund.amount_total,
            order.amount_total,
        )

    def test_unpaid_prepayment_follows_the_orders_amount_before_dispatch(self):
        order = self.order()
        line = self.add(order, self.renovation)
        order.agreement_signature = SIGNATURE
        order.with_user(self.accountant).action_create_prepayment()
        prepayment = order.prepayment_move_id
        line.with_user(self.agent_a).quantity = 1.5
        self.assertEqual(order.amount_total, 1200)
        self.assertEqual((prepayment.state, prepayment.amount_total), ("posted", 1200))
        self.assertEqual(order.prepayment_move_id, prepayment, "the same document, re-issued")
        line.with_user(self.agent_a).quantity = 0.5
        self.assertFalse(order.is_large)
        self.assertEqual(prepayment.state, "cancel", "no longer a large job: no prepayment")
        self.assertFalse(order.prepayment_move_id)

    def test_a_paid_prepayment_below_the_new_amount_needs_the_balance_before_dispatch(self):
        order = self.prepaid_large_job()
        order.with_user(self.project_manager).action_approve()
        self.add(order, self.renovation, 0.5, user=self.agent_a)
        self.assertEqual(order.prepayment_move_id.amount_total, 800, "a paid document stays")
        self.assertTrue(order.prepayment_due)
        with self.assertRefused(UserError, "more than its prepayment"):
            order.with_user(self.lead).action_dispatch()
        order.with_user(self.accountant).action_create_prepayment()
        balance = order.prepayment_move_id
        self.assertEqual(balance.amount_total, 400)
        self.assertEqual(order.prepaid_amount, 1200)
        with self.assertRefused(UserError, "prepayment must be paid"):
            order.with_user(self.lead).action_dispatch()
        self.pay(balance)
        order.with_user(self.lead).action_dispatch()
        order.with_user(self.technician).action_check_in()
        order.with_user(self.technician).action_done()
        order.with_user(self.accountant).action_create_invoice()
        self.assertEqual(order.invoice_move_id.amount_total, 0, "both prepayments deducted")
        self.assertFalse(order.refund_move_id)

    # 5. Small fees collected on completion -----------------------------------------------

    def test_technician_collects_the_fee_by_wechat_pay_with_a_receipt(self):
        order = self.order()
        self.add(order, self.pipe_repair)
        self.finish(order)
        self.assertFalse(self.technician.has_group("account.group_account_invoice"))
        action = order.with_user(self.technician).action_collect_fee("wechat")
        self.assertEqual(action["report_name"], "property_service_desk.report_fee_receipt")
        invoice, payment = order.invoice_move_id, order.fee_payment_id
        self.assertEqual(invoice.state, "posted")
        self.assertIn(invoice.payment_state, ("paid", "in_payment"))
        self.assertEqual(payment.journal_id.property_fee_method, "wechat")
        self.assertEqual(payment.journal_id.company_id, self.company)
        self.assertAlmostEqual(payment.amount, 127.2)
        self.assertEqual((order.fee_method, order.fee_collected_by_id), ("wechat", self.technician))
        with self.assertRefused(UserError, "already paid"):
            order.with_user(self.agent_a).action_collect_fee("cash")
        self.assertEqual(
            self.env["account.payment"].search_count(
                [("id", "!=", 0), ("memo", "ilike", order.name)]
            ),
            1,
        )

    @needs_pdftotext
    def test_the_printed_receipt(self):
        order = self.order()
        self.add(order, self.pipe_repair)
        self.finish(order)
        order.with_user(self.technician).action_collect_fee("alipay")
        text = unicodedata.normalize(
            "NFKC", pdf_text(self.env, "property_service_desk.report_fee_receipt", order.ids)
        )
        for expected in ("收款收据", order.name, order.invoice_move_id.name, "支付宝", "127.20"):
            self.assertIn(expected, text)

    def test_desk_collects_in_cash_on_an_invoiced_order(self):
        order = self.order()
        self.add(order, self.valve)
        self.finish(order)
        order.with_user(self.accountant).action_create_invoice()
        order.with_user(self.agent_a).with_context(property_fee_method="cash").action_collect_fee()
        self.assertEqual(order.fee_payment_id.journal_id.type, "cash")
        self.assertEqual(order.fee_payment_id.move_id.partner_id, self.tenant_a)
        self.assertIn(order.invoice_payment_state, ("paid", "in_payment"))

    def test_who_may_collect_and_what(self):
        order = self.order(technician_ids=[(6, 0, self.technician_2.ids)])
        self.add(order, self.valve)
        with self.assertRefused(UserError, "not possible"):
            order.action_collect_fee("cash")
        order.with_user(self.project_manager).action_approve()
        order.with_user(self.lead).action_dispatch()
        order.with_user(self.technician_2).action_check_in()
        order.with_user(self.technician_2).action_done()
        with self.assertRaises(AccessError):  # not one of the order's technicians
            order.with_user(self.technician).action_collect_fee("cash")
        with self.assertRefused(AccessError, "reserved"):
            order.with_user(self.accountant).action_collect_fee("cash")
        with self.assertRefused(UserError, "Choose how"):
            order.with_user(self.technician_2).action_collect_fee("bitcoin")
        self.assertFalse(order.invoice_move_id)
        free = self.order(area_scope="common")
        self.finish(free)
        with self.assertRefused(UserError, "free"):
            free.with_user(self.technician).action_collect_fee("cash")

    def test_fee_journals_exist_per_company(self):
        journals = self.env["account.journal"].search(
            [("company_id", "=", self.company.id), ("property_fee_method", "!=", False)]
        )
        # On site (cash, WeChat Pay, Alipay) and at the desk for fees (bank card, transfer).
        self.assertEqual(
            sorted(journals.mapped("property_fee_method")),
            ["alipay", "card", "cash", "transfer", "wechat"],
        )
