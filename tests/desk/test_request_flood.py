"""Flood control on the public doors (SPEC §9; issue 26): one portal account, or one sender
address by e-mail, gets at most the company's number of new requests an hour; past it nothing is
created and the customer is told, in their language, to call the hotline."""

import threading
import uuid
from email.message import EmailMessage
from email.utils import make_msgid
from urllib.parse import urlparse

from odoo import SUPERUSER_ID, api, http
from odoo.exceptions import UserError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import SQL

from ..common import CommittedDataCase, PropertyCase

REFUSAL = "服务中心网上受理的上限.*0571-88886666"


class TestRequestFlood(PropertyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write({"property_request_hourly_limit": 2, "phone": "0571-88886666"})
        cls.env.ref("base.lang_zh_CN").active = True
        cls.portal = new_test_user(
            cls.env,
            login="psd_flood_owner",
            groups="base.group_portal",
            partner_id=cls.owner_a.id,
            lang="zh_CN",
        )
        cls.owner_a.lang = "zh_CN"

    def submit(self):
        # As the portal route does: superuser rights, the portal user kept.
        Ticket = self.env["helpdesk.ticket"].with_user(self.portal).with_context(lang="zh_CN")
        return Ticket.sudo().create(
            {"name": "漏水", "description": "<p>卫生间漏水</p>", "unit_id": self.unit_a.id}
        )

    def mine(self):
        return self.env["helpdesk.ticket"].search([("create_uid", "=", self.portal.id)])

    def test_portal_account_past_the_limit_is_refused_with_the_hotline(self):
        self.submit()
        self.submit()
        Ticket = self.env["helpdesk.ticket"].with_user(self.portal).with_context(lang="zh_CN")
        self.assertRegex(Ticket._property_portal_flood_message(), REFUSAL)
        with self.assertRaisesRegex(UserError, REFUSAL):
            self.submit()
        self.assertEqual(len(self.mine()), 2, "the refused request is not created")
        # An hour later the account may submit again.
        self.env.cr.execute(
            SQL(
                "UPDATE helpdesk_ticket SET create_date = create_date - interval '61 minutes' "
                "WHERE id IN %s",
                tuple(self.mine().ids),
            )
        )
        self.env["helpdesk.ticket"].invalidate_model(["create_date"])
        self.assertFalse(Ticket._property_portal_flood_message())
        self.submit()
        self.assertEqual(len(self.mine()), 3)

    def test_no_limit_when_set_to_zero(self):
        self.company.property_request_hourly_limit = 0
        for _index in range(3):
            self.submit()
        self.assertEqual(len(self.mine()), 3)

    def test_staff_are_not_limited(self):
        Ticket = self.env["helpdesk.ticket"].with_user(self.agent_a)
        for _index in range(3):
            Ticket.create({"name": "x", "description": "<p>x</p>", "unit_id": self.unit_a.id})

    def receive(self, email_from="wf@example.com"):
        message = EmailMessage()
        message["From"] = email_from
        message["To"] = "helpdesk@example.com"
        message["Subject"] = "漏水"
        message["Message-ID"] = make_msgid()
        message.set_content("卫生间漏水")
        return message

    def test_sender_address_past_the_limit_is_refused(self):
        Thread = self.env["mail.thread"]
        Thread.message_process("helpdesk.ticket", self.receive().as_bytes())
        Thread.message_process("helpdesk.ticket", self.receive("WF@example.com").as_bytes())
        Ticket = self.env["helpdesk.ticket"]
        count = Ticket.search_count([])
        with self.assertRaisesRegex(UserError, REFUSAL):
            Thread.message_process("helpdesk.ticket", self.receive().as_bytes())
        self.assertEqual(Ticket.search_count([]), count, "nothing created")
        Thread.message_process("helpdesk.ticket", self.receive("cj@example.com").as_bytes())
        self.assertEqual(Ticket.search_count([]), count + 1, "other senders go on")
        # Through the helpdesk alias the sender is answered and the mail is not routed.
        message = self.receive()
        message_dict = Thread.message_parse(message)
        route = ("helpdesk.ticket", False, {}, self.env.uid, None)
        self.assertFalse(Ticket._routing_check_route(message, message_dict, route))


@tagged("post_install", "-at_install")
class TestPortalBurst(PropertyCase, HttpCase):
    """A burst on the portal form: the desk's queue holds exactly the accepted requests."""

    def test_burst_past_the_limit_is_refused_with_the_hotline(self):
        if not self.env.ref("base.lang_zh_CN").active:
            self.skipTest("Chinese is not installed")
        self.company.write({"property_request_hourly_limit": 3, "phone": "0571-88886666"})
        new_test_user(
            self.env, login="psd_burst", groups="base.group_portal", partner_id=self.owner_a.id
        )
        self.authenticate("psd_burst", "psd_burst")
        host = urlparse(self.base_url()).hostname
        self.opener.cookies.set("frontend_lang", "zh_CN", domain=host, path="/")
        statuses = []
        for index in range(5):
            response = self.url_open(
                "/submitted/ticket",
                data={
                    "csrf_token": http.Request.csrf_token(self),
                    "unit": str(self.unit_a.id),
                    "request_kind": "repair",
                    "subject": f"Burst {index}",
                    "description": "Water under the sink.",
                },
                allow_redirects=False,
            )
            statuses.append(response.status_code)
        self.assertEqual(statuses[3:], [400, 400])
        self.assertTrue(all(status in (302, 303) for status in statuses[:3]), statuses)
        self.assertRegex(response.text, REFUSAL)
        queue = self.env["helpdesk.ticket"].search([("name", "=like", "Burst %")])
        self.assertEqual(sorted(queue.mapped("name")), ["Burst 0", "Burst 1", "Burst 2"])


class TestFloodConcurrency(CommittedDataCase):
    """A burst of simultaneous submissions from one account (or one sender address), each on
    its own worker: exactly the limit is accepted, the rest refused with the hotline and not
    half-created (multi-worker safe)."""

    BURST = 6
    ACCEPTED = 3

    def setUp(self):
        super().setUp()
        self.marker = f"Burst {uuid.uuid4().hex[:8]}"
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            self.portal = env.ref("property_service_desk.res_users_demo_portal_owner")
            self.unit = env.ref("property_service_desk.property_unit_demo_3_0502")
            company = self.portal.company_id
            self.company_id, limit_before = company.id, company.property_request_hourly_limit
            Ticket = env["helpdesk.ticket"]
            recent = Ticket.search_count(
                [
                    ("create_uid", "=", self.portal.id),
                    ("create_date", ">=", Ticket._property_flood_since()),
                ]
            )
            # The demo's own recent requests count too: room for exactly ACCEPTED more.
            company.property_request_hourly_limit = recent + self.ACCEPTED
        self.addCleanup(self._restore_limit, limit_before)
        self.addCleanup(self._remove_burst)

    def burst(self, submit):
        """Run `submit(env)` on BURST workers at once; the error of each, or None."""
        barrier = threading.Barrier(self.BURST)
        outcomes = []

        def worker(index):
            # Each worker's transaction commits as its cursor closes, or rolls back on refusal.
            try:
                with self.registry.cursor() as cr:
                    env = self.cursor_env(cr, {"lang": "zh_CN"})  # in this thread
                    cr.execute("SELECT 1")  # each worker's snapshot: before the others commit
                    barrier.wait()
                    submit(env, index)
                outcomes.append(None)
            except UserError as error:
                outcomes.append(str(error))

        threads = [threading.Thread(target=worker, args=(n,)) for n in range(self.BURST)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return outcomes

    def _submit_on_the_portal(self, env, index):
        # As the portal route does: superuser rights, the portal user kept; then the photo.
        ticket = (
            env["helpdesk.ticket"]
            .with_user(self.portal)
            .sudo()
            .create(
                {
                    "name": f"{self.marker} {index}",
                    "description": "<p>Water under the sink.</p>",
                    "unit_id": self.unit.id,
                }
            )
        )
        ticket.message_post(
            body=self.marker,
            attachments=[(f"{self.marker}.txt", b"photo")],
            message_type="comment",
        )

    def _email(self, env, index):
        message = EmailMessage()
        message["From"] = f"{self.marker.replace(' ', '.')}@example.com"
        message["To"] = "helpdesk@example.com"
        message["Subject"] = f"{self.marker} {index}"
        message["Message-ID"] = make_msgid()
        message.set_content(self.marker)
        env["mail.thread"].message_process("helpdesk.ticket", message.as_bytes())

    def queue(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            tickets = env["helpdesk.ticket"].search([("name", "=like", f"{self.marker} %")])
            attachments = env["ir.attachment"].search_count([("name", "like", self.marker)])
            address = f"{self.marker.replace(' ', '.')}@example.com".lower()
            partners = env["res.partner"].search_count([("email", "=ilike", address)])
            return len(tickets), attachments, partners

    def assertBurstHolds(self, outcomes):
        refusals = [outcome for outcome in outcomes if outcome]
        self.assertEqual(len(outcomes), self.BURST)
        self.assertEqual(len(refusals), self.BURST - self.ACCEPTED, outcomes)
        for refusal in refusals:
            self.assertRegex(refusal, "上限|the most the service centre takes")

    def test_portal_burst_accepts_exactly_the_limit(self):
        outcomes = self.burst(self._submit_on_the_portal)
        self.assertBurstHolds(outcomes)
        tickets, attachments, _partners = self.queue()
        self.assertEqual((tickets, attachments), (self.ACCEPTED, self.ACCEPTED))

    def test_mail_burst_from_one_sender_accepts_exactly_the_limit(self):
        with self.registry.cursor() as cr:
            company = api.Environment(cr, SUPERUSER_ID, {})["res.company"].browse(self.company_id)
            company.property_request_hourly_limit = self.ACCEPTED
        outcomes = self.burst(self._email)
        self.assertBurstHolds(outcomes)
        tickets, _attachments, partners = self.queue()
        self.assertEqual(tickets, self.ACCEPTED)
        self.assertLessEqual(partners, 1, "a refused mail leaves no contact behind")

    def _restore_limit(self, limit):
        with self.registry.cursor() as cr:
            api.Environment(cr, SUPERUSER_ID, {})["res.company"].browse(
                self.company_id
            ).property_request_hourly_limit = limit

    def _remove_burst(self):
        with self.registry.cursor() as cr:
            cr.execute("SELECT id FROM helpdesk_ticket WHERE name LIKE %s", [f"{self.marker} %"])
            ids = [row[0] for row in cr.fetchall()]
            if ids:
                self._remove_tickets(cr, ids)
            cr.execute("DELETE FROM ir_attachment WHERE name LIKE %s", [f"{self.marker}%"])
            address = f"{self.marker.replace(' ', '.')}@example.com"
            cr.execute("DELETE FROM res_partner WHERE email ILIKE %s", [address])
