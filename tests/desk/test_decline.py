from odoo.exceptions import UserError, ValidationError

from ..common import PropertyCase


class TestDecline(PropertyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ticket = cls._ticket(
            name="Renovate my kitchen",
            unit_id=cls.unit_a.id,
            partner_id=cls.owner_a.id,
            request_kind="special",
        )
        cls.reason = "Kitchen renovation is outside the property service contract."

    def test_decline_without_reason_refused_and_nothing_written(self):
        for empty in (False, "", "   "):
            with self.assertRefused(UserError, "reason"):
                self.ticket.action_decline(empty)
        self.assertFalse(self.ticket.is_declined)
        self.assertFalse(self.ticket.closed)

    def test_constraint_refuses_declined_flag_without_reason(self):
        with self.assertRefused(ValidationError, "without a written reason"):
            self.ticket.write({"is_declined": True})

    def test_decline_keeps_and_closes_the_request(self):
        self.ticket.with_user(self.agent_a).action_decline(self.reason)
        self.assertTrue(self.ticket.exists())
        self.assertTrue(self.ticket.is_declined)
        self.assertEqual(self.ticket.decline_reason, self.reason)
        self.assertEqual(self.ticket.declined_by_id, self.agent_a)
        self.assertTrue(self.ticket.declined_date)
        self.assertEqual(
            self.ticket.stage_id,
            self.env.ref("property_service_desk.helpdesk_ticket_stage_declined"),
        )
        self.assertTrue(self.ticket.closed)

    def test_decline_emails_the_customer_with_the_letter(self):
        self.ticket.action_decline(self.reason)
        message = self.ticket.message_ids.filtered(
            lambda m: m.message_type == "comment" and self.owner_a in m.partner_ids
        )
        self.assertEqual(len(message), 1)
        self.assertIn(self.reason, str(message.body))
        self.assertIn(self.ticket.number, message.subject)
        self.assertTrue(message.attachment_ids, "the decline letter is attached")
        mails = self.env["mail.mail"].search([("mail_message_id", "=", message.id)])
        self.assertIn(self.owner_a, mails.recipient_ids)

    def test_declined_request_cannot_be_deleted(self):
        self.ticket.action_decline(self.reason)
        with self.assertRefused(UserError, "kept on record"):
            self.ticket.unlink()
        self.assertTrue(self.ticket.exists())

    def test_declining_twice_refused(self):
        self.ticket.action_decline(self.reason)
        with self.assertRefused(UserError, "already declined"):
            self.ticket.action_decline("Another reason")
        self.assertEqual(self.ticket.decline_reason, self.reason)

    def test_wizard_declines_selected_requests(self):
        other = self._ticket(unit_id=self.unit_a2.id)
        tickets = self.ticket | other
        action = tickets.action_open_decline_wizard()
        wizard = (
            self.env[action["res_model"]]
            .with_context(**action["context"])
            .create({"reason": self.reason})
        )
        self.assertEqual(wizard.ticket_ids, tickets)
        wizard.action_confirm()
        self.assertEqual(tickets.mapped("is_declined"), [True, True])

    def test_decline_letter_renders(self):
        self.ticket.action_decline(self.reason)
        html = self.env["ir.actions.report"]._render_qweb_html(
            "property_service_desk.helpdesk_ticket_report_decline_letter", self.ticket.ids
        )[0]
        self.assertIn(self.reason, html.decode())
        self.assertIn(self.ticket.number, html.decode())
