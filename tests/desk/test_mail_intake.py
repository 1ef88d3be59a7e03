from email.message import EmailMessage
from email.utils import make_msgid

from ..common import PropertyCase


class TestMailIntake(PropertyCase):
    """E-mails to the helpdesk address become requests of the sender's unit (SPEC §2)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.email_channel = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_email")
        cls.company.property_mail_default_kind = "consultation"

    def receive(self, email_from, subject, body="Please help."):
        message = EmailMessage()
        message["From"] = email_from
        message["To"] = "helpdesk@example.com"
        message["Subject"] = subject
        message["Message-ID"] = make_msgid()
        message.set_content(body)
        ticket_id = self.env["mail.thread"].message_process("helpdesk.ticket", message.as_bytes())
        return self.env["helpdesk.ticket"].browse(ticket_id)

    def test_known_sender_with_one_unit(self):
        ticket = self.receive('"陈静" <CJ@Example.COM>', "客厅灯坏了")
        self.assertEqual(ticket.partner_id, self.owner_b, "address matched ignoring case")
        self.assertEqual(ticket.unit_id, self.unit_b)
        self.assertEqual(ticket.estate_id, self.estate_b)
        self.assertEqual(ticket.channel_id, self.email_channel)
        self.assertEqual(ticket.request_kind, "repair")
        self.assertTrue(ticket.promise_ids, "the promise engine starts on e-mailed requests")

    def test_control_characters_of_a_mail_are_dropped_not_refused(self):
        ticket = self.receive('"陈静" <cj@example.com>', "客厅\x1b灯坏了", body="灯\x00不亮")
        self.assertEqual(ticket.name, "客厅灯坏了")
        self.assertIn("灯不亮", ticket.description)

    def test_two_units_one_named_in_the_subject(self):
        self.unit_a2.owner_id = self.owner_a
        ticket = self.receive("wf@example.com", "1202 bathroom leak")
        self.assertEqual(ticket.partner_id, self.owner_a)
        self.assertEqual(ticket.unit_id, self.unit_a2)
        self.assertEqual(ticket.estate_id, self.estate_a)

    def test_two_units_named_with_the_building(self):
        self.unit_a2.owner_id = self.owner_a
        ticket = self.receive("wf@example.com", "Question", body="About flat A1-1201, please.")
        self.assertEqual(ticket.unit_id, self.unit_a)
        self.assertEqual(ticket.request_kind, "consultation")

    def test_unit_number_inside_a_longer_number_is_not_a_match(self):
        self.unit_a2.owner_id = self.owner_a
        ticket = self.receive("wf@example.com", "Invoice 120245 question")
        self.assertFalse(ticket.unit_id)

    def test_two_units_none_named_is_ambiguous(self):
        self.unit_a2.owner_id = self.owner_a
        ticket = self.receive("wf@example.com", "Noise at night")
        self.assertEqual(ticket.partner_id, self.owner_a)
        self.assertFalse(ticket.unit_id, "ambiguous: the agent chooses the unit")
        self.assertFalse(ticket.estate_id)

    def test_both_units_named_is_ambiguous(self):
        self.unit_a2.owner_id = self.owner_a
        ticket = self.receive("wf@example.com", "1201 and 1202 both leaking")
        self.assertFalse(ticket.unit_id)

    def test_unknown_sender(self):
        ticket = self.receive("stranger@example.org", "请问物业费怎么交")
        self.assertFalse(ticket.partner_id)
        self.assertFalse(ticket.unit_id)
        self.assertEqual(ticket.channel_id, self.email_channel)
        self.assertEqual(ticket.request_kind, "consultation")

    def test_shared_address_prefers_the_partner_with_units(self):
        self.env["res.partner"].create({"name": "陈静 (duplicate)", "email": "cj@example.com"})
        ticket = self.receive("cj@example.com", "Hello")
        self.assertEqual(ticket.partner_id, self.owner_b)
        self.assertEqual(ticket.unit_id, self.unit_b)

    def test_keywords_in_chinese_and_english(self):
        cases = {
            "厨房漏水": "repair",
            "The door is broken": "repair",
            "投诉保安态度": "complaint",
            "Complaint about the cleaning": "complaint",
            "建议增加停车位": "suggestion",
            "A suggestion for the garden": "suggestion",
            "咨询装修手续": "consultation",
            "Hello": "consultation",
        }
        for subject, kind in cases.items():
            with self.subTest(subject=subject):
                self.assertEqual(self.receive("cj@example.com", subject).request_kind, kind)

    def test_complaint_keyword_wins_over_repair(self):
        ticket = self.receive("cj@example.com", "投诉：漏水三天没人维修")
        self.assertEqual(ticket.request_kind, "complaint")

    def test_guess_is_noted_and_correctable(self):
        ticket = self.receive("cj@example.com", "Lift broken again")
        self.assertEqual(ticket.request_kind, "repair")
        notes = ticket.message_ids.filtered(lambda m: m.subtype_id == self.env.ref("mail.mt_note"))
        self.assertTrue(any("Kind guessed" in (note.body or "") for note in notes))
        ticket.request_kind = "complaint"
        self.assertEqual(ticket.request_kind, "complaint")

    def test_keywords_are_configurable_per_company(self):
        other = self.env["res.company"].create({"name": "Other Property Co."})
        Keyword = self.env["property.request.keyword"]
        Keyword.create(
            {"keyword": "电梯", "request_kind": "special", "sequence": 1, "company_id": other.id}
        )
        self.assertEqual(
            self.receive("cj@example.com", "电梯有异响").request_kind,
            "consultation",
            "another company's keyword is not used",
        )
        Keyword.create(
            {
                "keyword": "电梯",
                "request_kind": "repair",
                "sequence": 1,
                "company_id": self.company.id,
            }
        )
        self.assertEqual(self.receive("cj@example.com", "电梯有异响").request_kind, "repair")

    def test_default_kind_without_keyword_is_a_setting(self):
        self.company.property_mail_default_kind = "basic"
        self.assertEqual(self.receive("cj@example.com", "Hello").request_kind, "basic")
