"""Portal routes that change the record take a POST with Odoo's CSRF token, nothing else: a
link (GET) or a form posted from another site (no token) changes nothing."""

from odoo import http
from odoo.tests import HttpCase, tagged

from ..common import QUIET, ServiceDeskCase

REFUSED = (400, 403, 404, 405)


@tagged("post_install", "-at_install")
class TestPortalPostOnly(ServiceDeskCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_a = (
            cls.env["res.users"]
            .with_context(**QUIET)
            .create(
                {
                    "login": "psd_post_portal_a",
                    "password": "psd_post_portal_a",
                    "partner_id": cls.owner_a.id,
                    "groups_id": [(6, 0, [cls.env.ref("base.group_portal").id])],
                }
            )
        )
        cls.ticket = cls._ticket(
            unit_id=cls.unit_a.id,
            partner_id=cls.owner_a.id,
            request_kind="repair",
            name="Tap dripping",
        )
        cls.done = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        cls.done.close_from_portal = True

    def setUp(self):
        super().setUp()
        self.authenticate("psd_post_portal_a", "psd_post_portal_a")

    def csrf(self):
        return http.Request.csrf_token(self)

    def assert_refused(self, response):
        self.assertIn(response.status_code, REFUSED, response.text[:300])

    def get(self, url, **params):
        return self.url_open(
            url + "?" + "&".join(f"{k}={v}" for k, v in params.items()), allow_redirects=False
        )

    def post(self, url, token=True, **data):
        if token:
            data["csrf_token"] = self.csrf()
        return self.url_open(url, data=data, allow_redirects=False)

    # helpdesk_mgmt's routes, overridden ------------------------------------------------------

    def test_closing_a_request_takes_a_post_with_the_token(self):
        close = {"ticket_id": self.ticket.id, "stage_id": self.done.id}
        self.assert_refused(self.get("/ticket/close", **close))
        self.assert_refused(self.post("/ticket/close", token=False, **close))
        self.ticket.invalidate_recordset()
        self.assertNotEqual(self.ticket.stage_id, self.done)
        response = self.post("/ticket/close", **close)
        self.assertIn(response.status_code, (302, 303))
        self.ticket.invalidate_recordset()
        self.assertEqual(self.ticket.stage_id, self.done)

    def test_request_page_closes_by_a_posted_form(self):
        page = self.url_open(f"/my/ticket/{self.ticket.id}").text
        form = page[
            page.index('action="/ticket/close"') - 200 : page.index('action="/ticket/close"') + 400
        ]
        self.assertRegex(form, r'method="POST"')
        self.assertIn('name="csrf_token"', form)

    def submission(self, subject):
        return {
            "unit": str(self.unit_a.id),
            "request_kind": "repair",
            "urgency": "general",
            "area_scope": "private",
            "subject": subject,
            "description": "Water under the sink.",
        }

    def requests_named(self, subject):
        return self.env["helpdesk.ticket"].search_count([("name", "=", subject)])

    def test_submitting_a_request_takes_a_post_with_the_token(self):
        self.assert_refused(self.get("/submitted/ticket", **self.submission("By a link")))
        self.assertEqual(self.requests_named("By a link"), 0)
        self.assert_refused(
            self.post("/submitted/ticket", token=False, **self.submission("Cross-site"))
        )
        self.assertEqual(self.requests_named("Cross-site"), 0)
        response = self.post("/submitted/ticket", **self.submission("From the form"))
        self.assertIn(response.status_code, (302, 303))
        self.assertEqual(self.requests_named("From the form"), 1)

    # The addon's routes ----------------------------------------------------------------------

    def test_deciding_on_a_solution_takes_a_post_with_the_token(self):
        complaint = self.complaint()
        complaint.action_propose_solution("A written apology")
        for decision in ("accept", "reject"):
            url = f"/my/ticket/{complaint.id}/solution/{decision}"
            self.assert_refused(self.get(url, reason="Not enough"))
            self.assert_refused(self.post(url, token=False, reason="Not enough"))
            complaint.invalidate_recordset()
            self.assertEqual(complaint.solution_decision, "pending", decision)
        self.post(f"/my/ticket/{complaint.id}/solution/accept")
        complaint.invalidate_recordset()
        self.assertEqual(complaint.solution_decision, "accepted")

    def test_answering_a_callback_takes_a_post_with_the_token(self):
        callback = self.env["property.callback"].create(
            {
                "ticket_id": self.ticket.id,
                "due_date": "2026-12-01",
                "user_id": self.agent_a.id,
            }
        )
        url = f"/my/callback/{callback.id}/answer"
        self.assert_refused(self.get(url, satisfaction="5"))
        self.assert_refused(self.post(url, token=False, satisfaction="5"))
        callback.invalidate_recordset()
        self.assertEqual(callback.state, "to_do")
        self.post(url, satisfaction="5")
        callback.invalidate_recordset()
        self.assertEqual((callback.state, callback.satisfaction), ("done", "5"))
