from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from ...tools.groups import DESK
from ...tools.row_claims import ClaimedRows, lock_rows
from ...tools.unit_life import (
    estate_joins,
    local_date_sql,
    notify_partner,
)

# The checklist of a vacant-unit inspection (空置房巡查): field -> label.
CHECKLIST = {
    "doors_windows_result": "Doors and Windows",
    "water_result": "Water",
    "power_result": "Power",
    "gas_result": "Gas Off",
    "leaks_result": "Leaks",
    "damage_result": "Damage",
}
RESULTS = [("ok", "OK"), ("problem", "Problem")]
STATES = [("planned", "Planned"), ("done", "Done")]


class PropertyVacantInspection(models.Model):
    """The monthly inspection of a vacant unit (空置房巡查), by the building's business manager."""

    _name = "property.vacant.inspection"
    _description = "Vacant Unit Inspection"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "property.register.mixin",
        "property.attachment.owner.mixin",
        "property.system.fields.mixin",
    ]
    _order = "period desc, due_date, id desc"
    _register_date_field = "period"
    _check_company_auto = True
    _system_fields = (
        "state",
        "inspected_at",
        "inspected_by_id",
        "ticket_id",
        "owner_notified",
    )

    name = fields.Char(compute="_compute_name", store=True)
    unit_id = fields.Many2one(
        "property.unit",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        domain="[('is_vacant', '=', True)]",
    )
    building_id = fields.Many2one(related="unit_id.building_id", store=True)
    estate_id = fields.Many2one(related="unit_id.estate_id", store=True, index=True)
    company_id = fields.Many2one(related="unit_id.company_id", store=True, index=True)
    owner_id = fields.Many2one(related="unit_id.owner_id", string="Owner")
    period = fields.Date(
        string="Month",
        required=True,
        index=True,
        default=lambda self: self.env["property.estate"]._local_date().replace(day=1),
        help="The month this inspection is for (its first day).",
    )
    due_date = fields.Date(required=True, help="The last day of the month.")
    inspector_id = fields.Many2one(
        "res.users",
        tracking=True,
        domain="[('share', '=', False)]",
        help="By default the business manager of the unit's building.",
    )
    state = fields.Selection(STATES, required=True, default="planned", tracking=True, copy=False)
    doors_windows_result = fields.Selection(RESULTS, string="Doors and Windows")
    water_result = fields.Selection(RESULTS, string="Water")
    power_result = fields.Selection(RESULTS, string="Power")
    gas_result = fields.Selection(RESULTS, string="Gas Off")
    leaks_result = fields.Selection(RESULTS, string="Leaks")
    damage_result = fields.Selection(RESULTS, string="Damage")
    finding = fields.Text(help="What was found; required when an item is a problem.")
    photo_ids = fields.Many2many(
        "ir.attachment",
        "property_vacant_inspection_photo_rel",
        "inspection_id",
        "attachment_id",
    )
    has_problem = fields.Boolean(compute="_compute_has_problem", store=True)
    is_overdue = fields.Boolean(
        string="Overdue", compute="_compute_is_overdue", search="_search_is_overdue"
    )
    inspected_at = fields.Datetime(readonly=True, copy=False)
    inspected_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    ticket_id = fields.Many2one(
        "helpdesk.ticket", string="Request", readonly=True, copy=False, index="btree_not_null"
    )
    owner_notified = fields.Boolean(readonly=True, copy=False)

    _sql_constraints = [
        (
            "unit_period_uniq",
            "unique(unit_id, period)",
            "This unit already has an inspection for this month.",
        )
    ]

    @api.depends("unit_id", "period")
    def _compute_name(self):
        for inspection in self:
            month = inspection.period.strftime("%Y-%m") if inspection.period else ""
            inspection.name = f"{inspection.unit_id.display_name or ''} {month}".strip()

    @api.depends(*CHECKLIST)
    def _compute_has_problem(self):
        for inspection in self:
            inspection.has_problem = any(inspection[name] == "problem" for name in CHECKLIST)

    def _compute_is_overdue(self):
        for inspection in self:
            today = inspection.estate_id._local_date()
            inspection.is_overdue = inspection.state == "planned" and inspection.due_date < today

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on Overdue."))
        overdue = [
            ("state", "=", "planned"),
            ("due_date", "<", self.env["property.estate"]._local_date()),
        ]
        return overdue if (operator == "=") == value else ["!", *overdue]

    # Rules ----------------------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("period"):
                period = fields.Date.to_date(vals["period"]).replace(day=1)
                vals["period"] = period
                vals.setdefault("due_date", period + relativedelta(months=1, days=-1))
            if not vals.get("inspector_id") and vals.get("unit_id"):
                unit = self.env["property.unit"].browse(vals["unit_id"])
                vals["inspector_id"] = unit._vacant_inspector().id
        return super().create(vals_list)

    @api.constrains("period", "due_date")
    def _check_due_date(self):
        for inspection in self:
            if inspection.due_date < inspection.period:
                raise ValidationError(
                    self.env._("An inspection cannot be due before its month starts.")
                )

    def _system_frozen(self):
        return self.filtered(lambda i: i.state == "done")

    def _kept_on_record(self):
        return self.filtered(lambda i: i.state == "done")

    # Recording the inspection -----------------------------------------------------------------

    def action_done(self):
        """The inspector records the checklist on site; a problem opens a request on the unit
        and tells the owner."""
        self._check_caller(DESK)
        lock_rows(self)
        for inspection in self:
            inspection._check_can_finish()
        for inspection in self:
            inspection._finish()
        return True

    def _check_can_finish(self):
        if self.state != "planned":
            raise UserError(self.env._("Inspection %s is already recorded.", self.name))
        if missing := [label for name, label in CHECKLIST.items() if not self[name]]:
            raise UserError(
                self.env._(
                    "Inspection %(name)s: check every item before recording it (missing: "
                    "%(items)s).",
                    name=self.name,
                    items=", ".join(self.env._(label) for label in missing),
                )
            )
        if self.has_problem and not (self.finding or "").strip():
            raise UserError(
                self.env._("Inspection %s: describe the problem found in Finding.", self.name)
            )
        if self.has_problem and not self.photo_ids:
            raise UserError(
                self.env._("Inspection %s: take at least one photo of the problem.", self.name)
            )

    def _finish(self):
        vals = {
            "state": "done",
            "inspected_at": fields.Datetime.now(),
            "inspected_by_id": self.env.user.id,
        }
        if self.has_problem:
            ticket = self._open_request()
            vals["ticket_id"] = ticket.id
            vals["owner_notified"] = self._tell_owner(ticket)
        self._write_system(vals)
        self.activity_ids.action_feedback(feedback=self.env._("Inspection recorded."))

    def _problem_labels(self):
        return [self.env._(label) for name, label in CHECKLIST.items() if self[name] == "problem"]

    def _open_request(self):
        unit = self.unit_id
        return self.env["helpdesk.ticket"].create(
            {
                "name": self.env._(
                    "Vacant unit %(unit)s: %(items)s",
                    unit=unit.display_name,
                    items=", ".join(self._problem_labels()),
                ),
                "description": self.finding,
                "unit_id": unit.id,
                "partner_id": unit.owner_id.id,
                "company_id": unit.company_id.id,
                "request_kind": "repair",
                "channel_id": self.env.ref(
                    "property_service_desk.helpdesk_ticket_channel_staff_on_site"
                ).id,
            }
        )

    def _tell_owner(self, ticket):
        body = self.env._(
            "Dear owner, at the monthly inspection of your vacant unit %(unit)s on %(date)s we "
            "found: %(items)s. %(finding)s We opened request %(request)s and will contact you.",
            unit=self.unit_id.display_name,
            date=fields.Date.to_string(self.estate_id._local_date()),
            items=", ".join(self._problem_labels()),
            finding=self.finding,
            request=ticket.number,
        )
        return bool(notify_partner(self, self.unit_id.owner_id, body))

    def action_print(self):
        self._check_caller(DESK, access="read")
        return self.env.ref(
            "property_service_desk.property_vacant_inspection_report_record"
        ).report_action(self)

    # Monthly scheduling -------------------------------------------------------------------------

    @api.model
    def _cron_schedule(self, now=None, batch_size=100, unit_ids=None):
        """One inspection per vacant unit and month (the estate's local month), never two:
        units are claimed with FOR UPDATE SKIP LOCKED and marked with the month planned.
        `unit_ids`: only these units (a run by hand for some units)."""
        now = now or fields.Datetime.now()
        queue = self._schedule_queue(now, unit_ids)
        return queue.run(lambda unit: unit._plan_vacant_inspection(now), batch_size)

    @api.model
    def _schedule_queue(self, now, unit_ids=None):
        Unit = self.env["property.unit"]
        only = SQL(" AND u.id = ANY(%s)", list(unit_ids)) if unit_ids is not None else SQL()
        return ClaimedRows(
            Unit,
            SQL(
                "u.is_vacant AND u.active AND (u.vacant_inspection_month IS NULL"
                " OR u.vacant_inspection_month < date_trunc('month', %s)::date)%s",
                local_date_sql(now),
                only,
            ),
            what="Vacant unit inspections",
            now=now,
            alias="u",
            joins=estate_joins(SQL("u.estate_id")),
            by_id=True,
        )
