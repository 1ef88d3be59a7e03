from freezegun import freeze_time

from odoo.tests import tagged

from ..common import needs_pdftotext, pdf_text, render_pdf, report_html
from .test_evaluation_campaign import AREAS, EvaluationCase

XMLID = "property_service_desk.property_evaluation_campaign_report_summary"


@tagged("post_install", "-at_install")  # the addon's report styles are active once installed
class TestEvaluationRegister(EvaluationCase):
    """客户评议表汇总分析 in the frame of the official registers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.report = cls.env.ref(XMLID)
        with freeze_time("2026-12-15 02:00:00"):
            cls.summarised = cls.Campaign.create(
                {"estate_id": cls.estate_a.id, "year": 2026, "quarter": "4"}
            )
            cls.summarised.action_send_invitations()
        answers = cls.summarised.user_input_ids
        cls.answer(
            cls,
            answers.filtered(lambda a: a.partner_id == cls.owner_a),
            "satisfied",
            {"car_park": "dissatisfied"},
            comment="停车场灯坏了",
        )
        cls.answer(
            cls,
            answers.filtered(lambda a: a.partner_id == cls.owner_c),
            "fair",
            {"cleaning": "fair"},
        )
        cls.summarised.action_close_collection()
        with freeze_time("2027-01-02 02:00:00"):
            cls.summarised.action_summarise()

    def html(self, records, lang="zh_CN", data=None):
        return report_html(self.env, self.report.report_name, records.ids, lang, data)

    def test_chinese_title_estate_period_and_numbered_rows(self):
        html = self.html(self.summarised)
        self.assertIn("客户评议表汇总分析", html)
        self.assertNotIn("Quarterly Customer Evaluation Summary", html)
        self.assertIn(self.estate_a.name, html)
        self.assertIn("2026 Q4", html)
        # One numbered row per area and one for the overall question.
        self.assertEqual(html.count("o_register_row"), len(AREAS) + 1)
        self.assertIn("停车场灯坏了", html)
        self.assertEqual(html.count("o_evaluation_comment"), 1)

    def test_key_values_and_below_target_warning(self):
        html = self.html(self.summarised, "en_US")
        self.assertIn("Quarterly Customer Evaluation Summary", html)
        self.assertRegex(html, r'o_evaluation_invited"><span>3</span>')
        self.assertRegex(html, r'o_evaluation_sample"><span>2</span> / <span>300</span>')
        # Overall question: one satisfied, one fairly satisfied.
        self.assertRegex(html, r'o_evaluation_satisfaction"><span>100.0%</span>')
        self.assertIn("o_evaluation_below_target", html)
        self.assertIn("Car park", html)  # the lowest area

    def test_printed_from_the_campaign(self):
        action = self.summarised.action_print_summary()
        self.assertEqual(action["report_name"], self.report.report_name)
        self.assertEqual(action["context"]["active_ids"], self.summarised.ids)

    def test_wizard_prints_the_estates_evaluations_of_the_period(self):
        self.Campaign.create({"estate_id": self.estate_b.id, "year": 2026, "quarter": "4"})
        wizard = self.env["property.register.wizard"].create(
            {
                "register": XMLID,
                "estate_ids": [(6, 0, self.estate_a.ids)],
                "date_from": "2026-10-01",
                "date_to": "2026-12-31",
                "request_kind": "repair",  # ignored: evaluations have no kind
            }
        )
        action = wizard.action_print()
        self.assertEqual(action["context"]["active_ids"], self.summarised.ids)
        html = self.html(self.summarised, data=action["data"])
        self.assertIn("客户评议表汇总分析", html)

    def test_renders_to_pdf(self):
        pdf, kind = render_pdf(self.env, self.report.report_name, self.summarised.ids)
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))

    @needs_pdftotext
    def test_pdf_text_has_chinese_title_and_figures(self):
        # pdftotext gives some CJK characters as radicals (车 -> ⻋): comments are checked in HTML.
        text = pdf_text(self.env, self.report.report_name, self.summarised.ids)
        self.assertIn("客户评议表汇总分析", text)
        self.assertIn(self.estate_a.name, text)
        self.assertIn("2 / 300", text)
        self.assertIn("50.0%", text)  # the car park, one dissatisfied of two
