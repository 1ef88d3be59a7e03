from collections import defaultdict
from datetime import datetime, time, timedelta

import pytz
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.osv import expression
from odoo.tools import SQL

from odoo.addons.base.models.res_partner import _tz_get

from ...tools.groups import STAFF
from ...tools.local_time import local_date_sql, local_sql  # noqa: F401
from ...tools.related_counts import count_related, open_related
from ...tools.row_claims import ClaimedRows
from ...tools.unit_life import estate_joins
from ..mechanisms.property_system_fields_mixin import check_caller

# The complaint owners, from the lowest level to the highest.
COMPLAINT_CHAIN = (
    "project_manager_id",
    "operations_manager_id",
    "division_lead_id",
    "service_centre_manager_id",
)
ROLE_FIELDS = (*COMPLAINT_CHAIN, "engineering_lead_id", "business_supervisor_id")
# The zone of a company that names none (SPEC: the service centre is in China).
DEFAULT_TZ = "Asia/Shanghai"
# Zones that keep Beijing time (北京时间), named so for people.
BEIJING_ZONES = ("Asia/Shanghai", "Asia/Chongqing", "Asia/Chungking", "Asia/Harbin", "PRC")


class PropertyEstate(models.Model):
    """An estate (项目/小区) served by the customer service centre."""

    _name = "property.estate"
    _description = "Estate"
    _inherit = ["mail.thread"]
    _order = "name, id"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    code = fields.Char(required=True, tracking=True, help="Short code used in references.")
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    address = fields.Char()
    tz = fields.Selection(
        _tz_get,
        string="Time Zone",
        required=True,
        tracking=True,
        default=lambda self: self.env.company._property_tz(),
        help="The estate's one clock: its days, months, deadlines, due dates, registers and "
        "printed times are those of this zone, whoever reads them and wherever the server "
        "runs. Its calendars' hours are read in it too. Default: the company's zone.",
    )
    resource_calendar_id = fields.Many2one(
        "resource.calendar",
        string="Working Hours",
        check_company=True,
        compute="_compute_resource_calendar_id",
        store=True,
        readonly=False,
        help="Working time of the estate's team, used for promises counted in working hours.",
    )
    reception_calendar_id = fields.Many2one(
        "resource.calendar",
        string="Reception Hours",
        check_company=True,
        default=lambda self: self.env.ref(
            "property_service_desk.resource_calendar_reception", raise_if_not_found=False
        ),
        help="When the service centre receives customers (default 8:00-20:00 every day). "
        "Policies that count from the next opening wait for it; urgent requests never do. "
        "Empty: the shipped reception hours.",
    )
    team_id = fields.Many2one(
        "helpdesk.ticket.team",
        string="Helpdesk Team",
        check_company=True,
        help="Team that receives this estate's requests by default.",
    )
    project_manager_id = fields.Many2one(
        "res.users", tracking=True, help="Owns the estate's minor complaints (项目经理)."
    )
    operations_manager_id = fields.Many2one(
        "res.users",
        string="Operations General Manager",
        tracking=True,
        help="Owns general complaints (营运部总经理).",
    )
    division_lead_id = fields.Many2one(
        "res.users", tracking=True, help="Owns major complaints (分管领导)."
    )
    service_centre_manager_id = fields.Many2one(
        "res.users",
        string="Service Centre General Manager",
        tracking=True,
        help="Owns complaints received through external channels (物业服务中心总经理).",
    )
    engineering_lead_id = fields.Many2one(
        "res.users", tracking=True, help="Dispatches the estate's work orders (工程负责人)."
    )
    business_supervisor_id = fields.Many2one(
        "res.users",
        tracking=True,
        help="Supervises the business managers and spot-checks (抽访) callbacks and results "
        "(经营管理主管). Empty: the project manager does.",
    )
    business_manager_ids = fields.Many2many(
        "res.users",
        "property_estate_business_manager_rel",
        "estate_id",
        "user_id",
        string="Business Managers",
        help="Own the requests of an area of the estate (经营管理专员).",
    )
    member_ids = fields.Many2many(
        "res.users",
        "property_estate_res_users_rel",
        "estate_id",
        "user_id",
        string="Staff",
        help="Users who see this estate's requests. People named in a role above are added "
        "automatically.",
    )
    # Warranty and who pays (SPEC §4)
    common_warranty_end_date = fields.Date(
        string="Common Parts Warranty Until",
        tracking=True,
        help="Repairs of common areas and shared facilities are free until this date (a "
        "building may set its own); afterwards they are paid by the partner below. Empty: "
        "common-area repairs stay free.",
    )
    common_repair_partner_id = fields.Many2one(
        "res.partner",
        string="Common Repairs Billed To",
        tracking=True,
        help="Who pays common-area repairs after the warranty: the owners' committee, the "
        "special maintenance fund (专项维修资金) account or the developer.",
    )
    warranty_office_partner_id = fields.Many2one(
        "res.partner",
        string="Warranty Office",
        tracking=True,
        help="The developer's warranty office (保修办) that receives the work contact sheets of "
        "housing-quality complaints.",
    )
    building_ids = fields.One2many("property.building", "estate_id", string="Buildings")
    unit_ids = fields.One2many("property.unit", "estate_id", string="Units")
    building_count = fields.Integer(compute="_compute_counts")
    unit_count = fields.Integer(compute="_compute_counts")
    ticket_count = fields.Integer(string="Requests", compute="_compute_counts")

    _sql_constraints = [
        (
            "code_company_uniq",
            "unique(code, company_id)",
            "An estate with this code already exists in this company.",
        )
    ]

    @api.depends("company_id")
    def _compute_resource_calendar_id(self):
        for estate in self:
            if estate.resource_calendar_id.company_id != estate.company_id:
                estate.resource_calendar_id = estate.company_id.resource_calendar_id

    def _compute_counts(self):
        buildings = count_related(self, "property.building", "estate_id")
        units = count_related(self, "property.unit", "estate_id")
        tickets = count_related(self, "helpdesk.ticket", "estate_id")
        for estate in self:
            estate.building_count = buildings.get(estate.id, 0)
            estate.unit_count = units.get(estate.id, 0)
            estate.ticket_count = tickets.get(estate.id, 0)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not vals.get("tz") and vals.get("company_id"):
                vals["tz"] = self.env["res.company"].browse(vals["company_id"])._property_tz()
        estates = super().create(vals_list)
        estates._add_role_holders_to_staff()
        return estates

    def write(self, vals):
        roles_changed = {"business_manager_ids", *ROLE_FIELDS} & vals.keys()
        holders_before = (
            {estate: estate._role_holders() for estate in self} if roles_changed else {}
        )
        result = super().write(vals)
        if holders_before:
            self._remove_former_role_holders(holders_before, vals)
        if {"member_ids", "business_manager_ids", *ROLE_FIELDS} & vals.keys():
            self._add_role_holders_to_staff()
            # Estate visibility is part of the cached record rules.
            self.env.registry.clear_cache()
        return result

    def _role_holders(self):
        self.ensure_one()
        holders = self.business_manager_ids
        for role in ROLE_FIELDS:
            holders |= self[role]
        return holders

    def _remove_former_role_holders(self, holders_before, vals):
        """Staff removed from a role leave the estate, unless they hold another role there
        (or are named as staff in the same change)."""
        kept = self.env["res.users"]
        for command in vals.get("member_ids") or []:
            if command[0] == fields.Command.LINK:
                kept |= kept.browse(command[1])
            elif command[0] == fields.Command.SET:
                kept |= kept.browse(command[2])
        for estate, before in holders_before.items():
            leaving = before - estate._role_holders() - kept
            if leaving & estate.member_ids:
                estate.member_ids = [fields.Command.unlink(user.id) for user in leaving]

    def _add_role_holders_to_staff(self):
        for estate in self:
            missing = estate._role_holders() - estate.member_ids
            if missing:
                estate.member_ids = [fields.Command.link(user.id) for user in missing]

    def _complaint_owner_from(self, role):
        """Who holds `role`, or the first holder above it: an empty role passes complaints up
        the chain, up to the service-centre general manager."""
        self.ensure_one()
        return next(
            (self[r] for r in COMPLAINT_CHAIN[COMPLAINT_CHAIN.index(role) :] if self[r]),
            self.env["res.users"],
        )

    def _superior_of(self, user):
        """The next person up the estate's complaint chain (项目经理 → … → 服务中心总经理)."""
        self.ensure_one()
        chain = [self[role] for role in COMPLAINT_CHAIN if self[role]]
        above = chain[chain.index(user) + 1 :] if user in chain else chain
        return above[0] if above else self.env["res.users"]

    # One estate clock (SPEC §9): every day, month and deadline of the official record is cut
    # here, in the estate's time zone (its `tz` field; SQL reads the same column through
    # local_sql). Called on an empty recordset, the current company's zone. Datetimes in and
    # out are naive UTC.

    def _local_tz_name(self):
        if not self:
            return self.env.company._property_tz()
        self.ensure_one()
        return self.sudo().tz or DEFAULT_TZ  # the zone is no secret

    def _calendar_in_zone(self, calendar):
        """`calendar` read in the estate's zone (its hours are the estate's local hours,
        whatever zone the calendar was created with)."""
        return calendar.with_context(property_tz=self._local_tz_name())

    def _local_tz(self):
        return pytz.timezone(self._local_tz_name())

    def _to_utc(self, local_dt):
        """A naive local datetime of the estate, as naive UTC."""
        return self._local_tz().localize(local_dt).astimezone(pytz.utc).replace(tzinfo=None)

    def _to_local(self, utc_dt):
        """A naive UTC datetime, as a naive local datetime of the estate."""
        dt = fields.Datetime.to_datetime(utc_dt)
        return pytz.utc.localize(dt).astimezone(self._local_tz()).replace(tzinfo=None)

    def _local_zone_label(self):
        name = self._local_tz_name()
        return self.env._("Beijing time") if name in BEIJING_ZONES else name

    def _format_local(self, utc_dt):
        """A naive-UTC moment written for people: the estate's local time, saying its zone
        ("2026-12-08 02:14 (北京时间)"), whoever reads it."""
        if not utc_dt:
            return ""
        local = self._to_local(utc_dt).strftime("%Y-%m-%d %H:%M")
        return f"{local} ({self._local_zone_label()})"

    def _local_now(self, now=None):
        return self._to_local(now or fields.Datetime.now())

    def _local_date(self, utc_dt=None):
        """The estate's calendar day of a UTC moment (default: now)."""
        return self._local_now(utc_dt).date()

    def _local_day_bounds(self, day):
        """[start, end) of a local day, in naive UTC."""
        start = datetime.combine(fields.Date.to_date(day), time.min)
        return self._to_utc(start), self._to_utc(start + timedelta(days=1))

    def _local_end_of_day(self, utc_dt):
        """The last second of the local day of a UTC moment, in naive UTC."""
        return self._local_day_bounds(self._local_date(utc_dt))[1] - timedelta(seconds=1)

    def _local_month_bounds(self, year, month):
        """[start, end) of a local month, in naive UTC."""
        start = datetime(year, month, 1)
        return self._to_utc(start), self._to_utc(start + relativedelta(months=1))

    def _local_week_bounds(self, day):
        """[Monday, next Monday) of the local week holding `day`, in naive UTC."""
        monday = fields.Date.to_date(day) - timedelta(days=fields.Date.to_date(day).weekday())
        return self._local_day_bounds(monday)[0], self._local_day_bounds(
            monday + timedelta(days=7)
        )[0]

    def _local_period_domain(self, date_field, date_from, date_to):
        """Records of these estates whose naive-UTC `date_field` falls on the local days
        date_from to date_to (both included), each estate cut in its own time zone."""
        by_zone = defaultdict(lambda: self.browse())
        for estate in self:
            by_zone[estate._local_tz_name()] |= estate
        parts = []
        for estates in by_zone.values():
            start = estates[:1]._local_day_bounds(date_from)[0]
            end = estates[:1]._local_day_bounds(date_to)[1]
            parts.append(
                [
                    ("estate_id", "in", estates.ids),
                    (date_field, ">=", start),
                    (date_field, "<", end),
                ]
            )
        return expression.OR(parts) if parts else expression.FALSE_DOMAIN

    def _new_person_defaults(self):
        """What a person created for this estate (owner, tenant, household member) starts
        with: the estate's zone and Chinese, when Chinese is installed."""
        defaults = {"tz": self._local_tz_name()} if self else {}
        if self.env["res.lang"]._get_code("zh_CN"):
            defaults["lang"] = "zh_CN"
        return defaults

    def _reception_calendar(self):
        return self._calendar_in_zone(
            self.sudo().reception_calendar_id
            or self.env.ref("property_service_desk.resource_calendar_reception")
        )

    def _working_calendar(self, calendar=None):
        """The estate's working hours (or `calendar`), read in the estate's zone."""
        return self._calendar_in_zone(
            calendar or self.resource_calendar_id or self.company_id.resource_calendar_id
        )

    # The estates' planning jobs -----------------------------------------------------------

    @api.model
    def _plan_once_per_period(self, marker, period_sql, now, what, plan, batch_size):
        """Run `plan(estate)` once per estate and period: the estates whose `marker` is before
        the period starting at `period_sql` (the estate's days), claimed FOR UPDATE SKIP
        LOCKED so that no two workers plan one estate. The jobs that plan by the estate (its
        duties, courtesy callbacks, suggestion box) all go through here; each extension of the
        estate that runs one inherits `property.cron.retry.mixin`."""
        column = SQL.identifier(marker)
        queue = ClaimedRows(
            self,
            SQL("e.active AND (e.%s IS NULL OR e.%s < (%s)::date)", column, column, period_sql),
            what=what,
            now=now,
            alias="e",
            joins=estate_joins(SQL("e.id")),
            by_id=True,
        )
        return queue.run(plan, batch_size)

    def action_view_buildings(self):
        check_caller(self, STAFF, access="read")
        return open_related(self, "property.building", "estate_id", self.env._("Buildings"))

    def action_view_units(self):
        check_caller(self, STAFF, access="read")
        return open_related(self, "property.unit", "estate_id", self.env._("Units"))

    def action_view_tickets(self):
        check_caller(self, STAFF, access="read")
        return open_related(self, "helpdesk.ticket", "estate_id", self.env._("Requests"))
