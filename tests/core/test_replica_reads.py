"""The quality dashboard, the KPI drill-down and the printed registers are served on Odoo's
read-only cursors, which go to the read replica when one is configured (db_replica_host), and
to the primary otherwise. Here, with no replica, Odoo's test cursors play a read-only
transaction: a write there would fail and be retried read/write, with a warning.
(`bash scripts/replica.sh check` proves the reads reach a real streaming replica.)"""

import json
from types import SimpleNamespace
from urllib.parse import urlencode

from odoo.http import _request_stack
from odoo.tests import HttpCase, new_test_user, tagged

from ...controllers.report import REGISTER_URLS, _prints_a_register

REGISTER = "property_service_desk.report_register_request"


def routed_read_only(model, method):
    """What /web/dataset/call_kw decides for the method (web's DataSet._call_kw_readonly)."""
    for cls in type(model).mro():
        found = getattr(cls, method, None)
        if found is not None and hasattr(found, "_readonly"):
            return found._readonly
    return False


def download_read_only(url):
    """What the report download route decides for a web client's download of `url`."""
    request = SimpleNamespace(httprequest=SimpleNamespace(values={"data": json.dumps([url])}))
    _request_stack.push(request)
    try:
        return _prints_a_register(None)
    finally:
        _request_stack.pop()


@tagged("post_install", "-at_install")
class TestReadsOnReadOnlyCursors(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = new_test_user(
            cls.env,
            login="psd_replica_gm",
            groups="base.group_user,property_service_desk.group_property_centre_manager",
        )
        cls.manager.property_all_estates = True
        estate = cls.env["property.estate"].create({"name": "Replica Estate", "code": "REPL"})
        cls.tickets = cls.env["helpdesk.ticket"].create(
            [
                {"name": f"Replica {n}", "description": "<p>x</p>", "estate_id": estate.id}
                for n in range(3)
            ]
        )

    def test_the_readers_are_routed_read_only_and_the_writers_are_not(self):
        kpi = self.env["property.kpi.monthly"]
        self.assertTrue(routed_read_only(kpi, "get_dashboard"))
        self.assertTrue(routed_read_only(kpi, "action_open_kpi_records"))
        self.assertTrue(routed_read_only(kpi, "web_search_read"), "list, pivot and graph views")
        self.assertFalse(routed_read_only(self.env["helpdesk.ticket"], "create"))
        self.assertFalse(routed_read_only(self.env["helpdesk.ticket"], "action_decline"))
        self.assertTrue(download_read_only(f"/report/pdf/{REGISTER}/1,2"))
        self.assertFalse(download_read_only("/report/pdf/account.report_invoice/1"))

    def test_dashboard_and_register_run_on_a_read_only_cursor(self):
        self.authenticate("psd_replica_gm", "psd_replica_gm")
        # A write on the read-only cursor would be retried read/write with a warning.
        with self.assertNoLogs("odoo", level="WARNING"):
            dashboard = self.make_jsonrpc_request(
                "/web/dataset/call_kw/property.kpi.monthly/get_dashboard",
                {
                    "model": "property.kpi.monthly",
                    "method": "get_dashboard",
                    "args": [],
                    "kwargs": {},
                },
            )
            url = f"/report/pdf/{REGISTER}/{','.join(map(str, self.tickets.ids))}"
            self.assertTrue(url.startswith(REGISTER_URLS))
            query = urlencode(
                {"data": json.dumps([url, "qweb-pdf"]), "context": "{}", "token": "t"}
            )
            response = self.url_open(f"/report/download?{query}", timeout=120)
        self.assertTrue(dashboard["kpis"])
        self.assertEqual(response.status_code, 200)
        self.assertIn("attachment", response.headers.get("Content-Disposition", ""))
