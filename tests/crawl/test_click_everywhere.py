"""Every menu of every staff role clicked in the browser, at desktop and at phone width (issue #25).

Generic by construction: the roles are the internal users of the demo who belong to one of the
addon's groups (so a new demo role is clicked too), and the apps are those the role sees that hold
a menu of the addon (so a new menu or action is clicked without a change here).

- **desktop** (1920x1080, wide enough for every section of the app's menu bar): Odoo's own
  clickbot (web's test_click_everywhere) on each app, in its full mode: the app, every menu, every
  view of each menu's action, every filter of each view.
- **phone** (375x667, touch): the clickbot cannot walk a phone's screens (the menus are in the
  sidebar, the view switcher is a dropdown), so static/tests/crawl/click_everywhere.js walks them
  the same way: every menu opened from the sidebar, every view of its action, and the first
  record of its list or kanban opened in its form.

Any error the web client shows (an error dialog, an access error, a crashed view) is logged by its
error service, which fails the walk; the failure names the role, the width, the menu, the view and
the last click. All roles are walked and the failures reported together.
"""

import logging
import time

from odoo.tests import HttpCase, tagged

_logger = logging.getLogger(__name__)

ADDON = "property_service_desk"
DRIVER = "odoo.loader.modules.get('@property_service_desk/../tests/crawl/click_everywhere')"
SIGNALS = {"walk": "click everywhere succeeded", "clickbot": "clickbot test succeeded"}


class ClickEverywhereCase(HttpCase):
    allow_end_on_form = True  # the phone walk ends on a record opened, unchanged

    def staff(self):
        """The demo's internal users in one of the addon's groups (password = login)."""
        groups = self.addon_records("res.groups")
        users = self.env["res.users"].search(
            [("share", "=", False), ("groups_id", "in", groups.ids)], order="login"
        )
        users.tour_enabled = False  # no onboarding tour over the screens
        return users

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

    def click_everywhere(self, walk, timeout):
        users = self.staff()
        self.assertGreater(len(users), 1, "no demo staff: installed without demo data?")
        failures, times = [], {}
        import os  # DEV ONLY

        if os.environ.get("PSD_ROLES"):
            users = users.filtered(lambda u: u.login in os.environ["PSD_ROLES"].split(","))
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
                except AssertionError as error:
                    failures.append(f"{user.login} at {self.browser_size}, app {app}: {error}")
            times[user.login] = round(time.time() - started, 1)
            _logger.info(
                "click everywhere at %s width as %s: %.1fs", walk, user.login, times[user.login]
            )
        _logger.info("click everywhere at %s width: %s", walk, times)
        if failures:
            self.fail(f"{len(failures)} roles failed\n\n" + "\n\n".join(failures))


@tagged("post_install", "-at_install")
class TestClickEverywhereDesktop(ClickEverywhereCase):
    browser_size = "1920x1080"

    def test_click_everywhere_desktop(self):
        self.click_everywhere("walk", timeout=600)


@tagged("post_install", "-at_install")
class TestClickEverywherePhone(ClickEverywhereCase):
    browser_size = "375x667"
    touch_enabled = True

    def test_click_everywhere_phone(self):
        self.click_everywhere("walk", timeout=600)


@tagged("click_all", "post_install", "-at_install", "-standard")
class TestClickbotDesktop(ClickEverywhereCase):
    """Odoo's clickbot in its full mode, every filter of every view clicked: on demand only
    (--test-tags click_all, as web's own full click test), it takes minutes per role."""

    browser_size = "1920x1080"

    def test_clickbot_desktop(self):
        self.click_everywhere("clickbot", timeout=1200)
