import json
import shutil
import subprocess
import unittest
import uuid
from contextlib import contextmanager
from datetime import datetime
from unittest.mock import patch

import odoo
from odoo import SUPERUSER_ID, Command, api
from odoo.sql_db import Cursor
from odoo.tests import BaseCase, HttpCase, TransactionCase, new_test_user, tagged
from odoo.tools import SQL, config

# While a test's clock is frozen, freezegun turns off the C uuid generator, and Python's uuid1()
# (the name of every savepoint Odoo makes) then runs `ip link` for a MAC address: learn it now.
uuid.getnode()

QUIET = {
    "mail_create_nolog": True,
    "mail_notrack": True,
    "tracking_disable": True,
    "no_reset_password": True,
}

needs_pdftotext = unittest.skipUnless(
    shutil.which("pdftotext"), "poppler-utils (pdftotext) not installed"
)


def rpc_body(case, model, method, args, kwargs=None):
    """The JSON body `/web/dataset/call_kw` answers to the session `case` is logged in with."""
    case.env.flush_all()
    response = case.url_open(
        f"/web/dataset/call_kw/{model}/{method}",
        data=json.dumps(
            {
                "id": 0,
                "jsonrpc": "2.0",
                "method": "call",
                "params": {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
            }
        ),
        headers={"Content-Type": "application/json"},
    )
    case.assertEqual(response.status_code, 200, response.text[:500])
    return response.json()


def office_hours(env, **values):
    """A calendar of office hours, Monday to Friday, 9:00-12:00 and 13:00-18:00 in Shanghai."""
    return env["resource.calendar"].create(
        {
            "name": "Shanghai office hours",
            "tz": "Asia/Shanghai",
            "attendance_ids": [
                Command.create(
                    {
                        "name": f"{day} {part}",
                        "dayofweek": str(day),
                        "hour_from": start,
                        "hour_to": end,
                        "day_period": part,
                    }
                )
                for day in range(5)
                for part, start, end in (("morning", 9, 12), ("afternoon", 13, 18))
            ],
            **values,
        }
    )


def fresh_record(build):
    """An action case's fixture (test_action_callers): a record made by `build()` for each
    role, watched itself."""

    def fixture(_role):
        record = build()
        return record, record

    return fixture


class PhoneTourCase(HttpCase):
    """A tour on a phone-sized screen (375 px wide unless the class says otherwise)."""

    browser_size = "375x667"
    touch_enabled = True

    def tour_env(self):
        """The environment the tour's records are made in: no tracking, no mails."""
        return self.env(context=dict(self.env.context, **QUIET))


def tour_user(env, login, role, **values):
    """A user of `group_property_<role>` who signs in to a tour (the password is the login)
    and works in English, the tours' language."""
    return new_test_user(
        env,
        login=login,
        password=login,
        lang="en_US",
        groups=f"base.group_user,property_service_desk.group_property_{role}",
        **values,
    )


def tour_estate(env, code, members, name="Tour Estate", building="T1"):
    """A new estate whose staff are `members`, with one building: (estate, building)."""
    estate = env["property.estate"].create(
        {"name": name, "code": code, "member_ids": [(6, 0, members.ids)]}
    )
    return estate, env["property.building"].create({"name": building, "estate_id": estate.id})


def render_pdf(env, report_name, ids):
    """A report rendered by wkhtmltopdf (Odoo renders HTML in tests unless forced)."""
    # wkhtmltopdf loads the page's assets from this server. Under odoo-bin the server holds the
    # registry lock while tests run, so those requests would wait forever: serve them from the
    # test's cursor, as HttpCase does.
    registry = env.registry
    enter = not registry.in_test_mode()
    if enter:
        registry.enter_test_mode(env.cr)
    try:
        return (
            env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(report_name, ids)
        )
    finally:
        if enter:
            registry.leave_test_mode()


def report_html(env, report_name, ids, lang="zh_CN", data=None):
    """A report rendered to HTML in `lang` (the print wizard's `data`, if any)."""
    env["res.lang"]._activate_lang(lang)
    report = env["ir.actions.report"].with_context(lang=lang)
    return report._render_qweb_html(report_name, ids, data=data)[0].decode()


def pdf_text(env, report_name, ids, lang="zh_CN"):
    """A report rendered to PDF in `lang`, read back as text by pdftotext."""
    env["res.lang"]._activate_lang(lang)
    pdf, _kind = render_pdf(env(context=dict(env.context, lang=lang)), report_name, ids)
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()


@tagged("post_install", "-at_install")
class PropertyCase(TransactionCase):
    """Two estates (A and B) with a building and units each, and staff of each estate."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, **QUIET))
        cls.company = cls.env.company
        # A company in China: its estates run on Beijing time unless told otherwise.
        cls.company.country_id = cls.env.ref("base.cn")
        cls.company.partner_id.tz = False
        # helpdesk_mgmt's option would make whoever registers a request its handler at once.
        cls.company.helpdesk_mgmt_ticket_auto_assign = False
        cls.agent_a = cls._user("psd_agent_a", "group_property_agent")
        cls.agent_b = cls._user("psd_agent_b", "group_property_agent")
        cls.centre_manager = cls._user("psd_centre_gm", "group_property_centre_manager")
        cls.owner_a = cls.env["res.partner"].create({"name": "王芳", "email": "wf@example.com"})
        cls.tenant_a = cls.env["res.partner"].create({"name": "赵磊", "email": "zl@example.com"})
        cls.owner_b = cls.env["res.partner"].create({"name": "陈静", "email": "cj@example.com"})
        cls.estate_a = cls._estate("Test Estate A", "TEA", cls.agent_a)
        cls.estate_b = cls._estate("Test Estate B", "TEB", cls.agent_b)
        cls.building_a = cls.env["property.building"].create(
            {"name": "A1", "estate_id": cls.estate_a.id, "floor_count": 18}
        )
        cls.building_b = cls.env["property.building"].create(
            {"name": "B1", "estate_id": cls.estate_b.id, "floor_count": 6}
        )
        cls.unit_a = cls.env["property.unit"].create(
            {
                "name": "1201",
                "building_id": cls.building_a.id,
                "floor": 12,
                "floor_area": 89.5,
                "owner_id": cls.owner_a.id,
                "tenant_ids": [(4, cls.tenant_a.id)],
            }
        )
        cls.unit_a2 = cls.env["property.unit"].create(
            {"name": "1202", "building_id": cls.building_a.id, "floor": 12}
        )
        cls.unit_b = cls.env["property.unit"].create(
            {"name": "301", "building_id": cls.building_b.id, "owner_id": cls.owner_b.id}
        )
        cls.phone = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_phone")
        cls.media = cls.env.ref("property_service_desk.helpdesk_ticket_channel_external_media")

    @contextmanager
    def assertRefused(self, exception, message):
        """The error is raised with this message and the transaction is rolled back to before."""
        with self.assertRaises(exception) as caught:
            yield caught
        self.assertRegex(str(caught.exception), message)

    @contextmanager
    def capturedQueries(self, before=None):
        """The SQL of every query the block runs, in order; `before(cr, sql)` is called just
        before each one runs."""
        queries = []
        execute = Cursor.execute

        def spy(cr, query, params=None, log_exceptions=True):
            code = query.code if isinstance(query, SQL) else str(query)
            queries.append(code)
            if before:
                before(cr, code)
            return execute(cr, query, params, log_exceptions)

        with patch.object(Cursor, "execute", spy):
            yield queries

    @classmethod
    def _user(cls, login, group, **kwargs):
        groups = f"base.group_user,property_service_desk.{group}"
        return new_test_user(cls.env, login=login, groups=groups, **kwargs)

    @classmethod
    def _estate(cls, name, code, *staff):
        return cls.env["property.estate"].create(
            {"name": name, "code": code, "member_ids": [(6, 0, [u.id for u in staff])]}
        )

    @classmethod
    def _ticket(cls, **vals):
        vals.setdefault("name", "Water leaking from the ceiling")
        vals.setdefault("description", "<p>Leak above the bathroom.</p>")
        return cls.env["helpdesk.ticket"].create(vals)


class ServiceDeskCase(PropertyCase):
    """Estate A with every role filled, and helpers to look at promises and activities."""

    T0 = datetime(2026, 11, 23, 2, 0, 0)  # Monday 10:00 in Shanghai

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.business_manager = cls._user("psd_bm_a", "group_property_business_manager")
        cls.project_manager = cls._user("psd_pm_a", "group_property_project_manager")
        cls.operations_manager = cls._user("psd_ops_a", "group_property_operations_manager")
        cls.division_lead = cls._user("psd_div_a", "group_property_division_lead")
        cls.technician = cls._user("psd_tech_a", "group_property_technician")
        cls.estate_a.write(
            {
                "project_manager_id": cls.project_manager.id,
                "operations_manager_id": cls.operations_manager.id,
                "division_lead_id": cls.division_lead.id,
                "service_centre_manager_id": cls.centre_manager.id,
                "business_manager_ids": [(4, cls.business_manager.id)],
                "member_ids": [(4, cls.technician.id)],
            }
        )
        cls.building_a.business_manager_id = cls.business_manager
        cls.Promise = cls.env["property.promise"]
        cls.breach_type = cls.env.ref("property_service_desk.mail_activity_type_service_breach")
        cls.follow_up_type = cls.env.ref("property_service_desk.mail_activity_type_follow_up")

    def complaint(self, **vals):
        vals.setdefault("unit_id", self.unit_a.id)
        vals.setdefault("partner_id", self.owner_a.id)
        vals.setdefault("received_at", self.T0)
        vals.setdefault("name", "Security guard was rude")
        return self._ticket(request_kind="complaint", **vals)

    def promise(self, ticket, kind):
        """The latest promise of this kind on the ticket."""
        found = ticket.promise_ids.filtered(lambda m: m.kind == kind)
        return found.sorted("id")[-1:] if found else found

    def activities(self, ticket, activity_type):
        return ticket.activity_ids.filtered(lambda a: a.activity_type_id == activity_type)

    def run_cron(self, now):
        return self.Promise._cron_process_due(now=now)


@tagged("post_install", "-at_install")
class CommittedDataCase(BaseCase):
    """Tests of several real database connections, as several workers are: they commit their own
    data (a second connection cannot see an uncommitted transaction) and remove it afterwards.

    Their scheduled jobs run at `JOB_NOW`, a moment before any promise of the demo falls due:
    a job run at the real time would also break the demo's running promises and commit that,
    changing what the tests after them read of the demo (its month's figures)."""

    JOB_NOW = datetime(2021, 3, 1, 2, 0)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = odoo.modules.registry.Registry(config["db_name"])

    def cursor_env(self, cr, context=None):
        """A superuser environment on `cr`, a cursor of `self.registry`, usable in any thread.

        Not `api.Environment(cr, ...)` alone on a new cursor: it asks `Registry(dbname)` for the
        registry, and Odoo's own runner (`odoo-bin --test-enable`) holds the registries' lock in
        its main thread while the tests run (odoo/service/server.py), so a worker thread asking
        would wait forever (pytest-odoo holds no such lock)."""
        cr.transaction = cr.transaction or api.Transaction(self.registry)
        return api.Environment(cr, SUPERUSER_ID, context or {})

    def _remove_tickets(self, cr, ticket_ids):
        """Delete committed requests with their activities, messages and followers."""
        ids = tuple(ticket_ids)
        for table, model_column in (
            ("mail_activity", "res_model"),
            ("mail_message", "model"),
            ("mail_followers", "res_model"),
        ):
            cr.execute(
                f"DELETE FROM {table} WHERE {model_column} = 'helpdesk.ticket' AND res_id IN %s",
                [ids],
            )
        cr.execute("DELETE FROM helpdesk_ticket WHERE id IN %s", [ids])
