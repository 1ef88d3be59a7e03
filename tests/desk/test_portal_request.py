import base64
import re
from urllib.parse import urlparse

from odoo import http
from odoo.tests import HttpCase, tagged

from ..common import QUIET, ServiceDeskCase

# The smallest valid PNG (1×1 pixel).
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJ"
    "RU5ErkJggg=="
)
SIGNATURE = {"name": "王芳", "signature": base64.b64encode(PNG).decode()}


@tagged("post_install", "-at_install")
class TestPortalRequest(ServiceDeskCase, HttpCase):
    """Owners and tenants on the portal: their units only, safe input, decisions, signatures."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_a = cls._portal_user("psd_portal_a", cls.owner_a)
        cls.portal_b = cls._portal_user("psd_portal_b", cls.owner_b)
        cls.ticket_a = cls._ticket(
            unit_id=cls.unit_a.id,
            partner_id=cls.owner_a.id,
            request_kind="repair",
            name="Tap dripping",
        )
        cls.ticket_b = cls._ticket(
            unit_id=cls.unit_b.id,
            partner_id=cls.owner_b.id,
            request_kind="repair",
            name="Door lock broken",
        )
        cls.web = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_web")

    @classmethod
    def _portal_user(cls, login, partner):
        return (
            cls.env["res.users"]
            .with_context(**QUIET)
            .create(
                {
                    "login": login,
                    "password": login,
                    "partner_id": partner.id,
                    "lang": "en_US",
                    "groups_id": [(6, 0, [cls.env.ref("base.group_portal").id])],
                }
            )
        )

    def login(self, login, lang=None):
        """Log in on the portal, in the language of the frontend_lang cookie if given."""
        self.authenticate(login, login)
        if lang:
            host = urlparse(self.base_url()).hostname
            self.opener.cookies.set("frontend_lang", lang, domain=host, path="/")

    def portal_lang(self):
        """The language the portal speaks without a choice: the default of the database."""
        return (
            self.env["ir.default"]._get("res.partner", "lang")
            or self.env["res.lang"].search([], limit=1).code
        )

    def csrf(self):
        return http.Request.csrf_token(self)

    def submit(self, files=None, **fields):
        data = {
            "csrf_token": self.csrf(),
            "unit": str(self.unit_a.id),
            "request_kind": "repair",
            "urgency": "general",
            "area_scope": "private",
            "subject": "Kitchen pipe leaking",
            "description": "Water under the sink.",
        }
        data.update(fields)
        return self.url_open(
            "/submitted/ticket", data=data, files=files or {}, allow_redirects=False
        )

    def form_error(self, response):
        """The error shown above the submission form (in the portal's language)."""
        found = re.search(
            r'class="alert alert-danger o_property_form_error"[^>]*>([^<]*)<', response.text
        )
        return found and found.group(1)

    def tickets_named(self, name):
        return self.env["helpdesk.ticket"].search([("name", "=", name)])

    def done_work_order(self, ticket):
        order = self.env["property.work.order"].create(
            {"ticket_id": ticket.id, "technician_ids": [(6, 0, self.technician.ids)]}
        )
        order.action_dispatch()
        order.action_check_in()
        order.action_done()
        return order

    # Seeing one's own units only -----------------------------------------------------------

    def test_own_request_shows_unit_kind_and_promises(self):
        self.login("psd_portal_a")
        response = self.url_open(f"/my/ticket/{self.ticket_a.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("A1-1201", response.text)
        self.assertIn('id="property_promises"', response.text)
        listing = self.url_open("/my/tickets")
        self.assertIn("Tap dripping", listing.text)
        self.assertNotIn("Door lock broken", listing.text)

    def test_other_units_request_is_not_found(self):
        self.login("psd_portal_a")
        response = self.url_open(f"/my/ticket/{self.ticket_b.id}", allow_redirects=False)
        self.assertEqual(response.status_code, 404)
        self.assertNotIn("Door lock broken", response.text)

    def test_promises_and_work_orders_of_other_units_are_not_readable(self):
        order_b = self.env["property.work.order"].create({"ticket_id": self.ticket_b.id})
        promises = self.env["property.promise"].with_user(self.portal_a).search([])
        self.assertTrue(promises)
        self.assertEqual(promises.ticket_id, self.ticket_a)
        orders = self.env["property.work.order"].with_user(self.portal_a).search([])
        self.assertNotIn(order_b, orders)

    def test_tenant_sees_the_requests_of_the_rented_unit(self):
        self._portal_user("psd_portal_tenant", self.tenant_a)
        self.login("psd_portal_tenant")
        self.assertEqual(self.url_open(f"/my/ticket/{self.ticket_a.id}").status_code, 200)
        self.assertEqual(
            self.url_open(f"/my/ticket/{self.ticket_b.id}", allow_redirects=False).status_code,
            404,
        )

    def test_other_units_work_order_is_not_found(self):
        order_a = self.done_work_order(self.ticket_a)
        order_b = self.done_work_order(self.ticket_b)
        self.login("psd_portal_a")
        self.assertEqual(self.url_open(f"/my/work_order/{order_a.id}").status_code, 200)
        response = self.url_open(f"/my/work_order/{order_b.id}", allow_redirects=False)
        self.assertEqual(response.status_code, 404)
        result = self.make_jsonrpc_request(f"/my/work_order/{order_b.id}/sign", SIGNATURE)
        self.assertIn("error", result)
        self.assertFalse(order_b.customer_signature)

    def test_closing_another_units_request_is_refused(self):
        stage = self.env["helpdesk.ticket.stage"].search(
            [("close_from_portal", "=", True)], limit=1
        )
        if not stage:
            stage = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
            stage.close_from_portal = True
        self.login("psd_portal_a")
        response = self.url_open(
            "/ticket/close",
            data={"csrf_token": self.csrf(), "ticket_id": self.ticket_b.id, "stage_id": stage.id},
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 404)
        self.assertNotEqual(self.ticket_b.stage_id, stage)

    # Submission ---------------------------------------------------------------------------

    def test_submission_creates_the_request_of_the_unit(self):
        self.login("psd_portal_a")
        response = self.submit(
            urgency="urgent", files={"attachment": ("leak.png", PNG, "image/png")}
        )
        self.assertIn(response.status_code, (302, 303))
        ticket = self.tickets_named("Kitchen pipe leaking")
        self.assertEqual(response.headers["Location"].rsplit("/", 1)[-1], str(ticket.id))
        self.assertEqual(ticket.unit_id, self.unit_a)
        self.assertEqual(ticket.estate_id, self.estate_a)
        self.assertEqual(ticket.request_kind, "repair")
        self.assertEqual(ticket.urgency, "urgent")
        self.assertEqual(ticket.area_scope, "private")
        self.assertEqual(ticket.channel_id, self.web)
        self.assertEqual(ticket.partner_id, self.owner_a)
        self.assertEqual(ticket.attachment_ids.mapped("name"), ["leak.png"])
        self.assertTrue(ticket.promise_ids, "the promise engine starts by itself")

    def test_submission_for_a_unit_not_theirs_is_refused(self):
        self.login("psd_portal_a")
        response = self.submit(unit=str(self.unit_b.id))
        self.assertEqual(response.status_code, 404)
        self.assertFalse(self.tickets_named("Kitchen pipe leaking"))

    def test_parcel_kind_cannot_be_submitted(self):
        self.login("psd_portal_a")
        response = self.submit(request_kind="parcel")
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self.tickets_named("Kitchen pipe leaking"))

    def test_html_and_script_are_neutralised(self):
        self.login("psd_portal_a")
        title = '<b onmouseover="alert(1)">Leak</b><script>alert(2)</script>'
        body = '<script>alert(3)</script><img src=x onerror="alert(4)">Pipe'
        self.submit(subject=title, description=body)
        ticket = self.tickets_named(title)
        self.assertEqual(len(ticket), 1)
        self.assertNotIn("<script", ticket.description)
        self.assertNotIn("<img", ticket.description)
        page = self.url_open(f"/my/ticket/{ticket.id}").text
        for raw in ("<script>alert(2)", "<script>alert(3)", "<b onmouseover", "<img src=x"):
            self.assertNotIn(raw, page)
        self.assertIn("&lt;script&gt;alert(2)", page, "the title is shown escaped")
        listing = self.url_open("/my/tickets").text
        self.assertNotIn("<script>alert(2)", listing)

    def test_oversize_attachment_is_refused(self):
        self.company.property_portal_max_upload_mb = 1
        self.login("psd_portal_a")
        big = PNG + b"\0" * (1024 * 1024)
        response = self.submit(files={"attachment": ("big.png", big, "image/png")})
        self.assertEqual(response.status_code, 400)
        self.assertIn("big.png", self.form_error(response))
        self.assertIn("1 MB", self.form_error(response))
        self.assertFalse(self.tickets_named("Kitchen pipe leaking"))
        self.assertFalse(self.env["ir.attachment"].search([("name", "=", "big.png")]))

    def test_wrong_type_attachment_is_refused(self):
        self.login("psd_portal_a")
        for name, content in (
            ("photo.png", b"<html><script>alert(1)</script></html>"),
            ("plan.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
            ("notes.txt", b"Leak since Monday"),
        ):
            with self.subTest(name=name):
                response = self.submit(files={"attachment": (name, content, "image/png")})
                self.assertEqual(response.status_code, 400)
                self.assertIn(name, self.form_error(response))
                self.assertIn("WebP", self.form_error(response))
        self.assertFalse(self.tickets_named("Kitchen pipe leaking"))

    def test_refusal_message_is_translated(self):
        if not self.env.ref("base.lang_zh_CN").active:
            self.skipTest("Chinese is not installed")
        self.login("psd_portal_a", lang="zh_CN")
        response = self.submit(files={"attachment": ("a.exe", b"MZ" + b"\0" * 64, "image/png")})
        self.assertEqual(response.status_code, 400)
        self.assertIn("a.exe", self.form_error(response))
        self.assertIn("只接受照片", self.form_error(response))

    # Complaint solution -------------------------------------------------------------------

    def _history(self, ticket, after_id):
        rows = ticket.complaint_history_ids.filtered(lambda h: h.id > after_id).sorted("id")
        # A new deadline counts from the moment of the rejection: compare that there is one.
        return [
            (
                r.change,
                r.old_value,
                bool(r.new_value) if r.change == "deadline" else r.new_value,
                r.reason,
                r.trigger,
            )
            for r in rows
        ]

    def test_portal_rejection_escalates_like_the_back_office(self):
        back_office = self.complaint(name="Rude guard (desk)")
        portal = self.complaint(name="Rude guard (portal)")
        for ticket in back_office | portal:
            ticket.action_propose_solution("A written apology")
        start = max((back_office | portal).complaint_history_ids.ids)

        # History rows are written in the language of whoever acts: compare like with like.
        wizard = (
            self.env["property.complaint.solution.wizard"]
            .with_context(lang=self.portal_lang())
            .create({"ticket_id": back_office.id, "mode": "reject", "text": "Not enough"})
        )
        wizard.action_confirm()

        self.login("psd_portal_a")
        page = self.url_open(f"/my/ticket/{portal.id}").text
        self.assertIn("o_property_reject", page)
        response = self.url_open(
            f"/my/ticket/{portal.id}/solution/reject",
            data={"csrf_token": self.csrf(), "reason": "Not enough"},
            allow_redirects=False,
        )
        self.assertIn(response.status_code, (302, 303))
        portal.invalidate_recordset()
        self.assertEqual(portal.solution_decision, "rejected")
        self.assertEqual(portal.complaint_severity, "general")
        self.assertEqual(portal.complaint_owner_id, self.operations_manager)
        self.assertEqual(self._history(portal, start), self._history(back_office, start))
        self.assertIn("severity", [row[0] for row in self._history(portal, start)])
        self.assertEqual(
            portal.complaint_history_ids.filtered(lambda h: h.change == "decision").user_id,
            self.portal_a,
            "the customer is recorded as the one who decided",
        )

    def test_rejection_needs_a_reason_and_happens_once(self):
        ticket = self.complaint()
        ticket.action_propose_solution("A written apology")
        self.login("psd_portal_a")
        url = f"/my/ticket/{ticket.id}/solution/reject"
        self.url_open(url, data={"csrf_token": self.csrf(), "reason": "  "})
        self.assertEqual(ticket.solution_decision, "pending")
        self.url_open(f"/my/ticket/{ticket.id}/solution/accept", data={"csrf_token": self.csrf()})
        ticket.invalidate_recordset()
        self.assertEqual(ticket.solution_decision, "accepted")
        self.url_open(url, data={"csrf_token": self.csrf(), "reason": "Changed my mind"})
        ticket.invalidate_recordset()
        self.assertEqual(ticket.solution_decision, "accepted")
        self.assertEqual(ticket.complaint_severity, "minor")

    def test_someone_else_cannot_decide(self):
        ticket = self.complaint()
        ticket.action_propose_solution("A written apology")
        self.login("psd_portal_b")
        response = self.url_open(
            f"/my/ticket/{ticket.id}/solution/accept",
            data={"csrf_token": self.csrf()},
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 404)
        self.assertEqual(ticket.solution_decision, "pending")

    # Work order signature -----------------------------------------------------------------

    def test_customer_signs_the_completed_work_order(self):
        order = self.done_work_order(self.ticket_a)
        order.technician_signature = base64.b64encode(PNG)
        self.login("psd_portal_a")
        page = self.url_open(f"/my/work_order/{order.id}").text
        self.assertIn("o_property_sign", page)
        result = self.make_jsonrpc_request(
            f"/my/work_order/{order.id}/sign",
            SIGNATURE,
        )
        self.assertTrue(result.get("force_refresh"), result)
        order.invalidate_recordset()
        self.assertTrue(order.customer_signature)
        self.assertEqual(order.state, "signed", "both signatures: confirmed as in the back office")
        self.assertEqual(order.signed_document_id.mimetype, "application/pdf")
        again = self.make_jsonrpc_request(
            f"/my/work_order/{order.id}/sign",
            SIGNATURE,
        )
        self.assertIn("error", again)

    def test_unfinished_work_order_cannot_be_signed(self):
        order = self.env["property.work.order"].create(
            {"ticket_id": self.ticket_a.id, "technician_ids": [(6, 0, self.technician.ids)]}
        )
        self.login("psd_portal_a")
        self.assertNotIn("o_property_sign", self.url_open(f"/my/work_order/{order.id}").text)
        result = self.make_jsonrpc_request(f"/my/work_order/{order.id}/sign", SIGNATURE)
        self.assertIn("error", result)
        self.assertFalse(order.customer_signature)

    # Callback survey ----------------------------------------------------------------------

    def _callback(self, ticket, **vals):
        return self.env["property.callback"].create(
            {"ticket_id": ticket.id, "due_date": "2026-12-01", "user_id": self.agent_a.id, **vals}
        )

    def test_unsatisfied_online_answer_reopens_the_request(self):
        callback = self._callback(self.ticket_a)
        self.login("psd_portal_a")
        self.assertIn(
            f"property_callback_{callback.id}", self.url_open(f"/my/ticket/{self.ticket_a.id}").text
        )
        self.url_open(
            f"/my/callback/{callback.id}/answer",
            data={
                "csrf_token": self.csrf(),
                "satisfaction": "2",
                "quality_score": "2",
                "shortcomings": "Still dripping",
            },
        )
        callback.invalidate_recordset()
        self.ticket_a.invalidate_recordset()
        self.assertEqual(callback.state, "done")
        self.assertEqual(callback.method, "portal")
        self.assertEqual(callback.satisfaction, "2")
        self.assertEqual(callback.done_by_id, self.portal_a)
        self.assertEqual(
            self.ticket_a.stage_id, self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_in_progress")
        )

        self.url_open(
            f"/my/callback/{callback.id}/answer",
            data={"csrf_token": self.csrf(), "satisfaction": "5"},
        )
        callback.invalidate_recordset()
        self.assertEqual(callback.satisfaction, "2", "one answer only")

    def test_answer_outside_the_scale_is_refused(self):
        callback = self._callback(self.ticket_a)
        self.login("psd_portal_a")
        response = self.url_open(
            f"/my/callback/{callback.id}/answer",
            data={"csrf_token": self.csrf(), "satisfaction": "9"},
            allow_redirects=False,
        )
        self.assertIn(response.status_code, (302, 303))
        self.assertEqual(callback.state, "to_do")
        self.assertFalse(callback.satisfaction)

    def test_unsatisfied_online_answer_escalates_a_complaint(self):
        ticket = self.complaint()
        callback = self._callback(ticket)
        self.login("psd_portal_a")
        self.url_open(
            f"/my/callback/{callback.id}/answer",
            data={"csrf_token": self.csrf(), "satisfaction": "1"},
        )
        ticket.invalidate_recordset()
        self.assertEqual(ticket.complaint_severity, "general")

    def test_callback_of_someone_else_is_not_found(self):
        callback = self._callback(self.ticket_b)
        self.login("psd_portal_a")
        response = self.url_open(
            f"/my/callback/{callback.id}/answer",
            data={"csrf_token": self.csrf(), "satisfaction": "5"},
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 404)
        self.assertEqual(callback.state, "to_do")

    def test_on_site_callback_is_not_answerable_online(self):
        callback = self._callback(self.ticket_a, on_site_only=True)
        self.login("psd_portal_a")
        self.assertNotIn(
            f"property_callback_{callback.id}", self.url_open(f"/my/ticket/{self.ticket_a.id}").text
        )
        self.url_open(
            f"/my/callback/{callback.id}/answer",
            data={"csrf_token": self.csrf(), "satisfaction": "5"},
        )
        self.assertEqual(callback.state, "to_do")


@tagged("post_install", "-at_install")
class TestPortalRequestTour(HttpCase):
    """The demo owner on a phone: submits a repair that the desk finds with unit, kind and
    channel; signs a completed work order with the portal signature form."""

    browser_size = "375x667"
    touch_enabled = True

    def test_portal_request_phone_tour(self):
        owner = self.env.ref(
            "property_service_desk.res_users_demo_portal_owner", raise_if_not_found=False
        )
        if not owner:
            self.skipTest("needs the demo data (portal owner 王芳)")
        self.start_tour("/my/tickets", "property_portal_request_tour", login="owner", timeout=180)
        agent = self.env.ref("property_service_desk.res_users_demo_agent")
        ticket = (
            self.env["helpdesk.ticket"]
            .with_user(agent)
            .search([("name", "=", "Tour: kitchen pipe leaking")])
        )
        self.assertEqual(len(ticket), 1, "the desk of the estate sees the request")
        self.assertEqual(
            ticket.unit_id, self.env.ref("property_service_desk.property_unit_demo_1_0101")
        )
        self.assertEqual(ticket.request_kind, "repair")
        self.assertEqual(ticket.urgency, "urgent")
        self.assertEqual(
            ticket.channel_id, self.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_web")
        )
        self.assertEqual(ticket.partner_id, owner.partner_id)
        self.assertTrue(re.search(r"under the sink", ticket.description))

    def test_portal_work_order_sign_phone_tour(self):
        owner = self.env.ref(
            "property_service_desk.res_users_demo_portal_owner", raise_if_not_found=False
        )
        if not owner:
            self.skipTest("needs the demo data (portal owner 王芳)")
        env = self.env(context=dict(self.env.context, **QUIET))
        ticket = env["helpdesk.ticket"].create(
            {
                "name": "Bathroom fan noisy",
                "description": "<p>Noise</p>",
                "unit_id": env.ref("property_service_desk.property_unit_demo_1_0101").id,
                "partner_id": owner.partner_id.id,
                "request_kind": "repair",
            }
        )
        technician = env.ref("property_service_desk.res_users_demo_technician")
        order = env["property.work.order"].create(
            {"ticket_id": ticket.id, "technician_ids": [(6, 0, technician.ids)]}
        )
        order.action_dispatch()
        order.action_check_in()
        order.action_done()
        order.technician_signature = base64.b64encode(PNG)
        self.start_tour(
            f"/my/work_order/{order.id}",
            "property_portal_work_order_sign_tour",
            login="owner",
            timeout=120,
        )
        order.invalidate_recordset()
        self.assertTrue(order.customer_signature)
        self.assertEqual(order.state, "signed")
        self.assertTrue(order.signed_document_id)
