"""A 1,000-row official register as PDF, against Odoo's XLSX export of the same records and
columns, measured in one run. Run through bench/run.sh (or alone, on a database with the addon)."""

import argparse
import threading
import time

import odoo
from odoo import SUPERUSER_ID, api
from odoo.http import _request_stack

from odoo.addons.web.controllers.export import ExcelExport

ROWS = 1000
REGISTER = "property_service_desk.helpdesk_ticket_report_request_register"
COLUMNS = [
    "number",
    "received_at",
    "request_kind",
    "urgency",
    "partner_id",
    "unit_id",
    "name",
    "user_id",
    "next_deadline",
    "closed_date",
    "stage_id",
    "callback_requirement",
]


class _ExportRequest:
    """The web client's export runs in an HTTP request; it only needs the environment."""

    def __init__(self, env):
        self.env = env


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--config", required=True)
    parser.add_argument("--db", required=True)
    args = parser.parse_args()
    odoo.tools.config.parse_config(["-c", args.config, "--log-level=warn"])
    threading.current_thread().testing = True
    registry = odoo.modules.registry.Registry(args.db)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        env["res.lang"]._activate_lang("zh_CN")
        env = env(context=dict(env.context, lang="zh_CN"))  # the registers as printed here
        unit = env["property.unit"].search([], limit=1)
        tickets = env["helpdesk.ticket"].create(
            [
                {
                    "name": f"登记测试 {n}",
                    "description": "<p>x</p>",
                    "unit_id": unit.id,
                    "request_kind": "repair",
                }
                for n in range(ROWS)
            ]
        )
        env.flush_all()
        start = time.perf_counter()
        pdf, _kind = (
            env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(REGISTER, tickets.ids)
        )
        pdf_time = time.perf_counter() - start

        _request_stack.push(_ExportRequest(env))
        try:
            start = time.perf_counter()
            rows = tickets.export_data(COLUMNS)["datas"]
            xlsx = ExcelExport().from_data(COLUMNS, COLUMNS, rows)
            xlsx_time = time.perf_counter() - start
        finally:
            _request_stack.pop()
        cr.rollback()
    print(f"\n== A register of {ROWS} rows ==")
    print(f"PDF register (QWeb + wkhtmltopdf): {pdf_time:.2f} s, {len(pdf) // 1024} KiB")
    print(f"XLSX export of the same rows and columns: {xlsx_time:.2f} s, {len(xlsx) // 1024} KiB")
    print(f"ratio PDF / XLSX: {pdf_time / xlsx_time:.1f}")


if __name__ == "__main__":
    main()
