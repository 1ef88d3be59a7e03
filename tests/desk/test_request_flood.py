"""Flood control on the public doors (SPEC §9; issue 26): one portal account, or one sender
address by e-mail, gets at most the company's number of new requests an hour; past it nothing is
created and the customer is told, in their language, to call the hotline."""

from email.message import EmailMessage
from email.utils import make_msgid
from urllib.parse import urlparse

import psycopg2

from odoo import SUPERUSER_ID, api, http
from odoo.exceptions import UserError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import SQL, mute_logger

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
    """Two workers take the same account's submissions at once: the second one cannot count
    without the first one's request (multi-worker safe)."""

    def test_a_concurrent_submission_is_retried_and_counts_the_first(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            portal = env.ref("property_service_desk.res_users_demo_portal_owner")
            unit = env.ref("property_service_desk.property_unit_demo_3_0502")
            company = portal.company_id
            limit_before = company.property_request_hourly_limit
            recent = env["helpdesk.ticket"].search_count(
                [
                    ("create_uid", "=", portal.id),
                    ("create_date", ">=", env["helpdesk.ticket"]._property_flood_since()),
                ]
            )
            company.property_request_hourly_limit = recent + 1
        self.addCleanup(self._restore_limit, company.id, limit_before)
        with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
            cr2.execute("SELECT 1")  # the second worker's snapshot: before the first commits
            Ticket = api.Environment(cr1, portal.id, {})["helpdesk.ticket"]
            ticket = Ticket.sudo().create(
                {"name": "Concurrent", "description": "<p>x</p>", "unit_id": unit.id}
            )
            cr1.commit()
            self.addCleanup(self._remove, ticket.ids)
            Ticket2 = api.Environment(cr2, portal.id, {})["helpdesk.ticket"]
            with (
                self.assertRaises(psycopg2.errors.SerializationFailure),
                mute_logger("odoo.sql_db"),
            ):
                Ticket2._property_portal_flood_message()
            cr2.rollback()
        # Odoo retries the request on a serialization failure: the retry counts the first one.
        with self.registry.cursor() as cr3:
            Ticket3 = api.Environment(cr3, portal.id, {})["helpdesk.ticket"]
            self.assertTrue(Ticket3._property_portal_flood_message())

    def _restore_limit(self, company_id, limit):
        with self.registry.cursor() as cr:
            api.Environment(cr, SUPERUSER_ID, {})["res.company"].browse(
                company_id
            ).property_request_hourly_limit = limit

    def _remove(self, ticket_ids):
        with self.registry.cursor() as cr:
            self._remove_tickets(cr, ticket_ids)
