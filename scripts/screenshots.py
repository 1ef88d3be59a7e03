"""Screenshots of each demo login's first screen, in Chinese, for the README.

Usage: screenshots.py BASE_URL OUT_DIR  (a running demo server: see screenshots.sh)
Logs in through Odoo's /web/login form, hands the session cookie to headless Chromium over
the DevTools protocol, sets the window size (desktop or phone) and saves a PNG per screen.
"""

import base64
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests
import websocket

DESKTOP = (1440, 900)
PHONE = (375, 667)
# (file, login, path, size)
SHOTS = [
    (
        "screen_desk_agent.png",
        "agent",
        "/odoo/action-helpdesk_mgmt.helpdesk_ticket_action",
        DESKTOP,
    ),
    (
        "screen_dashboard_manager.png",
        "centre_manager",
        "/odoo/action-property_service_desk.property_kpi_dashboard_action",
        DESKTOP,
    ),
    (
        "screen_technician_jobs.png",
        "technician",
        "/odoo/action-property_service_desk.property_work_order_action_my_jobs",
        PHONE,
    ),
    ("screen_owner_portal.png", "owner", "/my", PHONE),
    ("screen_owner_requests.png", "owner", "/my/tickets", PHONE),
]
DEBUG_PORT = 9333
SETTLE_SECONDS = 2
READY_TIMEOUT = 120
# The web client is ready once an action is shown and nothing is loading; a portal page once
# the document has loaded.
READY_SCRIPT = """
document.readyState === 'complete' && (
    !document.querySelector('.o_web_client')
    || (!!document.querySelector('.o_action_manager .o_action')
        && !document.querySelector('.o_loading_indicator, .o_view_nocontent_loading, .o_spinner')))
"""


def session_cookie(base_url, login):
    session = requests.Session()
    page = session.get(f"{base_url}/web/login", timeout=30).text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    response = session.post(
        f"{base_url}/web/login",
        data={"login": login, "password": login, "csrf_token": token},
        timeout=60,
    )
    if "/web/login" in response.url:
        raise SystemExit(f"could not log in as {login}")
    return session.cookies["session_id"]


class Chromium:
    def __init__(self):
        self.profile = tempfile.TemporaryDirectory(ignore_cleanup_errors=True)
        self.process = subprocess.Popen(
            [
                "chromium",
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                "--lang=zh-CN",
                f"--remote-debugging-port={DEBUG_PORT}",
                f"--user-data-dir={self.profile.name}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.socket = websocket.create_connection(self._page_socket_url(), timeout=60)
        self.message_id = 0

    def _page_socket_url(self):
        for _attempt in range(50):
            try:
                targets = requests.get(f"http://127.0.0.1:{DEBUG_PORT}/json", timeout=2).json()
                return next(t["webSocketDebuggerUrl"] for t in targets if t["type"] == "page")
            except (requests.ConnectionError, StopIteration):
                time.sleep(0.2)
        raise SystemExit("Chromium did not start")

    def call(self, method, **params):
        self.message_id += 1
        self.socket.send(json.dumps({"id": self.message_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == self.message_id:
                return message.get("result", {})

    def shoot(self, base_url, cookie, path, size, target):
        width, height = size
        self.call("Network.enable")
        self.call("Network.clearBrowserCookies")
        self.call("Network.setCookie", name="session_id", value=cookie, url=base_url)
        self.call(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=width < 600,
        )
        self.call("Page.navigate", url=f"{base_url}{path}")
        self._wait_until_ready()
        time.sleep(SETTLE_SECONDS)
        if target:
            shot = self.call("Page.captureScreenshot", format="png")
            target.write_bytes(base64.b64decode(shot["data"]))

    def _wait_until_ready(self):
        deadline = time.monotonic() + READY_TIMEOUT
        while time.monotonic() < deadline:
            time.sleep(1)
            result = self.call("Runtime.evaluate", expression=READY_SCRIPT, returnByValue=True)
            if result.get("result", {}).get("value"):
                return
        print("page not ready in time, taking the screenshot anyway", file=sys.stderr)

    def close(self):
        self.socket.close()
        self.process.terminate()
        self.process.wait(timeout=10)
        self.profile.cleanup()


def shoot(base_url, login, path, size, target):
    # A browser of its own per screen: the bus worker and local storage of a page seen as
    # another login would tell this one it is "out of date".
    browser = Chromium()
    try:
        browser.shoot(base_url, session_cookie(base_url, login), path, size, target)
    finally:
        browser.close()


def main(base_url, out_dir):
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    # A first visit builds the asset bundles: not a moment to take pictures.
    for _filename, login, path, size in (SHOTS[0], SHOTS[3]):
        shoot(base_url, login, path, size, None)
    for filename, login, path, size in SHOTS:
        shoot(base_url, login, path, size, out / filename)
        print(f"{out / filename}: {login} {path} {size[0]}x{size[1]}")


if __name__ == "__main__":
    main(*sys.argv[1:3])
