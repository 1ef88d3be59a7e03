from datetime import timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError

from ..common import ServiceDeskCase
from .test_evaluation_campaign import EvaluationCase

MOBILE = "+86 138 0013 8000"


class SmsCase:
    def sms_to(self, partner):
        return self.env["sms.sms"].search([("partner_id", "=", partner.id)])

    def mails_to(self, partner):
        return self.env["mail.mail"].search([("recipient_ids", "in", partner.ids)])


@freeze_time("2026-12-15 02:00:00")
class TestEvaluationForEveryone(SmsCase, EvaluationCase):
    """Issue 14, point 11: SMS to customers without e-mail; paper forms entered by the desk."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.owner_sms = cls.env["res.partner"].create(
            {"name": "周敏", "mobile": MOBILE, "lang": "en_US"}
        )
        cls.unit_sms = cls.env["property.unit"].create(
            {"name": "1206", "building_id": cls.building_a.id, "owner_id": cls.owner_sms.id}
        )
        cls.agent = cls.agent_a

    def sent_campaign(self):
        campaign = self.campaign()
        campaign.action_send_invitations()
        return campaign

    def paper(self, campaign, unit, partner, answers, user=None):
        wizard = (
            self.env["property.evaluation.paper.wizard"]
            .with_user(user or self.agent)
            .with_context(default_campaign_id=campaign.id)
            .create({"unit_id": unit.id, "partner_id": partner.id})
        )
        for line in wizard.line_ids:
            value = answers.get(line.matrix_row_id or line.question_id)
            if isinstance(value, str):
                line.text_value = value
            elif value:
                line.answer_id = value
        return wizard.action_confirm()

    def full_answers(self, rating="satisfied"):
        return {
            **{row: self.columns[rating] for row in self.rows.values()},
            self.q_overall: self.overall[rating],
            self.q_comment: "车库灯太暗",
        }

    def test_invitation_and_reminder_go_by_sms_without_email(self):
        campaign = self.sent_campaign()
        answer = self.answer_of(campaign, self.owner_sms)
        self.assertEqual(answer.unit_id, self.unit_sms)
        sms = self.sms_to(self.owner_sms)
        self.assertEqual(len(sms), 1)
        self.assertIn(answer.access_token, sms.body)
        self.assertEqual(sms.state, "outgoing")  # queued for the SMS scheduled action
        self.assertFalse(self.mails_to(self.owner_sms))
        # Owners with an e-mail get their e-mail, no SMS; nobody without either is invited.
        self.assertTrue(self.mails_to(self.owner_a))
        self.assertFalse(self.sms_to(self.owner_a))
        self.assertFalse(self.answer_of(campaign, self.owner_no_mail))
        campaign.action_send_reminders()
        self.assertEqual(len(self.sms_to(self.owner_sms)), 2)

    def test_a_paper_form_counts_towards_the_target(self):
        campaign = self.sent_campaign()
        before = campaign.response_count
        self.paper(campaign, self.unit_sms, self.owner_sms, self.full_answers("dissatisfied"))
        answer = self.answer_of(campaign, self.owner_sms)
        self.assertEqual(answer.state, "done")
        self.assertTrue(answer.property_paper_form)
        self.assertEqual(answer.property_entered_by_id, self.agent)
        self.assertEqual(len(answer.user_input_line_ids.filtered("matrix_row_id")), len(self.rows))
        campaign.invalidate_recordset(["response_count"])
        self.assertEqual(campaign.response_count, before + 1)
        campaign.action_close_collection()
        campaign.action_summarise()
        self.assertEqual(campaign.sample_size, before + 1)
        overall = campaign.summary_line_ids.filtered(
            lambda line: line.question_id == self.q_overall
        )
        self.assertTrue(overall)

    def test_a_customer_never_invited_can_hand_in_paper(self):
        campaign = self.sent_campaign()
        self.assertFalse(self.answer_of(campaign, self.owner_no_mail))
        unit = self.env["property.unit"].search([("owner_id", "=", self.owner_no_mail.id)])
        self.paper(campaign, unit, self.owner_no_mail, {self.q_overall: self.overall["fair"]})
        answer = self.answer_of(campaign, self.owner_no_mail)
        self.assertEqual((answer.state, answer.property_paper_form), ("done", True))

    def test_paper_forms_are_guarded(self):
        campaign = self.campaign()
        answers = self.full_answers()
        with self.assertRefused(UserError, "while answers are collected"):
            self.paper(campaign, self.unit_sms, self.owner_sms, answers)
        campaign.action_send_invitations()
        # Only the unit's owner (tenants when they are invited).
        with self.assertRefused(UserError, "owner of the unit"):
            self.paper(campaign, self.unit_sms, self.owner_a, answers)
        with self.assertRefused(UserError, "estate"):
            self.paper(campaign, self.unit_b, self.owner_b, answers)
        # Once per customer.
        self.paper(campaign, self.unit_sms, self.owner_sms, answers)
        with self.assertRefused(UserError, "already returned"):
            self.paper(campaign, self.unit_sms, self.owner_sms, answers)
        # An answer of another question is refused.
        with self.assertRefused(UserError, "not one of its choices"):
            campaign.with_user(self.agent).action_enter_paper_form(
                self.unit_a.id, self.owner_a.id, {self.q_overall.id: self.columns["fair"].id}
            )
        for wrong in ({"x": [1]}, {self.rows["security"].id: [self.overall["fair"].id]}, "Good"):
            with self.assertRefused(UserError, "not one of its choices"):
                campaign.with_user(self.agent).action_enter_paper_form(
                    self.unit_a.id, self.owner_a.id, {self.q_areas.id: wrong}
                )
        self.assertNotEqual(self.answer_of(campaign, self.owner_a).state, "done")
        # The paper flag is the system's: nobody sets it by hand.
        answer = self.answer_of(campaign, self.owner_a)
        with self.assertRaises(AccessError):
            answer.with_user(self.env.ref("base.user_admin")).write({"property_paper_form": True})

    def test_staff_outside_the_desk_cannot_enter_paper_forms(self):
        campaign = self.sent_campaign()
        technician = self._user("psd_tech_paper", "group_property_technician")
        self.estate_a.member_ids = [(4, technician.id)]
        with self.assertRaises(AccessError):
            campaign.with_user(technician).action_enter_paper_form(
                self.unit_sms.id, self.owner_sms.id, {self.q_overall.id: self.overall["fair"].id}
            )


class TestProgressNoticeBySms(SmsCase, ServiceDeskCase):
    def test_weekly_progress_notice_by_sms_without_email(self):
        customer = self.env["res.partner"].create({"name": "孙丽", "mobile": MOBILE})
        ticket = self._ticket(unit_id=self.unit_a.id, received_at=self.T0, partner_id=customer.id)
        ticket.progress_note = "配件已到，周四上门更换。"
        week = self.T0 + timedelta(days=7)
        with freeze_time(week):
            self.run_cron(week)
        sms = self.sms_to(customer)
        self.assertEqual(len(sms), 1)
        self.assertIn(ticket.number, sms.body)
        self.assertIn("周四上门更换", sms.body)
        self.assertFalse(self.mails_to(customer))
        # A customer with an e-mail still gets the e-mail.
        other = self._ticket(
            unit_id=self.unit_a.id, received_at=self.T0, partner_id=self.owner_a.id
        )
        with freeze_time(week):
            self.run_cron(week)
        self.assertFalse(self.sms_to(self.owner_a))
        self.assertTrue(
            other.message_ids.filtered(
                lambda m: m.message_type == "comment" and self.owner_a in m.partner_ids
            )
        )
