from datetime import timedelta

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from ..callbacks.test_callback import SIGNATURE
from ..common import needs_pdftotext, pdf_text, render_pdf, report_html
from .test_parcel import T0, ParcelCase

TITLE_ZH = "包裹/邮件收发登记表"
XMLID = "property_service_desk.property_parcel_report_register"


@tagged("post_install", "-at_install")  # the addon's report styles are active once installed
@freeze_time(T0)
class TestParcelRegister(ParcelCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.report = cls.env.ref(XMLID)
        cls.waiting = cls._parcel(tracking_number="SFREG0001", storage_location="Shelf R-1")
        cls.collected = cls._parcel(
            tracking_number="JDREG0002", carrier_id=cls.jd.id, received_at=T0 - timedelta(days=1)
        )
        cls.collected._record_pickup("赵磊", SIGNATURE, picked_up_at=T0)
        cls.other_estate = cls._parcel(tracking_number="SFREG0003", unit_id=cls.unit_b.id)
        cls.last_month = cls._parcel(
            tracking_number="SFREG0004", received_at=T0 - timedelta(days=40)
        )

    def html(self, records, lang="zh_CN", data=None):
        return report_html(self.env, self.report.report_name, records.ids, lang, data)

    def test_register_is_bound_to_the_parcel_list(self):
        self.assertEqual(self.report.binding_model_id.model, "property.parcel")
        self.assertEqual(self.report.binding_type, "report")

    def test_rows_columns_and_signature(self):
        selected = self.waiting | self.collected
        html = self.html(selected)
        self.assertIn(TITLE_ZH, html)
        self.assertNotIn("Parcel and Mail Register", html)
        self.assertIn(self.estate_a.name, html)
        self.assertEqual(html.count("o_register_row"), 2, "one row per selected item")
        for value in ("SFREG0001", "JDREG0002", "Shelf R-1", "赵磊", self.unit_a.display_name):
            self.assertIn(value, html)
        self.assertNotIn("SFREG0003", html)
        self.assertEqual(html.count(SIGNATURE), 1, "the collector's signature, in its row")

    def test_english_pdf_adds_the_english_title(self):
        html = self.html(self.waiting, lang="en_US")
        self.assertIn(TITLE_ZH, html)
        self.assertIn("Parcel and Mail Register", html)

    def test_wizard_prints_an_estate_and_a_period(self):
        wizard = self.env["property.register.wizard"].create(
            {
                "register": XMLID,
                "estate_ids": [(6, 0, self.estate_a.ids)],
                "date_from": "2026-11-01",
                "date_to": "2026-11-30",
            }
        )
        action = wizard.action_print()
        printed = self.env["property.parcel"].browse(action["context"]["active_ids"])
        self.assertEqual(printed, self.waiting | self.collected)
        html = self.html(printed, data=action["data"])
        self.assertIn("2026-11-01 ~ 2026-11-30", html)
        self.assertEqual(html.count("o_register_row"), 2)
        wizard.write({"date_from": "2025-01-01", "date_to": "2025-01-31"})
        with self.assertRefused(UserError, "Nothing to print"):
            wizard.action_print()

    def test_renders_to_pdf(self):
        records = self.waiting | self.collected
        pdf, kind = render_pdf(self.env, self.report.report_name, records.ids)
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))

    @needs_pdftotext
    def test_pdf_text_has_the_chinese_title_and_rows(self):
        text = pdf_text(self.env, self.report.report_name, (self.waiting | self.collected).ids)
        self.assertIn(TITLE_ZH, text)
        self.assertIn("SFREG0001", text)
        self.assertIn("JDREG0002", text)
