from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged

from ..common import QUIET, PhoneTourCase, tour_estate, tour_user


@tagged("post_install", "-at_install")
class TestTechnicianPhoneTour(PhoneTourCase):
    """A technician on a phone-sized screen: check in, add a material, done, signatures."""

    def test_technician_phone_tour(self):
        env = self.tour_env()
        env.company.helpdesk_mgmt_ticket_auto_assign = False
        technician = tour_user(env, "psd_tour_tech", "technician")
        lead = new_test_user(
            env,
            login="psd_tour_lead",
            groups="base.group_user,property_service_desk.group_property_engineering_lead",
        )
        _estate, building = tour_estate(env, "TOUR", technician | lead)
        tenant = env["res.partner"].create({"name": "赵磊"})
        unit = env["property.unit"].create(
            {"name": "802", "building_id": building.id, "tenant_ids": [(6, 0, tenant.ids)]}
        )
        env["product.product"].create(
            {
                "name": "Ball valve DN20",
                "default_code": "A-VALVE-20",
                "type": "consu",
                "list_price": 45,
                "categ_id": env.ref("property_service_desk.product_category_repair").id,
            }
        )
        ticket = env["helpdesk.ticket"].create(
            {
                "name": "Kitchen tap leaking",
                "description": "<p>Leak</p>",
                "unit_id": unit.id,
                "request_kind": "repair",
                "partner_id": tenant.id,
            }
        )
        order = env["property.work.order"].create(
            {"ticket_id": ticket.id, "technician_ids": [(6, 0, technician.ids)]}
        )
        order.action_approve()  # a paid repair: the estate's manager approves it first
        order.with_user(lead).action_dispatch()

        self.start_tour(
            "/odoo/my-jobs",
            "property_work_order_technician_tour",
            login="psd_tour_tech",
            timeout=180,
        )

        order.invalidate_recordset()
        self.assertEqual(order.state, "done")
        self.assertTrue(order.check_in_at)
        self.assertEqual(order.line_ids.product_id.name, "Ball valve DN20")
        self.assertTrue(order.customer_signature)
        self.assertTrue(order.technician_signature)
        self.assertEqual(ticket.promise_ids.filtered(lambda m: m.kind == "on_site").state, "met")


@tagged("post_install", "-at_install")
class TestKpiDashboardPhoneTour(PhoneTourCase):
    """A business manager on a phone: the dashboard's cards, the estate filter, a drill-down."""

    def test_kpi_dashboard_phone_tour(self):
        env = self.tour_env()
        env.company.helpdesk_mgmt_ticket_auto_assign = False
        manager = tour_user(env, "psd_tour_bm", "business_manager")
        _estate, building = tour_estate(env, "KPIT", manager, name="KPI Tour Estate", building="K1")
        unit = env["property.unit"].create({"name": "101", "building_id": building.id})
        # Mid-month: the dashboard opens on this month whatever the time zones involved.
        # (Not in the future: a request is received before it is logged.)
        now = fields.Datetime.now()
        received = min(now.replace(day=15, hour=12), now)
        for name, kind in (("Noise from the gym", "complaint"), ("Lift out of order", "repair")):
            env["helpdesk.ticket"].create(
                {
                    "name": name,
                    "description": "<p>x</p>",
                    "unit_id": unit.id,
                    "request_kind": kind,
                    "received_at": received,
                }
            )
        self.start_tour(
            "/odoo/action-property_service_desk.property_kpi_dashboard_action",
            "property_kpi_dashboard_tour",
            login="psd_tour_bm",
            timeout=180,
        )


@tagged("post_install", "-at_install")
class TestAccountantTour(HttpCase):
    """The accountant at a desk: "to invoice" → a finished work order → invoice → payment."""

    def test_accountant_invoices_and_records_the_payment(self):
        env = self.env(context=dict(self.env.context, **QUIET))
        env.company.helpdesk_mgmt_ticket_auto_assign = False
        groups = "base.group_user,property_service_desk.group_property_"
        accountant = new_test_user(
            env, login="psd_tour_acc", lang="en_US", groups=groups + "accountant"
        )
        technician = new_test_user(env, login="psd_tour_acc_tech", groups=groups + "technician")
        estate = env["property.estate"].create(
            {
                "name": "Accountant Tour Estate",
                "code": "ACCT",
                "member_ids": [(6, 0, (accountant | technician).ids)],
            }
        )
        building = env["property.building"].create({"name": "T9", "estate_id": estate.id})
        owner = env["res.partner"].create({"name": "钱伟"})
        unit = env["property.unit"].create(
            {"name": "901", "building_id": building.id, "owner_id": owner.id}
        )
        tap = env["product.product"].create(
            {
                "name": "Kitchen tap",
                "type": "consu",
                "list_price": 120,
                "categ_id": env.ref("property_service_desk.product_category_repair").id,
            }
        )
        ticket = env["helpdesk.ticket"].create(
            {
                "name": "Accountant tour: kitchen tap",
                "description": "<p>Leak</p>",
                "unit_id": unit.id,
                "request_kind": "repair",
                "partner_id": owner.id,
            }
        )
        order = env["property.work.order"].create(
            {
                "ticket_id": ticket.id,
                "technician_ids": [(6, 0, technician.ids)],
                "line_ids": [(0, 0, {"product_id": tap.id, "quantity": 1})],
            }
        )
        order.action_approve()
        order.action_dispatch()
        order.action_check_in()
        order.action_done()

        self.start_tour(
            "/odoo/action-property_service_desk.property_work_order_action_to_invoice",
            "property_work_order_accountant_tour",
            login="psd_tour_acc",
            timeout=180,
        )

        self.assertEqual(order.invoice_move_id.state, "posted")
        self.assertIn(order.invoice_move_id.payment_state, ("paid", "in_payment"))
