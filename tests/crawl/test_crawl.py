"""Every screen opens for every staff role: the back office crawled as the web client reads it.

Generic by construction, so a new menu, action, view, model or report is covered without a new
test. For each demo staff role (the logins of demo/res_users_demo.xml), as that user, in the demo
database:

- **menus**: every menu of the service desk app the role sees (`load_menus`), its window action
  (domain and context evaluated as the client does, with the filters and groupings its context
  turns on: `search_default_*`, `group_by`), and for each view type of the action
  `get_views`, then the data the view loads: `web_search_read` with the fields of the list,
  kanban and calendar arches, `read_group` with the groupbys and measures of the pivot and graph
  arches, `onchange` for the forms an action opens empty (wizards, settings);
- **records**: every record the role can list (`search`, archived ones included) of every model of
  the addon, of every model its menus show and of `account.move`, opened in its form views (the
  default one and those the role's actions name): `get_views`, then `web_read` with the spec the
  client builds from the arch (x2many lines with their list and kanban subviews' fields) and the
  record's attachments read as the chatter reads them. At most `RECORD_CAP` records per model and
  form view, the first by id (so the sample is deterministic; the demo's small models are read
  whole);
- **reports**: every report of the addon rendered to HTML (`_render_qweb_html`; access is the
  point here, not the PDF) on up to `REPORT_CAP` records of its model the role can read, for the
  roles in the report's groups.

A failure names the role, what was opened (menu, model, view type, report) and the record; all
failures of a role are collected and the role's test fails once with the list.
"""

import logging
import time
import unittest
from collections import defaultdict

from lxml import etree

from odoo.osv import expression
from odoo.tests import TransactionCase, tagged
from odoo.tools.safe_eval import datetime, dateutil, safe_eval
from odoo.tools.safe_eval import time as safe_time

from odoo.addons.web.controllers.utils import clean_action

_logger = logging.getLogger(__name__)

ADDON = "property_service_desk"
APP_MENU = "helpdesk_mgmt.helpdesk_ticket_main_menu"
# Demo staff logins (demo/res_users_demo.xml); business2 and agent2 are the second of their role,
# scoped to another estate.
STAFF_LOGINS = (
    "agent",
    "agent2",
    "business1",
    "business2",
    "technician",
    "business_clerk",
    "engineering_lead",
    "accountant",
    "project_manager",
    "operations_manager",
    "division_lead",
    "centre_manager",
    "admin",
)
# Odoo models the addon's screens reach besides those of its menus.
REACHED_MODELS = ("account.move",)
RECORD_CAP = 25
REPORT_CAP = 3
LIST_LIMIT = 80
DATA_VIEWS = ("list", "kanban", "calendar", "pivot", "graph")


def field_nodes(node):
    """The <field> nodes of a view, without those of the subviews of its x2many fields."""
    for child in node:
        if not isinstance(child.tag, str):
            continue
        if child.tag == "field":
            yield child
        else:
            yield from field_nodes(child)


def always_invisible(node):
    return node.get("invisible") in ("1", "True")


def fields_spec(node, model, models):
    """The specification the web client builds from a view arch (web's getFieldsSpec)."""
    fields = models[model]["fields"]
    spec = {}
    for field_node in field_nodes(node):
        name = field_node.get("name")
        field = fields.get(name)
        if not field:
            continue
        spec.setdefault(name, {}).update(field_spec(field_node, field, models))
    return spec


def field_spec(node, field, models):
    kind = field["type"]
    if kind in ("many2one", "reference"):
        return {"fields": {} if always_invisible(node) else {"display_name": {}}}
    if kind not in ("one2many", "many2many") or always_invisible(node):
        return {}
    subviews = [child for child in node if child.tag in ("list", "kanban")]
    if subviews:
        sub = {}
        for subview in subviews:
            sub.update(fields_spec(subview, field["relation"], models))
        return {"fields": sub}
    if node.get("widget") == "many2many_binary":
        return {"fields": {"name": {}, "mimetype": {}}}
    if node.get("widget"):
        return {"fields": {"display_name": {}}}
    return {}


def describe(error):
    """The error and its cause (a report's QWeb error wraps the access error), on one line."""
    text = f"{type(error).__name__}: {error}"
    cause = getattr(error, "error", None) or error.__cause__
    if cause and cause is not error:
        text += f" <- {type(cause).__name__}: {cause}"
    return " / ".join(line.strip() for line in text.splitlines() if line.strip())[:400]


@tagged("post_install", "-at_install")
class TestCrawl(TransactionCase):
    shard_each_test = True  # a test per role: scripts/test.sh shares them between shards

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = cls.env["res.users"].search([("login", "in", STAFF_LOGINS)])
        missing = set(STAFF_LOGINS) - set(cls.users.mapped("login"))
        if missing:
            raise unittest.SkipTest(f"installed without demo data (missing {sorted(missing)})")
        cls.app_menu = cls.env.ref(APP_MENU)
        own = cls.env["ir.model"].search([("transient", "=", False)])
        cls.own_models = [
            model.model
            for model in own
            if model.model in cls.env
            and not cls.env[model.model]._abstract
            and cls.env[model.model]._original_module == ADDON
        ]
        cls.reports = cls.env["ir.actions.report"].search(
            [("id", "in", cls._addon_ids("ir.actions.report"))], order="report_name"
        )

    @classmethod
    def _addon_ids(cls, model):
        return (
            cls.env["ir.model.data"]
            .search([("module", "=", ADDON), ("model", "=", model)])
            .mapped("res_id")
        )

    # ---------------------------------------------------------------- the crawl, per role
    def crawl(self, login):
        started = time.time()
        user = self.users.filtered(lambda u: u.login == login)
        self.env.invalidate_all()
        # The user's context as the web client gets it (context_get reads the env's user).
        context = dict(user.with_user(user).context_get(), uid=user.id)
        self.env = env = self.env(user=user, context=context)
        self.failures = []
        self.opened = defaultdict(int)
        actions = self.crawl_menus(env)
        self.crawl_records(env, actions)
        self.crawl_reports(env)
        _logger.info("crawl %s: %s in %.1fs", login, dict(self.opened), time.time() - started)
        # A crawl that reaches nothing proves nothing (the app's root menu moved, the demo lost
        # its records).
        self.assertTrue(actions and self.opened["form"], f"{login}: the crawl reached nothing")
        if self.failures:
            self.fail(
                f"{login}: {len(self.failures)} failures\n" + "\n".join(sorted(self.failures))
            )

    def attempt(self, what, call, record=True):
        """Run one read of the crawl; an error becomes a failure that names it."""
        self.opened[what[0]] += 1
        try:
            with self.env.cr.savepoint():
                return call()
        except Exception as error:  # a crash in a screen is as much a failure as a refusal
            if not record:
                raise
            self.failures.append(
                f"{self.env.user.login} | {' | '.join(map(str, what))} | {describe(error)}"
            )
        return None

    # ---------------------------------------------------------------- menus and their actions
    def crawl_menus(self, env):
        """Each window action of the app's menus, with each of its views; returns the actions."""
        menus = env["ir.ui.menu"].load_menus(debug=False)
        actions = []
        for menu in menus.values():
            if menu.get("app_id") != self.app_menu.id or not menu.get("action"):
                continue
            action_model, action_id = menu["action"].split(",")
            if action_model != "ir.actions.act_window":
                continue
            what = ("menu", menu["xmlid"] or menu["name"])
            action = self.attempt(
                what, lambda action_id=action_id: self.load_action(env, action_id)
            )
            if action:
                actions.append(action)
                self.crawl_action(env, action, what)
        return actions

    @staticmethod
    def load_action(env, action_id):
        """The action as /web/action/load gives it to the client."""
        action = env["ir.actions.act_window"].sudo().browse(int(action_id))
        return clean_action(action._get_action_dict(), env=env)

    def crawl_action(self, env, action, what):
        context = self.eval_context(env, action.get("context") or "{}", {})
        domain = self.eval_context(env, action.get("domain") or "[]", context)
        model = env[action["res_model"]].with_context(**context)
        views = [list(view) for view in action["views"]]
        if not any(kind == "search" for _id, kind in views):
            views.append([action.get("search_view_id") and action["search_view_id"][0], "search"])
        result = self.attempt(
            (*what, action["res_model"], "get_views"),
            lambda: model.get_views(
                views, {"toolbar": True, "load_filters": True, "action_id": action["id"]}
            ),
        )
        if not result:
            return
        search = etree.fromstring(result["views"]["search"]["arch"])
        defaults = self.attempt(
            (*what, action["res_model"], "search defaults"),
            lambda: self.search_defaults(env, search, context),
        )
        if defaults:
            domain = expression.AND([domain, *defaults[0]])
            if defaults[1] and not context.get("group_by"):
                context = dict(context, group_by=defaults[1])
        if context.get("group_by"):
            groupby = context["group_by"]
            groupby = [groupby] if isinstance(groupby, str) else groupby
            self.attempt(
                (*what, action["res_model"], f"grouped by {groupby}"),
                lambda: model.web_read_group(domain, ["__count"], groupby[:1]),
            )
        for kind, view in result["views"].items():
            arch = etree.fromstring(view["arch"])
            step = (*what, action["res_model"], kind)
            if kind in ("list", "kanban", "calendar"):
                spec = fields_spec(arch, model._name, result["models"])
                for attribute in ("date_start", "date_stop", "date_delay", "color"):
                    if arch.get(attribute):
                        spec.setdefault(arch.get(attribute), {})
                self.attempt(
                    step,
                    lambda spec=spec: model.web_search_read(
                        domain, spec, limit=LIST_LIMIT, count_limit=10001
                    ),
                )
                if arch.get("default_group_by"):
                    self.attempt(
                        step,
                        lambda arch=arch: model.web_read_group(
                            domain, ["__count"], [arch.get("default_group_by")]
                        ),
                    )
            elif kind in ("pivot", "graph"):
                self.attempt(step, lambda arch=arch: self.read_groups(model, domain, arch, result))
            elif kind == "form" and not action.get("res_id"):
                spec = fields_spec(arch, model._name, result["models"])
                self.attempt(step, lambda spec=spec: model.onchange({}, [], spec))

    def search_defaults(self, env, search, context):
        """The domains and groupbys of the filters the action's context turns on
        (search_default_NAME), as the search panel applies them when the action opens."""
        domains, groupbys = [], []
        for node in search.iter("filter"):
            if not context.get(f"search_default_{node.get('name')}"):
                continue
            if node.get("domain"):
                domains.append(self.eval_context(env, node.get("domain"), context))
            group_by = self.eval_context(env, node.get("context") or "{}", context).get("group_by")
            if group_by:
                groupbys.append(group_by)
        return domains, groupbys

    def read_groups(self, model, domain, arch, result):
        fields = result["models"][model._name]["fields"]
        measures, groupbys = ["__count"], []
        for node in arch.iter("field"):
            name = node.get("name")
            if node.get("type") == "measure" or (
                arch.tag == "graph"
                and fields.get(name, {}).get("type") in ("integer", "float", "monetary")
                and node.get("type") != "row"
            ):
                aggregator = fields.get(name, {}).get("aggregator") or "sum"
                measures.append(f"{name}:{aggregator}")
            elif node.get("type") != "measure":
                groupbys.append(name + (f":{node.get('interval')}" if node.get("interval") else ""))
        model.read_group(domain, measures, groupbys[:1], lazy=False)
        if len(groupbys) > 1:
            model.read_group(domain, measures, groupbys[:2], lazy=False)

    @staticmethod
    def eval_context(env, expression, context):
        """An action's domain or context, evaluated with what the web client gives it."""
        if not isinstance(expression, str):
            return expression
        values = {
            **env.context,
            **context,
            "uid": env.uid,
            "user": env.user,
            "context": dict(env.context, **context),
            "allowed_company_ids": env.companies.ids,
            "active_id": False,
            "active_ids": [],
            "active_model": False,
            "current_date": datetime.date.today().strftime("%Y-%m-%d"),
            "context_today": datetime.date.today,
            "datetime": datetime,
            "relativedelta": dateutil.relativedelta.relativedelta,
            "time": safe_time,
        }
        return safe_eval(expression, values)

    # ---------------------------------------------------------------- records in their forms
    def crawl_records(self, env, actions):
        forms = defaultdict(set)
        for model in [*self.own_models, *REACHED_MODELS]:
            forms[model].add(False)
        for action in actions:
            for view_id, kind in action["views"]:
                if kind == "form":
                    forms[action["res_model"]].add(view_id)
            if not env[action["res_model"]]._transient:
                forms[action["res_model"]].add(False)
        for model_name, view_ids in sorted(forms.items()):
            model = env[model_name].with_context(active_test=False)
            if model._transient or model._abstract or not model.has_access("read"):
                continue
            records = self.attempt(
                ("records", model_name, "search"),
                lambda model=model: model.search([], order="id", limit=RECORD_CAP),
            )
            if not records:
                continue
            for view_id in sorted(view_ids, key=lambda v: v or 0):
                self.open_forms(model, records, view_id)
            self.read_attachments(model, records)

    def open_forms(self, model, records, view_id):
        what = ("form", model._name, f"view {view_id or 'default'}")
        result = self.attempt(
            (*what, "get_views"), lambda: model.get_views([[view_id, "form"]], {"toolbar": True})
        )
        if not result:
            return
        arch = etree.fromstring(result["views"]["form"]["arch"])
        spec = fields_spec(arch, model._name, result["models"])
        self.each_record(what, records, lambda batch: batch.web_read(spec))

    def read_attachments(self, model, records):
        """The record's attachments, read as the chatter reads them."""
        attachments = self.env["ir.attachment"]
        self.each_record(
            ("attachments", model._name),
            records,
            lambda batch: attachments.search_read(
                [("res_model", "=", model._name), ("res_id", "in", batch.ids)],
                ["name", "mimetype", "file_size", "create_uid", "create_date"],
            ),
        )

    def each_record(self, what, records, read):
        """Read the records at once; when that fails, one by one to name those that fail."""
        try:
            self.attempt(what, lambda: read(records), record=False)
        except Exception:  # noqa: BLE001 - named record by record below
            for record in records:
                self.attempt((*what, record.id), lambda record=record: read(record))

    # ---------------------------------------------------------------- reports
    def crawl_reports(self, env):
        for report in self.reports:
            if report.groups_id and not (report.groups_id & env.user.groups_id):
                continue
            model = env[report.model]
            if model._transient or not model.has_access("read"):
                continue
            records = model.search([], order="id", limit=REPORT_CAP)
            if not records:
                continue
            self.attempt(
                ("report", report.report_name, report.model, records.ids),
                lambda report=report, records=records: env["ir.actions.report"]._render_qweb_html(
                    report.report_name, records.ids
                ),
            )

    # ---------------------------------------------------------------- one test per role
    def test_agent(self):
        self.crawl("agent")

    def test_agent2(self):
        self.crawl("agent2")

    def test_business1(self):
        self.crawl("business1")

    def test_business2(self):
        self.crawl("business2")

    def test_technician(self):
        self.crawl("technician")

    def test_business_clerk(self):
        self.crawl("business_clerk")

    def test_engineering_lead(self):
        self.crawl("engineering_lead")

    def test_accountant(self):
        self.crawl("accountant")

    def test_project_manager(self):
        self.crawl("project_manager")

    def test_operations_manager(self):
        self.crawl("operations_manager")

    def test_division_lead(self):
        self.crawl("division_lead")

    def test_centre_manager(self):
        self.crawl("centre_manager")

    def test_admin(self):
        self.crawl("admin")
