import json

from odoo import http
from odoo.http import request

from odoo.addons.web.controllers.report import ReportController

REGISTER_URLS = ("/report/pdf/property_service_desk.", "/report/html/property_service_desk.")


def _prints_a_register(controller):
    """Printing one of this addon's registers only reads: the download is served from the read
    replica when one is configured (Odoo retries on the primary if a report ever writes)."""
    raw = request.httprequest.values.get("data") or "[]"
    try:
        url = json.loads(raw)[0]
    except (ValueError, IndexError, KeyError, TypeError):
        return False
    return isinstance(url, str) and url.startswith(REGISTER_URLS)


class PropertyReportController(ReportController):
    @http.route(readonly=_prints_a_register)
    def report_download(self, data, context=None, token=None, readonly=True):
        return super().report_download(data, context=context, token=token, readonly=readonly)
