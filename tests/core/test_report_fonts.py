import re
import shutil
import subprocess
import tempfile
import unittest
from unittest.mock import patch

import lxml.html
from reportlab.pdfbase.ttfonts import TTFontFile

from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged

from ...models.printing.ir_actions_report import report_font_path
from ..common import render_pdf

# Look-alike radicals: Kangxi radicals, the CJK radicals supplement and CJK strokes. A register's
# text never holds them; a PDF whose font maps 工 and ⼯ to one glyph may read as them.
RADICALS = re.compile("[\u2e80-\u2fdf\u31c0-\u31ef]")
LATIN_OR_DIGITS = re.compile(r"[A-Za-z0-9]+")
REPORTS = "odoo.addons.property_service_desk.models.printing.ir_actions_report"


def poppler(command, pdf):
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(pdf)
        file.flush()
        args = [file.name, "-"] if command == "pdftotext" else [file.name]
        return subprocess.run([command, *args], capture_output=True, check=True).stdout.decode()


def pdf_problems(env, report_name, ids, pdf):
    """What keeps the PDF of `report_name` on `ids` from being an official document: fonts it
    does not embed, and text that does not read back as printed (look-alike radicals, Latin
    letters, digits or any character of the documents missing). Empty when there is none."""
    html = env["ir.actions.report"]._render_qweb_html(report_name, ids)[0]
    page = lxml.html.fromstring(html)
    for unprinted in page.xpath("//style | //script"):  # a report's own styles are not text
        unprinted.drop_tree()
    printed = " ".join(article.text_content() for article in page.find_class("article"))
    # pdffonts' columns: name, type (one to three words), encoding, emb, sub, uni, object, gen.
    fonts = poppler("pdffonts", pdf).splitlines()[2:]
    text = poppler("pdftotext", pdf)
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
    return {problem: found for problem, found in problems.items() if found}


@unittest.skipUnless(shutil.which("pdffonts"), "poppler-utils (pdffonts, pdftotext) not installed")
@tagged("post_install", "-at_install")
class TestReportFonts(TransactionCase):
    """The registers' font. Every report of the addon is printed and checked with pdf_problems
    by test_report_selection.test_every_report_prints_one_and_two_records."""

    def test_the_report_font_is_installed_without_radicals(self):
        path = report_font_path()
        self.assertTrue(path, "fonts-wqy-microhei is not installed")
        cmap = TTFontFile(path, subfontIndex=0).charToGlyph
        self.assertIn(ord("工"), cmap)
        self.assertFalse([char for char in cmap if RADICALS.match(chr(char))])

    def test_a_missing_report_font_is_named_with_its_package(self):
        report = self.env.ref("property_service_desk.property_work_order_report")
        order = self.env["property.work.order"].search([], limit=1)
        with (
            patch(f"{REPORTS}.report_font_path", return_value=None),
            self.assertRaisesRegex(UserError, "fonts-wqy-microhei"),
        ):
            render_pdf(self.env, report.report_name, order.ids)
