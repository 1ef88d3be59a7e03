"""The portal's routes that change a request follow the access model's PORTAL_ROUTES: the demo
tenant, who reads the owner's requests for the unit they rent, decides nothing on them; the
owner, their customer, does. Over HTTP, with Odoo's CSRF token."""

from lxml import html

from odoo import http
from odoo.tests import HttpCase, tagged

from .. import access_model as am
from ..common import QUIET
from .test_portal_request import SIGNATURE


@tagged("post_install", "-at_install")
class TestPortalCustomerRoutes(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, **QUIET))
        users = cls.env["res.users"].search([("login", "in", ("owner", "tenant"))])
        if len(users) != 2:
            return
        cls.env.company.helpdesk_mgmt_ticket_auto_assign = False
        cls.unit = cls.env.ref("property_service_desk.property_unit_demo_3_0502")
        cls.owner = users.filtered(lambda u: u.login == "owner").partner_id
        cls.cancelled = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_cancelled")

    def setUp(self):
        super().setUp()
        if not hasattr(self, "unit"):
            self.skipTest("installed without demo data")

    def _ticket(self, kind="repair"):
        return self.env["helpdesk.ticket"].create(
            {
                "name": "Bathroom tap leaking",
                "description": "<p>Leak</p>",
                "unit_id": self.unit.id,
                "partner_id": self.owner.id,
                "request_kind": kind,
            }
        )

    # Each customer route: (the record, how to call it, what changed) -----------------------

    def _close(self):
        ticket = self._ticket()
        data = {"ticket_id": ticket.id, "stage_id": self.cancelled.id}
        return ticket, ("/ticket/close", data), lambda: ticket.stage_id == self.cancelled

    def _complaint(self):
        ticket = self._ticket("complaint")
        ticket.action_propose_solution("A written apology and a repair")
        return ticket

    def _accept(self):
        ticket = self._complaint()
        url = f"/my/ticket/{ticket.id}/solution/accept"
        return ticket, (url, {}), lambda: ticket.solution_decision == "accepted"

    def _reject(self):
        ticket = self._complaint()
        url = f"/my/ticket/{ticket.id}/solution/reject"
        return (
            ticket,
            (url, {"reason": "Not enough"}),
            lambda: ticket.solution_decision == "rejected",
        )

    def _answer(self):
        callback = self.env["property.callback"].create(
            {"ticket_id": self._ticket().id, "due_date": "2026-12-01"}
        )
        url = f"/my/callback/{callback.id}/answer"
        return callback, (url, {"satisfaction": "5"}), lambda: callback.state == "done"

    def _sign(self):
        order = self.env["property.work.order"].create(
            {"ticket_id": self._ticket().id, "description": "Replace the tap"}
        )
        order.write({"state": "done"})
        return order, (f"/my/work_order/{order.id}/sign", None), lambda: order.customer_signature

    CUSTOMER_ROUTES = {
        "/ticket/close": _close,
        "/my/ticket/<id>/solution/accept": _accept,
        "/my/ticket/<id>/solution/reject": _reject,
        "/my/callback/<id>/answer": _answer,
        "/my/work_order/<id>/sign": _sign,
    }

    def _call(self, url, data):
        if data is None:  # the signature pad posts JSON
            return self.make_jsonrpc_request(url, SIGNATURE)
        data = dict(data, csrf_token=http.Request.csrf_token(self))
        return self.url_open(url, data=data, allow_redirects=False)

    def test_every_customer_route_is_tested(self):
        customer_routes = {route for route, who in am.PORTAL_ROUTES.items() if who == "customer"}
        self.assertEqual(customer_routes, set(self.CUSTOMER_ROUTES))

    def test_tenant_decides_nothing_on_the_owners_request(self):
        self.authenticate("tenant", "tenant")
        for route, prepare in self.CUSTOMER_ROUTES.items():
            with self.subTest(route=route):
                record, (url, data), changed = prepare(self)
                response = self._call(url, data)
                if data is None:
                    self.assertIn("error", response)
                else:
                    self.assertEqual(response.status_code, 404, response.text[:200])
                record.invalidate_recordset()
                self.assertFalse(changed(), route)
        # The tenant does read the request of the unit they rent: its page, without the close.
        ticket = self._ticket()
        page = self.url_open(f"/my/ticket/{ticket.id}")
        self.assertEqual(page.status_code, 200)
        self.assertNotIn('action="/ticket/close"', page.text)

    def test_owner_decides_on_her_request(self):
        self.authenticate("owner", "owner")
        for route, prepare in self.CUSTOMER_ROUTES.items():
            with self.subTest(route=route):
                record, (url, data), changed = prepare(self)
                response = self._call(url, data)
                if data is None:
                    self.assertNotIn("error", response)
                else:
                    self.assertIn(response.status_code, (302, 303), response.text[:200])
                record.invalidate_recordset()
                self.assertTrue(changed(), route)

    def test_done_is_not_closable_from_the_portal(self):
        ticket = self._ticket()
        done = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        self.assertNotIn(done, ticket._property_portal_close_stages())
        self.authenticate("owner", "owner")
        page = self.url_open(f"/my/ticket/{ticket.id}").text
        self.assertIn('action="/ticket/close"', page)
        response = self._call("/ticket/close", {"ticket_id": ticket.id, "stage_id": done.id})
        self.assertEqual(response.status_code, 404)
        self.assertNotEqual(ticket.stage_id, done)

    def test_home_says_what_waits(self):
        self._complaint()
        self.authenticate("owner", "owner")
        home = html.fromstring(self.url_open("/my").content)
        tiles = home.xpath("//a[contains(@class, 'o_property_waiting')]")
        self.assertTrue(tiles, "nothing waits on the owner's home")
        self.assertTrue(all(tile.get("href").startswith("/my/") for tile in tiles))
