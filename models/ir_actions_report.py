import functools
import io
import subprocess

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from odoo import models
from odoo.tools.pdf import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    PdfFileReader,
    PdfFileWriter,
)

from odoo.addons.base.models.ir_actions_report import _get_wkhtmltopdf_bin

# Adobe's standard Simplified Chinese font: every PDF reader has it, nothing is embedded.
STAMP_FONT = "STSong-Light"
STAMP_FONT_SIZE = 8
STAMP_BASELINE = 28  # points above the bottom edge, inside the paper format's bottom margin


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


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    def _run_wkhtmltopdf(self, bodies, report_ref=False, header=None, footer=None, **kwargs):
        pdf = super()._run_wkhtmltopdf(
            bodies, report_ref=report_ref, header=header, footer=footer, **kwargs
        )
        if (
            report_ref
            and self._is_property_register(report_ref)
            and not wkhtmltopdf_prints_headers()
        ):
            pdf = self._stamp_page_footer(pdf)
        return pdf

    def _is_property_register(self, report_ref):
        report = self._get_report(report_ref)
        return report.report_name.startswith("property_service_desk.")

    def _stamp_page_footer(self, pdf):
        """Print "company | page x of n" on every page, as Odoo's footer would have done.

        The stamp's drawing is appended to each page's content as it is: merging the pages
        with the PDF library would parse and rewrite every page of a long register."""
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        total = reader.getNumPages()
        overlay = PdfFileReader(self._page_footer_overlay(reader, total), strict=False)
        writer = PdfFileWriter()
        for number in range(total):
            page = reader.getPage(number)
            self._append_stamp(writer, page, overlay.getPage(number))
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

    def _page_footer_overlay(self, reader, total):
        if STAMP_FONT not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(UnicodeCIDFont(STAMP_FONT))
        company = self.env.company.name
        packet = io.BytesIO()
        can = canvas.Canvas(packet, pageCompression=0)
        for number in range(total):
            box = reader.getPage(number).mediaBox
            width, height = float(abs(box.getWidth())), float(abs(box.getHeight()))
            can.setPageSize((width, height))
            can.setFont(STAMP_FONT, STAMP_FONT_SIZE)
            page_text = self.env._("Page %(page)s of %(total)s", page=number + 1, total=total)
            can.drawCentredString(width / 2, STAMP_BASELINE, f"{company}  |  {page_text}")
            can.showPage()
        can.save()
        packet.seek(0)
        return packet
