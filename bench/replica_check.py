"""Which server ran the reads of the quality dashboard, the KPI view and a register?

Run by `scripts/replica.sh check` against an Odoo started with db_replica_host/db_replica_port,
whose primary and replica log every statement (log_statement=all, log_line_prefix '%m:%d:').
Each read is made over HTTP as a real user; the statements it caused are read back from both
logs: the reads count as replica reads when the replica ran the queries on the fact tables and
the primary none.
"""

import argparse
import json
import re
import sys
import time

import requests

READS = 3
REGISTER = "property_service_desk.report_register_request"  # its report_name


class Odoo:
    def __init__(self, url, db, login):
        self.url, self.db = url, db
        self.session = requests.Session()
        self._wait_up()
        self._json("/web/session/authenticate", {"db": db, "login": login, "password": login})

    def _wait_up(self, timeout=180):
        deadline = time.monotonic() + timeout
        while True:
            try:
                if self.session.get(f"{self.url}/web/login", timeout=10).ok:
                    return
            except requests.RequestException:
                pass
            if time.monotonic() > deadline:
                sys.exit(f"Odoo does not answer at {self.url}")
            time.sleep(1)

    def _json(self, path, params):
        reply = self.session.post(
            f"{self.url}{path}", json={"jsonrpc": "2.0", "method": "call", "params": params}
        ).json()
        if "error" in reply:
            sys.exit(f"{path}: {reply['error']['data']['message']}")
        return reply["result"]

    def call(self, model, method, *args, **kwargs):
        return self._json(
            "/web/dataset/call_kw",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    def get_report(self, url):
        params = {"data": json.dumps([url, "qweb-pdf"]), "context": "{}", "token": "replica"}
        response = self.session.get(f"{self.url}/report/download", params=params, timeout=300)
        response.raise_for_status()
        if not response.content.startswith(b"%PDF"):
            sys.exit(f"{url}: no PDF came back: {response.text[:500]}")
        return response


class Log:
    """The statements of one database in a PostgreSQL log, from the moment `mark` was called."""

    def __init__(self, path, db):
        self.path = path
        self.prefix = re.compile(rf"^\S+ \S+ \S+:{re.escape(db)}:\s*LOG:\s+statement: ")
        self.offset = 0

    def mark(self):
        with open(self.path, "rb") as log:
            log.seek(0, 2)
            self.offset = log.tell()

    def statements(self, table):
        with open(self.path, "rb") as log:
            log.seek(self.offset)
            lines = log.read().decode("utf-8", "replace").splitlines()
        entries = []  # a statement's next lines start with a tab
        for line in lines:
            if line.startswith("\t") and entries:
                entries[-1] += " " + line.strip()
            else:
                entries.append(line)
        pattern = re.compile(rf'\b(FROM|JOIN)\s+"?{table}"?(\s|$)')
        return sum(1 for entry in entries if self.prefix.match(entry) and pattern.search(entry))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--primary-log", required=True)
    parser.add_argument("--replica-log", required=True)
    parser.add_argument("--login", default="centre_manager")
    args = parser.parse_args()

    odoo = Odoo(args.url, args.db, args.login)
    ticket_ids = odoo.call("helpdesk.ticket", "search", [], limit=20)
    primary, replica = Log(args.primary_log, args.db), Log(args.replica_log, args.db)
    reads = {
        "quality dashboard (get_dashboard)": (
            "property_promise",
            lambda: odoo.call("property.kpi.monthly", "get_dashboard"),
        ),
        "KPI list view (web_search_read)": (
            "property_promise",
            lambda: odoo.call(
                "property.kpi.monthly", "web_search_read", [], specification={"month": {}}
            ),
        ),
        "request register PDF (/report/download, as the web client prints it)": (
            "helpdesk_ticket",
            lambda: odoo.get_report(f"/report/pdf/{REGISTER}/{','.join(map(str, ticket_ids))}"),
        ),
    }
    on_replica = 0
    for name, (table, read) in reads.items():
        primary.mark()
        replica.mark()
        read()
        time.sleep(1)  # the log lines of the last statements
        counts = replica.statements(table), primary.statements(table)
        went_to_replica = counts[0] > 0 and counts[1] == 0
        on_replica += went_to_replica
        print(
            f"{name}: {counts[0]} queries on {table} at the replica, {counts[1]} at the primary"
            f" -> {'replica' if went_to_replica else 'NOT the replica'}"
        )
    verdict = "MET" if on_replica == READS else "SHORT"
    print(f"figure replica_reads: {on_replica} goal >= {READS} {verdict}")
    return 0 if on_replica == READS else 1


if __name__ == "__main__":
    sys.exit(main())
