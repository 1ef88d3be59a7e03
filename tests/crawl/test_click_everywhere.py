"""Every menu of every staff role clicked in the browser, at desktop and at phone width (issue #25).

Generic by construction: the roles are the demo's internal users in one of the addon's groups, one
per set of those groups (so a new demo role is clicked too), and the apps are those the role sees
that hold a menu of the addon (so a new menu or action is clicked without a change here).

static/tests/crawl/click_everywhere.js walks each app as the user: every menu, every view of each
menu's action, and the first record of its first view opened in its form (not a record of the
sample data of an empty view). At desktop width (1920x1080) for every role; at phone width
(375x667, touch) for the roles of PHONE_GROUPS, through the app sidebar and the view switcher's
dropdown that a phone shows (Odoo's clickbot walks neither).

Any error the web client meets (an error dialog, an access error, a crashed view, a page that
reloads) fails the walk, and the failure names the role, the width, the menu, the view and the last
click, with the server's message. All roles are walked and their failures reported together.

Odoo's own clickbot (web's test_click_everywhere) in its full mode, which clicks every filter of
every view besides, takes minutes per role: TestClickbotDesktop runs it per role on demand
(PSD_CLICKBOT=1 with pytest, or --test-tags click_all with Odoo's runner, as web's full test).
"""

import logging
import os
import time
import unittest

from odoo.tests import HttpCase, tagged
from odoo.tools import config

_logger = logging.getLogger(__name__)

ADDON = "property_service_desk"
DRIVER = "odoo.loader.modules.get('@property_service_desk/../tests/crawl/click_everywhere')"
# The field staff and the desk: a technician, an engineering lead, a service agent.
PHONE_GROUPS = (
    "group_property_technician",
    "group_property_engineering_lead",
    "group_property_agent",
)
SIGNALS = {"walk": "click everywhere succeeded", "clickbot": "clickbot test succeeded"}


class ClickEverywhereCase(HttpCase):
    allow_end_on_form = True  # the phone walk ends on a record opened, unchanged

    def roles(self):
        """One demo user per role: the internal users in one of the addon's groups, one per set
        of its groups (agent2 and business2 are the second of their role, in another estate)."""
        groups = self.addon_records("res.groups")
        users = self.env["res.users"].search(
            [("share", "=", False), ("groups_id", "in", groups.ids)], order="login"
        )
        users.tour_enabled = False  # no onboarding tour over the screens
        roles = {}
        for user in users:
            roles.setdefault(frozenset((user.groups_id & groups).ids), user)
        return self.env["res.users"].union(*roles.values())

    def phone_roles(self):
        """The roles that work on a phone: the plainest holder of each of PHONE_GROUPS."""
        roles, groups = self.roles(), self.addon_records("res.groups")
        picked = self.env["res.users"]
        for xmlid in PHONE_GROUPS:
            holders = roles.filtered(lambda user, xmlid=xmlid: user.has_group(f"{ADDON}.{xmlid}"))
            picked |= min(holders, key=lambda user: (len(user.groups_id & groups), user.login))
        return picked

    def addon_records(self, model):
        return self.env[model].browse(
            self.env["ir.model.data"]
            .search([("module", "=", ADDON), ("model", "=", model)])
            .mapped("res_id")
        )

    def apps(self, user):
        """The role's apps that hold a menu of the addon, by XML id."""
        roots = {int(menu.parent_path.split("/")[0]) for menu in self.addon_records("ir.ui.menu")}
        menus = self.env["ir.ui.menu"].with_user(user).load_menus(debug=False)
        return [menus[app]["xmlid"] for app in menus["root"]["children"] if app in roots]

    def click_everywhere(self, users, walk, timeout):
        self.assertTrue(users, "no demo staff: installed without demo data?")
        failures, times = [], {}
        for user in users:
            started = time.time()
            apps = self.apps(user)
            self.assertTrue(apps, f"{user.login} sees no app of the addon")
            for app in apps:
                try:
                    self.browser_js(
                        "/odoo",
                        f"{DRIVER}.{walk}('{user.login}', '{app}')",
                        "odoo.isReady === true",
                        login=user.login,
                        timeout=timeout,
                        success_signal=SIGNALS[walk],
                    )
                except Exception as error:  # noqa: BLE001 - every role is walked, all reported
                    failures.append(f"{user.login} at {self.browser_size}, app {app}: {error}")
            times[user.login] = round(time.time() - started, 1)
            _logger.info(
                "%s at %s as %s: %.1fs", walk, self.browser_size, user.login, times[user.login]
            )
        _logger.info("%s at %s: %s", walk, self.browser_size, times)
        if failures:
            self.fail(f"{len(failures)} walks failed\n\n" + "\n\n".join(failures))


@tagged("post_install", "-at_install")
class TestClickEverywhereDesktop(ClickEverywhereCase):
    """The roles in three tests, each its own part for the shards of scripts/test.sh."""

    browser_size = "1920x1080"
    shard_each_test = True

    def walk_share(self, k, shares=3):
        roles = self.roles()
        self.assertGreater(len(roles), shares, "no demo staff: installed without demo data?")
        self.click_everywhere(roles[k::shares], "walk", timeout=300)

    def test_click_everywhere_desktop_0(self):
        self.walk_share(0)

    def test_click_everywhere_desktop_1(self):
        self.walk_share(1)

    def test_click_everywhere_desktop_2(self):
        self.walk_share(2)


@tagged("post_install", "-at_install")
class TestClickEverywherePhone(ClickEverywhereCase):
    browser_size = "375x667"
    touch_enabled = True

    def test_click_everywhere_phone(self):
        self.click_everywhere(self.phone_roles(), "walk", timeout=300)


@tagged("click_all", "post_install", "-at_install")
class TestClickbotDesktop(ClickEverywhereCase):
    """Odoo's clickbot in its full mode, every filter of every view clicked: on demand only
    (PSD_CLICKBOT=1, or --test-tags click_all as web's own full click test), it takes minutes
    per role. Skipped otherwise, yet in the standard selection, so that pytest-odoo and Odoo's
    own runner count the same tests."""

    browser_size = "1920x1080"

    @unittest.skipUnless(
        os.environ.get("PSD_CLICKBOT") or "click_all" in (config["test_tags"] or ""),
        "on demand: PSD_CLICKBOT=1",
    )
    def test_clickbot_desktop(self):
        self.click_everywhere(self.roles(), "clickbot", timeout=1200)
