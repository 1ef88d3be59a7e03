import re
import shutil
import subprocess
import tempfile
import unittest
from unittest.mock import patch

import lxml.html

from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged

from .common import render_pdf

# Look-alike radicals: Kangxi radicals, the CJK radicals supplement and CJK strokes. A register's
# text never holds them; a PDF whose font maps 工 and ⼯ to one glyph may read as them.
RADICALS = re.compile("[\u2e80-\u2fdf\u31c0-\u31ef]")
LATIN_OR_DIGITS = re.compile(r"[A-Za-z0-9]+")
REPORTS = "odoo.addons.property_service_desk.models.ir_actions_report"


@unittest.skipUnless(shutil.which("pdffonts"), "poppler-utils (pdffonts, pdftotext) not installed")
@tagged("post_install", "-at_install")
class TestReportFonts(TransactionCase):
    """Every PDF report of the addon, printed on a demo record of its model, carries its fonts and
    reads back as printed. Generic: a new report is covered by being one of the addon's."""

    def test_every_report_embeds_its_fonts_and_reads_as_printed(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        env = self.env(context=dict(self.env.context, lang="zh_CN"))
        reports = env["ir.actions.report"].search(
            [("report_name", "=like", "property_service_desk.%"), ("report_type", "=", "qweb-pdf")]
        )
        self.assertGreater(len(reports), 20)
        for report in reports:
            with self.subTest(report=report.report_name):
                record = self._demo_record(env, report.model)
                self.assertTrue(record, f"{report.report_name}: no record of {report.model}")
                self._check_report(env, report, record)

    def test_a_missing_report_font_is_named_with_its_package(self):
        report = self.env.ref("property_service_desk.property_work_order_report")
        record = self._demo_record(self.env, report.model)
        with (
            patch(f"{REPORTS}.report_font_path", return_value=None),
            self.assertRaisesRegex(UserError, "fonts-wqy-microhei"),
        ):
            render_pdf(self.env, report.report_name, record.ids)

    def _demo_record(self, env, model):
        demo = env["ir.model.data"].search(
            [("module", "=", "property_service_desk"), ("model", "=", model)], limit=1, order="id"
        )
        return env[model].browse(demo.res_id) if demo else env[model].search([], limit=1)

    def _check_report(self, env, report, record):
        name = f"{report.report_name} on {record}"
        html = env["ir.actions.report"]._render_qweb_html(report.report_name, record.ids)[0]
        printed = " ".join(
            article.text_content() for article in lxml.html.fromstring(html).find_class("article")
        )
        pdf, _kind = render_pdf(env, report.report_name, record.ids)
        fonts = self._poppler("pdffonts", pdf).splitlines()[2:]
        # Columns: name, type (one to three words), encoding, emb, sub, uni, object id, generation.
        text = self._poppler("pdftotext", pdf)
        flat = "".join(text.split())
        problems = {
            "no font": not fonts,
            "fonts not embedded": [line for line in fonts if line.split()[-5] != "yes"],
            "look-alike radicals": RADICALS.findall(text),
            "printed Latin letters or digits missing": sorted(
                word for word in set(LATIN_OR_DIGITS.findall(printed)) if word not in flat
            ),
            "printed characters missing": sorted(
                {char for char in "".join(printed.split()) if char not in flat}
            ),
        }
        self.assertFalse({k: v for k, v in problems.items() if v}, name)

    def _poppler(self, command, pdf):
        with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
            file.write(pdf)
            file.flush()
            args = [file.name, "-"] if command == "pdftotext" else [file.name]
            return subprocess.run([command, *args], capture_output=True, check=True).stdout.decode()
