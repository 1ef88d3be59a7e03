import base64

from odoo.tests import HttpCase, tagged

from ..common import QUIET
from .test_portal_request import PNG


@tagged("post_install", "-at_install")
class TestPortalOwnerDayTour(HttpCase):
    """The demo owner's day on a phone (375 px): what waits on her home, her open repair's
    work order signed and callback answered, her complaint's solution accepted."""

    browser_size = "375x667"
    touch_enabled = True

    def test_portal_owner_day_phone_tour(self):
        owner = self.env.ref(
            "property_service_desk.res_users_demo_portal_owner", raise_if_not_found=False
        )
        if not owner:
            self.skipTest("needs the demo data (portal owner 王芳)")
        env = self.env(context=dict(self.env.context, **QUIET))
        unit = env.ref("property_service_desk.property_unit_demo_1_0101")
        Ticket = env["helpdesk.ticket"]
        values = {"description": "<p>x</p>", "unit_id": unit.id, "partner_id": owner.partner_id.id}
        repair = Ticket.create(
            dict(values, name="Tour: bathroom tap dripping", request_kind="repair")
        )
        complaint = Ticket.create(
            dict(values, name="Tour: noise from the gym", request_kind="complaint")
        )
        complaint.action_propose_solution("Quiet hours from 22:00, checked by the night guard")
        technician = env.ref("property_service_desk.res_users_demo_technician")
        order = env["property.work.order"].create(
            {"ticket_id": repair.id, "technician_ids": [(6, 0, technician.ids)]}
        )
        order.action_dispatch()
        order.action_check_in()
        order.action_done()
        order.technician_signature = base64.b64encode(PNG)
        callback = env["property.callback"].create(
            {"ticket_id": repair.id, "due_date": "2026-12-01"}
        )

        self.start_tour("/my", "property_portal_owner_day_tour", login="owner", timeout=240)

        for record in (order, callback, complaint):
            record.invalidate_recordset()
        self.assertTrue(order.customer_signature)
        self.assertEqual((callback.state, callback.satisfaction), ("done", "5"))
        self.assertEqual(complaint.solution_decision, "accepted")
