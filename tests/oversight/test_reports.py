from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from ..callbacks.test_callback import SIGNATURE
from ..common import ServiceDeskCase, needs_pdftotext, pdf_text, report_html

REGISTERS = {
    "helpdesk_ticket_report_call_visit_register": "客户来电来访登记表",
    "helpdesk_ticket_report_request_register": "客户需求、投诉办理登记表",
    "helpdesk_ticket_report_complaint_register": "客户投诉办理登记表",
    "helpdesk_ticket_report_complaint_sheet": "投诉处理单",
    "helpdesk_ticket_report_work_contact_sheet": "工作联系单",
    "helpdesk_ticket_report_owner_record": "业主投诉/建议处理记录表",
}


@tagged("post_install", "-at_install")  # the addon's report styles are active once installed
@freeze_time(ServiceDeskCase.T0)
class TestRegisters(ServiceDeskCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tickets = (
            cls.complaint(cls, name="Guard shouted at the owner")
            | cls._ticket(
                name="Lift button broken",
                request_kind="repair",
                unit_id=cls.unit_a.id,
                partner_id=cls.owner_a.id,
                received_at=cls.T0,
            )
            | cls._ticket(
                name="Plant more trees",
                request_kind="suggestion",
                unit_id=cls.unit_a2.id,
                received_at=cls.T0,
            )
        )

    def html(self, xmlid, records, lang="zh_CN", data=None):
        report = self.env.ref(f"property_service_desk.{xmlid}")
        return report_html(self.env, report.report_name, records.ids, lang, data)

    def test_every_register_renders_its_chinese_title_and_rows(self):
        for xmlid, title in REGISTERS.items():
            html = self.html(xmlid, self.tickets)
            self.assertIn(title, html, xmlid)
            self.assertIn(self.estate_a.name, html, xmlid)
            for ticket in self.tickets:
                self.assertIn(ticket.name, html, f"{xmlid}: {ticket.name}")

    def test_row_count_matches_the_selection(self):
        html = self.html("helpdesk_ticket_report_request_register", self.tickets[:2])
        self.assertIn(self.tickets[0].number, html)
        self.assertIn(self.tickets[1].number, html)
        self.assertNotIn(self.tickets[2].number, html)
        self.assertEqual(html.count("o_register_row"), 2)

    def test_english_pdf_adds_the_english_title(self):
        english = self.html("helpdesk_ticket_report_complaint_register", self.tickets, "en_US")
        chinese = self.html("helpdesk_ticket_report_complaint_register", self.tickets, "zh_CN")
        self.assertIn("客户投诉办理登记表", english)
        self.assertIn("Complaint Register", english)
        self.assertNotIn("Complaint Register", chinese)

    def test_callback_record_shows_signature_or_phone_callback(self):
        repair = self.tickets.filtered(lambda t: t.request_kind == "repair")
        repair.stage_id = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        callback = repair.callback_ids
        callback.write({"method": "phone", "phone_attestation": True, "satisfaction": "5"})
        callback.action_done()
        html = self.html("property_callback_report_register", callback, "en_US")
        self.assertIn("回访记录", html)
        self.assertIn("Phone callback", html)
        other = self._ticket(request_kind="repair", unit_id=self.unit_a.id)
        other.stage_id = repair.stage_id
        other.callback_ids.write(
            {"method": "on_site", "customer_signature": SIGNATURE, "satisfaction": "4"}
        )
        other.callback_ids.action_done()
        html = self.html("property_callback_report_register", other.callback_ids)
        self.assertIn("data:image/png;base64", html)

    @needs_pdftotext
    def test_pdf_text_has_chinese_title_rows_and_page_numbers(self):
        report = self.env.ref("property_service_desk.helpdesk_ticket_report_request_register")
        text = pdf_text(self.env, report.report_name, self.tickets.ids)
        self.assertIn("客户需求、投诉办理登记表", text)
        for ticket in self.tickets:
            self.assertIn(ticket.number, text)
        # Odoo's footer with a patched wkhtmltopdf, the addon's stamp otherwise.
        self.assertRegex(text, r"第 1 页，共 1 页|Page:? 1 / 1")
        self.assertIn(self.env.company.name, text)

    def test_wizard_prints_an_estate_and_a_period(self):
        wizard = self.env["property.register.wizard"].create(
            {
                "register": "property_service_desk.helpdesk_ticket_report_complaint_register",
                "estate_ids": [(6, 0, self.estate_a.ids)],
                "date_from": "2026-11-01",
                "date_to": "2026-11-30",
            }
        )
        action = wizard.action_print()
        self.assertEqual(
            action["context"]["active_ids"],
            self.tickets.filtered(lambda t: t.request_kind == "complaint").ids,
        )
        html = self.html(
            "helpdesk_ticket_report_complaint_register",
            self.env["helpdesk.ticket"].browse(action["context"]["active_ids"]),
            data=action["data"],
        )
        self.assertIn("2026-11-01 ~ 2026-11-30", html)
        wizard.date_from = "2025-01-01"
        wizard.date_to = "2025-01-31"
        with self.assertRefused(UserError, "Nothing to print"):
            wizard.action_print()

    def test_monthly_business_report(self):
        self.tickets.filtered(lambda t: t.request_kind == "complaint").action_propose_solution(
            "Apologise and retrain the guard."
        )
        with freeze_time("2026-10-10 03:00:00"):
            self._ticket(
                name="Last month",
                request_kind="repair",
                unit_id=self.unit_a.id,
                received_at="2026-10-10 02:00:00",
            )
        values = self.env[
            "report.property_service_desk.report_business_monthly"
        ]._get_report_values(self.estate_a.ids, {"month": "2026-11-01"})
        current, previous = values["current"], values["previous"]
        self.assertEqual(current["total"], 3)
        self.assertEqual(current["by_kind"], {"complaint": 1, "repair": 1, "suggestion": 1})
        self.assertEqual(current["by_severity"], {"minor": 1})
        self.assertEqual(previous["total"], 1)
        self.assertEqual(previous["by_kind"], {"repair": 1})
        html = self.html(
            "report_business_monthly_action", self.estate_a, data={"month": "2026-11-01"}
        )
        self.assertIn("业务处理报告", html)
        self.assertIn("2026-11", html)
