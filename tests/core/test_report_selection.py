import io
import re
import subprocess
from unittest.mock import patch

from freezegun import freeze_time

from odoo.tests import tagged
from odoo.tools.pdf import PdfFileReader

from ...models.printing import ir_actions_report
from ...models.printing.ir_actions_report import wkhtmltopdf_prints_headers
from ..common import ServiceDeskCase, needs_pdftotext, render_pdf
from ..fees.fee_fixtures import meter
from ..paper_trail_fixtures import contact_sheet
from .test_report_fonts import pdf_problems


def text_of(pdf):
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()


FOOTER = r"第 (\d+) 页，共 (\d+) 页|Page:? (\d+) / (\d+)"


def page_count(pdf):
    return PdfFileReader(io.BytesIO(pdf), strict=False).getNumPages()


@tagged("post_install", "-at_install")  # the addon's report styles are active once installed
@freeze_time(ServiceDeskCase.T0)
class TestPrintAnySelection(ServiceDeskCase):
    """Every report of the addon prints a selection of 1, 2 or 200 records (issue 14, point 7)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        done = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        cls.tickets = cls.env["helpdesk.ticket"]
        for name in ("Rudeness", "Blackout"):
            cls.tickets |= cls.complaint(cls, name=name)
        cls.repairs = cls.env["helpdesk.ticket"]
        for name in ("Tap dripping", "Door lock stuck"):
            cls.repairs |= cls._ticket(
                name=name, request_kind="repair", unit_id=cls.unit_a.id, partner_id=cls.owner_a.id
            )
        cls.repairs.stage_id = done
        carrier = cls.env.ref("property_service_desk.property_parcel_carrier_sf")
        records = {
            "helpdesk.ticket": cls.tickets,
            "property.work.order": cls.env["property.work.order"].create(
                [{"ticket_id": ticket.id} for ticket in cls.repairs]
            ),
            "property.callback": cls.repairs.callback_ids[:2],
            "property.parcel": cls.env["property.parcel"].create(
                [
                    {
                        "unit_id": cls.unit_a.id,
                        "carrier_id": carrier.id,
                        "tracking_number": f"SF20000000{n}",
                        "storage_location": "Shelf A-3",
                    }
                    for n in (1, 2)
                ]
            ),
            "property.evaluation.campaign": cls.env["property.evaluation.campaign"].create(
                [
                    {"estate_id": estate.id, "year": 2026, "quarter": "4"}
                    for estate in (cls.estate_a, cls.estate_b)
                ]
            ),
            "property.estate": cls.estate_a | cls.estate_b,
            "property.contact.sheet": contact_sheet(cls) | contact_sheet(cls, cls.unit_b),
            "property.meter.reading": cls.env["property.meter.reading"].create(
                [
                    {"meter_id": meter(cls.env, cls.unit_a).id, "period": month, "value": value}
                    for month, value in (("2026-10-01", 120.5), ("2026-11-01", 131))
                ]
            ),
        }
        cls.records = records
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.reports = cls.env["ir.actions.report"].search(
            [("report_name", "=like", "property_service_desk.%")]
        )
        # The unit's life at the desk (move-in, keys, renovation, vacant units, lending, the
        # business centre, the owner archive) prints the demo's own files.
        for model in set(cls.reports.mapped("model")) - set(records):
            records[model] = cls.env[model].search([], order="id", limit=2)
        # The demo has one rectification notice: a second one, on the same works.
        notice = records["property.renovation.notice"]
        records["property.renovation.notice"] |= notice._as_system().create(
            {
                "renovation_id": notice.renovation_id.id,
                "violation": "Rubbish left in the stairwell",
                "required_action": "Clear it today",
                "deadline": cls.T0.date(),
            }
        )
        cls.env = cls.env(context=dict(cls.env.context, lang="zh_CN"))
        cls.reports = cls.reports.with_env(cls.env)

    def test_the_fixture_covers_every_report_of_the_addon(self):
        self.assertGreaterEqual(len(self.reports), 12)
        for report in self.reports:
            self.assertEqual(len(self.records.get(report.model, ())), 2, report.report_name)

    @needs_pdftotext
    def test_every_report_prints_one_and_two_records(self):
        for report in self.reports:
            for count in (1, 2):
                records = self.records[report.model][:count]
                with self.subTest(report=report.report_name, records=count):
                    pdf, kind = render_pdf(self.env, report.report_name, records.ids)
                    self.assertEqual(kind, "pdf")
                    self.assertTrue(pdf.startswith(b"%PDF"))
                    # Its fonts embedded, its text as printed (no look-alike radical).
                    self.assertFalse(pdf_problems(self.env, report.report_name, records.ids, pdf))
                    text = text_of(pdf)
                    for record in records:
                        self.assertIn(self._label(record), text)
                    # The page footer, stamped or Odoo's own, on every page.
                    self.assertEqual(
                        len(re.findall(FOOTER, text)),
                        page_count(pdf),
                    )

    @needs_pdftotext
    def test_each_letter_of_a_selection_numbers_its_own_pages(self):
        letters = self.tickets
        report = "property_service_desk.report_decline_letter"
        pdf, _kind = render_pdf(self.env, report, letters.ids)
        self.assertEqual(page_count(pdf), 2)
        footers = [m.group(0) for m in re.finditer(FOOTER, text_of(pdf))]
        self.assertEqual(len(footers), 2)
        self.assertRegex(footers[1], r"第 1 页，共 1 页|Page:? 1 / 1")
        if not wkhtmltopdf_prints_headers():
            # Where each letter starts is found again in the PDF; if it were not, each letter
            # would be printed on its own.
            Report = self.env["ir.actions.report"]
            self.assertEqual([len(d) for d in Report._split_documents(pdf, 2)], [1, 1])
            self.assertIsNone(Report._split_documents(pdf, 3))
            with patch.object(ir_actions_report, "DOCUMENT_MARK_PDF", b"no mark"):
                one_by_one, _kind = render_pdf(self.env, report, letters.ids)
            self.assertEqual(page_count(one_by_one), 2)
            self.assertEqual(len(re.findall(FOOTER, text_of(one_by_one))), 2)

    @needs_pdftotext
    def test_two_hundred_letters_print_in_one_go(self):
        tickets = self.env["helpdesk.ticket"].create(
            [
                {
                    "name": f"Request {n:03d}",
                    "description": "<p>Outside the service contract.</p>",
                    "unit_id": self.unit_a.id,
                    "request_kind": "repair",
                }
                for n in range(200)
            ]
        )
        report = "property_service_desk.report_decline_letter"
        pdf, kind = render_pdf(self.env, report, tickets.ids)
        self.assertEqual(kind, "pdf")
        self.assertEqual(page_count(pdf), 200)
        text = text_of(pdf)
        for ticket in tickets[:: 199 // 2]:
            self.assertIn(ticket.number, text)
        self.assertIn("Request 199", text)

    def _label(self, record):
        if record._name == "helpdesk.ticket":
            return record.name  # the registers print no number
        if record._name in ("property.estate", "property.evaluation.campaign"):
            return record.estate_id.name if "estate_id" in record else record.name
        if record._name == "property.parcel":
            return record.tracking_number
        if record._name in ("property.callback", "property.contact.sheet"):
            return record.ticket_id.number
        if record._name == "property.key.log":
            return record.key_set_id.name
        if record._name == "property.vacant.inspection":
            return record.unit_id.display_name
        if record._name == "property.meter.reading":
            return record.meter_id.serial
        return record.name
