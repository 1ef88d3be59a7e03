import functools
import io
import os
import shutil
import subprocess

import lxml.html
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from odoo import models
from odoo.exceptions import UserError
from odoo.tools.pdf import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    PdfFileReader,
    PdfFileWriter,
)

from odoo.addons.base.models.ir_actions_report import _get_wkhtmltopdf_bin

# The registers' one font, body and page footer, embedded in every PDF: a TrueType font, which
# reportlab embeds for the footer (it cannot embed Noto CJK's CFF outlines), and whose character
# map has no Kangxi radical: Noto CJK maps 工 and ⼯ (U+2F2F) to one glyph, and wkhtmltopdf's text
# of that glyph then reads as the radical.
REPORT_FONT_FAMILY = "WenQuanYi Micro Hei"
REPORT_FONT_PACKAGE = "fonts-wqy-microhei"
REPORT_FONT_PATHS = ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",)
# Odoo's report layouts ask for the company's font (Lato by default), which wkhtmltopdf loads as
# a web font and draws as outlines: the Latin letters and digits of the PDF are then no text.
REPORT_FONT_CSS = f"""<style>
body, .article, .header, .footer, [class*="o_company_"] {{
    font-family: "{REPORT_FONT_FAMILY}", sans-serif !important;
}}
</style>"""
STAMP_FONT = "PsdReportFont"
STAMP_FONT_SIZE = 8
STAMP_BASELINE = 28  # points above the bottom edge, inside the paper format's bottom margin
# Where each document of a selection starts: an invisible dot of this colour, found again in the
# pages' drawing (as Qt writes the colour) to number each document's pages on its own.
DOCUMENT_MARK = (
    '<div style="position: absolute; width: 1px; height: 1px; background-color: #fefdfc;"></div>'
)
DOCUMENT_MARK_PDF = b"0.996078431 0.992156862 0.988235294 scn"


@functools.cache
def wkhtmltopdf_prints_headers():
    """Only a wkhtmltopdf built on its patched Qt honours --header-html / --footer-html."""
    try:
        version = subprocess.run(
            [_get_wkhtmltopdf_bin(), "--version"], capture_output=True, check=False, timeout=30
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return False
    return b"patched qt" in version


def report_font_path():
    """The file of the report font, from fontconfig or where Debian installs it; None while it is
    missing (looked up again at the next print, so installing the font needs no restart)."""
    path = _find_report_font()
    if path is None:
        _find_report_font.cache_clear()
    return path


@functools.cache
def _find_report_font():
    candidates = list(REPORT_FONT_PATHS)
    if shutil.which("fc-match"):
        found = subprocess.run(
            ["fc-match", "--format=%{family}\n%{file}", REPORT_FONT_FAMILY],
            capture_output=True,
            check=False,
            text=True,
            timeout=30,
        ).stdout.split("\n")
        if len(found) == 2 and REPORT_FONT_FAMILY in found[0].split(","):
            candidates.insert(0, found[1])
    return next((path for path in candidates if os.path.isfile(path)), None)


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    def _run_wkhtmltopdf(self, bodies, report_ref=False, header=None, footer=None, **kwargs):
        if not report_ref or not self._is_property_register(report_ref):
            return super()._run_wkhtmltopdf(
                bodies, report_ref=report_ref, header=header, footer=footer, **kwargs
            )
        self._check_report_font()
        bodies = [self._with_report_font(body) for body in bodies]
        header, footer = self._with_report_font(header), self._with_report_font(footer)
        if wkhtmltopdf_prints_headers():
            return super()._run_wkhtmltopdf(
                bodies, report_ref=report_ref, header=header, footer=footer, **kwargs
            )

        # A wkhtmltopdf without its patched Qt drops Odoo's footer, and prints one HTML document
        # per call: given the several documents of a selection (one per work order, letter…),
        # it writes an empty file. Print them as one document, find where each starts, and
        # number each one's pages as Odoo's footer does (page x of n of that document).
        def print_html(html_bodies):
            return super(IrActionsReport, self)._run_wkhtmltopdf(
                html_bodies, report_ref=report_ref, header=header, footer=footer, **kwargs
            )

        if len(bodies) == 1:
            return self._stamp_page_footer([self._pdf_pages(print_html(bodies))])
        documents = self._split_documents(print_html([self._one_html(bodies)]), len(bodies))
        if documents is None:  # not found as marked: print the documents one at a time
            documents = [self._pdf_pages(print_html([body])) for body in bodies]
        return self._stamp_page_footer(documents)

    def _check_report_font(self):
        if not report_font_path():
            raise UserError(
                self.env._(
                    "The font %(font)s is not installed on the server, and the registers are "
                    "printed in it. Install the Debian package %(package)s "
                    "(apt-get install %(package)s), then print again.",
                    font=REPORT_FONT_FAMILY,
                    package=REPORT_FONT_PACKAGE,
                )
            )

    def _with_report_font(self, html):
        """The page, its font set last in its head, above the layout's own stylesheets."""
        if not html or "</head>" not in html:
            return html
        # str: Markup.replace would escape the style sheet.
        return str(html).replace("</head>", REPORT_FONT_CSS + "</head>", 1)

    def _is_property_register(self, report_ref):
        report = self._get_report(report_ref)
        return report.report_name.startswith("property_service_desk.")

    def _one_html(self, bodies):
        """The documents in one HTML page, each from a new sheet and marked where it starts."""
        pages = [lxml.html.fromstring(body) for body in bodies]
        frame = pages[0].find("body")
        for number, page in enumerate(pages):
            body = page.find("body")
            part = lxml.html.fragment_fromstring(
                '<div style="position: relative;"></div>'
                if number == 0
                else '<div style="position: relative; page-break-before: always;"></div>'
            )
            part.append(lxml.html.fragment_fromstring(DOCUMENT_MARK))
            part.extend(list(body))
            frame.append(part)
        return "<!DOCTYPE html>\n" + lxml.html.tostring(pages[0], encoding="unicode")

    def _pdf_pages(self, pdf):
        if not pdf:
            raise UserError(self.env._("The PDF printer produced an empty document."))
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        return [reader.getPage(number) for number in range(reader.getNumPages())]

    def _split_documents(self, pdf, count):
        """The pages of each of the `count` documents, or None when the marks do not show
        where each starts."""
        pages = self._pdf_pages(pdf)
        starts = [n for n, page in enumerate(pages) if DOCUMENT_MARK_PDF in self._drawing(page)]
        if len(starts) != count or starts[0] != 0:
            return None
        return [pages[a:b] for a, b in zip(starts, [*starts[1:], len(pages)], strict=True)]

    def _drawing(self, page):
        contents = page["/Contents"].getObject()
        streams = contents if isinstance(contents, ArrayObject) else [contents]
        return b"".join(stream.getObject().getData() for stream in streams)

    def _stamp_page_footer(self, documents):
        """Print "company | page x of n" on every page of each document, then bind them in order.

        The stamp's drawing is appended to each page's content as it is: merging the pages
        with the PDF library would parse and rewrite every page of a long register."""
        pages = [page for document in documents for page in document]
        numbers = [(n + 1, len(document)) for document in documents for n in range(len(document))]
        overlay = PdfFileReader(self._page_footer_overlay(pages, numbers), strict=False)
        writer = PdfFileWriter()
        for index, page in enumerate(pages):
            self._append_stamp(writer, page, overlay.getPage(index))
            writer.addPage(page)
        output = io.BytesIO()
        writer.write(output)
        return output.getvalue()

    def _append_stamp(self, writer, page, stamp):
        fonts = page["/Resources"].getObject().setdefault(NameObject("/Font"), DictionaryObject())
        stamp_data = stamp["/Contents"].getObject().getData()
        for name, font in stamp["/Resources"]["/Font"].items():
            fonts.getObject()[NameObject(f"/PsdStamp{name[1:]}")] = font
            stamp_data = stamp_data.replace(f"{name} ".encode(), f"/PsdStamp{name[1:]} ".encode())
        contents = page["/Contents"]
        streams = (
            list(contents.getObject())
            if isinstance(contents.getObject(), ArrayObject)
            else [contents]
        )
        # Keep the page's own drawing state away from the stamp.
        page[NameObject("/Contents")] = ArrayObject(
            [self._stream(writer, b"q\n"), *streams, self._stream(writer, b"\nQ\n" + stamp_data)]
        )

    def _stream(self, writer, data):
        stream = DecodedStreamObject()
        stream.setData(data)
        return writer._addObject(stream)

    def _page_footer_overlay(self, pages, numbers):
        if STAMP_FONT not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(STAMP_FONT, report_font_path(), subfontIndex=0))
        company = self.env.company.name
        packet = io.BytesIO()
        # The stamp's only font is the embedded one (the default would add Helvetica, unembedded).
        can = canvas.Canvas(
            packet, pageCompression=0, initialFontName=STAMP_FONT, initialFontSize=STAMP_FONT_SIZE
        )
        for page, (number, total) in zip(pages, numbers, strict=True):
            box = page.mediaBox
            width, height = float(abs(box.getWidth())), float(abs(box.getHeight()))
            can.setPageSize((width, height))
            can.setFont(STAMP_FONT, STAMP_FONT_SIZE)
            page_text = self.env._("Page %(page)s of %(total)s", page=number, total=total)
            can.drawCentredString(width / 2, STAMP_BASELINE, f"{company}  |  {page_text}")
            can.showPage()
        can.save()
        packet.seek(0)
        return packet
