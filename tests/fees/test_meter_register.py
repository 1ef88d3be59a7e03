"""抄表记录表 (SPEC §10): the readings printed in the register layout, fonts embedded, the text
as printed."""

from datetime import date

from odoo.tests import tagged

from ..common import needs_pdftotext, pdf_text, render_pdf
from ..core.test_report_fonts import pdf_problems
from .common import FeeCase

REPORT = "property_service_desk.report_register_meter_reading"


@tagged("post_install", "-at_install")
class TestMeterRegister(FeeCase):
    @needs_pdftotext
    def test_the_register_prints_each_reading(self):
        meter = self._meter(self.unit_a, serial="WM-1201")
        readings = self._read(meter, date(2026, 10, 1), 100) | self._read(
            meter, date(2026, 11, 1), 112.5
        )
        text = pdf_text(self.env, REPORT, readings.ids)
        self.assertIn("抄表记录表", text)
        self.assertIn("WM-1201", text)
        self.assertIn("2026-11", text)
        self.assertIn("12.50", text)
        pdf, _kind = render_pdf(self.env, REPORT, readings.ids)
        self.assertFalse(pdf_problems(self.env, REPORT, readings.ids, pdf))
