import math
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ...tools.groups import BUSINESS_SUPERVISOR, DESK

SATISFACTION = [
    ("1", "Very Dissatisfied"),
    ("2", "Dissatisfied"),
    ("3", "Neutral"),
    ("4", "Satisfied"),
    ("5", "Very Satisfied"),
]
UNSATISFIED = ("1", "2")
# Kinds whose callbacks supervisors spot-check (SPEC §5), beside the categories marked so
# (alarms, help requests).
SPOT_CHECKED_KINDS = ("complaint", "repair")
SCORE = [("1", "1"), ("2", "2"), ("3", "3"), ("4", "4"), ("5", "5")]


def systematic_sample_hit(position, rate_percent):
    """Is the `position`-th item (1-based) of a period selected at this rate?

    Selected when ceil(position × rate) grows: after n items, ceil(n × rate) are selected, never
    fewer than the rate, and anyone can recompute the selection from the order of the items.
    """
    rate = rate_percent / 100.0
    return math.ceil(position * rate - 1e-9) > math.ceil((position - 1) * rate - 1e-9)


class PropertyCallback(models.Model):
    """A callback (回访) to the customer after a request is done, and what the customer said."""

    _name = "property.callback"
    _description = "Callback"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "property.register.mixin",
        "property.system.fields.mixin",
    ]
    _order = "due_date, id"
    _register_date_field = "due_date"
    _system_fields = (
        "ticket_id",
        "rule_id",
        "sequence",
        "on_site_only",
        "state",
        "done_at",
        "done_by_id",
        "spot_check_state",
        "spot_checked_by_id",
    )
    # The desk may add a callback to a request by hand.
    _system_intake_fields = ("ticket_id",)

    # Not stored: "HT00013 / 首次" in the reader's language, not in that of whoever (often a
    # scheduled job) created the callback.
    name = fields.Char(compute="_compute_name", search="_search_name")
    ticket_id = fields.Many2one(
        "helpdesk.ticket", string="Request", required=True, index=True, ondelete="restrict"
    )
    partner_id = fields.Many2one(related="ticket_id.partner_id", string="Customer")
    estate_id = fields.Many2one(related="ticket_id.estate_id", store=True, index=True)
    company_id = fields.Many2one(related="ticket_id.company_id", store=True, index=True)
    request_kind = fields.Selection(related="ticket_id.request_kind", store=True)
    rule_id = fields.Many2one("property.callback.rule", ondelete="restrict", readonly=True)
    sequence = fields.Selection(
        [("first", "First"), ("second", "Second")], required=True, default="first", readonly=True
    )
    user_id = fields.Many2one("res.users", string="Calls Back", index=True, tracking=True)
    due_date = fields.Date(required=True, index=True, tracking=True)
    due_at = fields.Datetime(
        string="Due",
        compute="_compute_due_at",
        store=True,
        readonly=False,
        tracking=True,
        help='The deadline to the hour: e.g. 24 hours after completion for "within 1 day". '
        "A due date set by hand is due at the end of that day, in the estate's time zone.",
    )
    on_site_only = fields.Boolean(readonly=True)
    state = fields.Selection(
        [("to_do", "To Do"), ("done", "Done"), ("cancelled", "Cancelled")],
        required=True,
        default="to_do",
        index=True,
        tracking=True,
    )
    done_at = fields.Datetime(readonly=True, copy=False)
    done_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    is_on_time = fields.Boolean(compute="_compute_is_on_time", store=True)
    method = fields.Selection([("phone", "Phone"), ("on_site", "On-site Visit")])
    attitude_score = fields.Selection(SCORE, string="Service Attitude")
    quality_score = fields.Selection(SCORE, string="Quality")
    efficiency_score = fields.Selection(SCORE, string="Efficiency")
    fee_score = fields.Selection(SCORE, string="Fee Correctness")
    professionalism_score = fields.Selection(SCORE, string="Professionalism")
    satisfaction = fields.Selection(SATISFACTION, string="Overall Satisfaction", tracking=True)
    is_satisfied = fields.Boolean(compute="_compute_is_satisfied", store=True)
    measures_taken = fields.Text(help="For complaints: what the customer says of the measures.")
    shortcomings = fields.Text()
    suggestions = fields.Text()
    problem_found = fields.Text(
        help="A problem to fix: engineering receives it in writing, to act on within 1 hour."
    )
    customer_signature = fields.Binary(copy=False, attachment=True)
    phone_attestation = fields.Boolean(
        string="Phone Callback",
        copy=False,
        help='The agent signs on the customer\'s behalf: "phone callback" (电话回访).',
    )
    spot_check_state = fields.Selection(
        [("to_check", "To Check"), ("checked", "Checked")], readonly=True, copy=False, index=True
    )
    spot_check_note = fields.Text(string="Spot Check Result")
    spot_checked_by_id = fields.Many2one("res.users", readonly=True, copy=False)

    @api.depends("ticket_id.number", "sequence")
    @api.depends_context("lang")
    def _compute_name(self):
        labels = dict(self._fields["sequence"]._description_selection(self.env))
        # The request's number names the callback for whoever may read the callback (the
        # accountant among them, who may not read the request).
        for callback in self:
            callback.name = " / ".join(
                filter(None, (callback.sudo().ticket_id.number, labels.get(callback.sequence)))
            )

    def _search_name(self, operator, value):
        if operator in ("ilike", "=ilike", "=", "like") and isinstance(value, str):
            value = value.split("/")[0].strip()
        return [("ticket_id.number", operator, value)]

    @api.depends("due_date")
    def _compute_due_at(self):
        for callback in self:
            estate = callback.estate_id
            if callback.due_date and not (
                callback.due_at and estate._local_date(callback.due_at) == callback.due_date
            ):
                callback.due_at = estate._local_day_bounds(callback.due_date)[1] - timedelta(
                    seconds=1
                )

    @api.depends("done_at", "due_at")
    def _compute_is_on_time(self):
        for callback in self:
            callback.is_on_time = bool(
                callback.done_at and callback.due_at and callback.done_at <= callback.due_at
            )

    @api.depends("satisfaction")
    def _compute_is_satisfied(self):
        for callback in self:
            callback.is_satisfied = callback.satisfaction in ("4", "5")

    @api.constrains("state", "satisfaction", "method", "customer_signature", "phone_attestation")
    def _check_done_callback_is_complete(self):
        for callback in self.filtered(lambda c: c.state == "done"):
            callback._check_complete()

    def _check_complete(self):
        if not self.satisfaction:
            raise ValidationError(
                self.env._(
                    "Record the customer's overall satisfaction before closing %s.", self.name
                )
            )
        if not self.method:
            raise ValidationError(
                self.env._("Say whether callback %s was by phone or on site.", self.name)
            )
        if self.on_site_only and self.method != "on_site":
            raise ValidationError(
                self.env._("Callback %s must be an on-site visit (common-area repair).", self.name)
            )
        if self.method == "on_site" and not self.customer_signature:
            raise ValidationError(self.env._("An on-site callback needs the customer's signature."))
        if self.method == "phone" and not self.phone_attestation:
            raise ValidationError(
                self.env._('A phone callback needs the agent\'s attestation "phone callback".')
            )

    # The official record -------------------------------------------------------------------

    def write(self, vals):
        if vals.get("due_at") and "due_date" not in vals:
            # The day follows the deadline, in the estate's time zone.
            if len(self.estate_id) > 1:
                for callbacks in self.grouped("estate_id").values():
                    callbacks.write(vals)
                return True
            due_at = fields.Datetime.to_datetime(vals["due_at"])
            vals = dict(vals, due_date=self.estate_id._local_date(due_at))
        if "spot_check_note" in vals and not self._is_system_write():
            if self.filtered(lambda c: c.spot_check_state != "to_check"):
                raise AccessError(
                    self.env._("The spot check result is written while the callback is to check.")
                )
        return super().write(vals)

    def _system_frozen(self):
        """A callback done (or cancelled) is what the customer said: it is kept as it is,
        except the supervisor's spot check result while the spot check is open."""
        return self.filtered(lambda c: c.state in ("done", "cancelled"))

    def _check_system_fields_on_write(self, vals):
        if set(vals) == {"spot_check_note"}:
            return
        super()._check_system_fields_on_write(vals)

    def _kept_on_record(self):
        return self.filtered(lambda c: c.state == "done")

    # Actions ---------------------------------------------------------------------------------

    def action_done(self):
        self._check_caller(DESK)
        if self.filtered(lambda c: c.state != "to_do"):
            raise UserError(self.env._("Only callbacks to do can be closed."))
        now = fields.Datetime.now()
        self._write_system({"state": "done", "done_at": now, "done_by_id": self.env.uid})
        self.activity_feedback(["property_service_desk.mail_activity_type_callback"])
        for callback in self:
            callback._after_done(now)
        return True

    def _after_done(self, now):
        ticket = self.ticket_id
        if self.satisfaction in UNSATISFIED:
            ticket._on_unsatisfied_callback(self)
        if (self.problem_found or "").strip():
            self._notify_engineering(now)
        self._select_for_spot_check()

    def _notify_engineering(self, now):
        lead = self.estate_id.engineering_lead_id
        due = now + timedelta(hours=1)
        self.ticket_id.message_post(
            body=self.env._(
                "Problem found in callback %(callback)s, to handle by %(due)s: %(problem)s",
                callback=self.name,
                due=self.estate_id._format_local(due),
                problem=self.problem_found,
            ),
            partner_ids=lead.partner_id.ids,
            subtype_xmlid="mail.mt_note",
        )
        if lead:
            self.ticket_id.activity_schedule(
                "property_service_desk.mail_activity_type_engineering_notice",
                date_deadline=self.estate_id._local_date(due),
                user_id=lead.id,
                summary=self.env._("Problem found in a callback: act within 1 hour"),
                note=self.problem_found,
            )

    def _select_for_spot_check(self):
        """Supervisors spot-check (抽访) a share of the callbacks of each estate and month."""
        rate = self.company_id.property_callback_spot_check_rate
        if not rate or not self.estate_id or not self._spot_checked_kind():
            return
        position = self.env["property.sample.counter"]._next_position(
            self.estate_id, self.done_at, "spot_check"
        )
        if systematic_sample_hit(position, rate):
            estate = self.estate_id
            supervisor = estate.business_supervisor_id or estate.project_manager_id
            self._write_system({"spot_check_state": "to_check"})
            if supervisor:
                # The type's delay counts from the estate's day (mail reads the context's zone).
                self.with_context(tz=self.estate_id._local_tz_name()).activity_schedule(
                    "property_service_desk.mail_activity_type_spot_check",
                    user_id=supervisor.id,
                    summary=self.env._("Spot-check this callback"),
                )

    def _spot_checked_kind(self):
        ticket = self.ticket_id
        return ticket.request_kind in SPOT_CHECKED_KINDS or ticket.category_id.property_spot_check

    def action_spot_check_done(self):
        self._check_caller(
            BUSINESS_SUPERVISOR,
            message=self.env._("Only a business supervisor or above spot-checks callbacks."),
        )
        for callback in self.filtered(lambda c: c.spot_check_state == "to_check"):
            if not (callback.spot_check_note or "").strip():
                raise UserError(self.env._("Write the result of the spot check."))
            callback._write_system(
                {"spot_check_state": "checked", "spot_checked_by_id": self.env.uid}
            )
        self.activity_feedback(["property_service_desk.mail_activity_type_spot_check"])
        return True
