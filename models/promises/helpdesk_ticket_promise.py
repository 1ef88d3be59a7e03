from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from ...tools.groups import DESK, MANAGERS, TECHNICIAN
from .property_promise_policy import (
    OUTSIDE_DESK,
    POLICY_FILTERS,
    REACHED_AT_REGISTRATION,
    RECURRING_PROMISES,
    STARTS_AT_RELAY,
    STARTS_ON_ESCALATION,
)

# Changing one of these may change which promise policies apply: the policies' own
# filters, and the fields the channel, estate and area filters are read from.
POLICY_INPUTS = set(POLICY_FILTERS) | {"channel_id", "estate_id", "unit_id", "company_id"}
# The clocks of a request: set by the server when the event happens, never by the caller.
# received_at is given at intake (the real time of the call); afterwards it changes, like the
# event times below, only through a time correction with a reason (action_correct_time).
EVENT_TIME_FIELDS = ("response_started_at", "on_site_at", "agreed_at")
# helpdesk_mgmt sets these in its own create/write: the caller's values are checked before.
HELPDESK_CLOCK_FIELDS = ("assigned_date", "closed_date")
# Times a manager may correct, and the promise each one reaches (received_at starts them).
CORRECTABLE_TIMES = {
    "received_at": False,
    "response_started_at": "response",
    "on_site_at": "on_site",
}


class PropertyRequestPromise(models.AbstractModel):
    """Promises of a request: its promises and the events that reach them."""

    _name = "property.request.promise"
    _description = "Request Concern: Promises"

    received_at = fields.Datetime(
        string="Received",
        default=fields.Datetime.now,
        required=True,
        help="When the call, visit or message came in: the promises' clocks start here. "
        "After intake, only a manager can correct it, with a reason.",
    )
    outside_desk = fields.Selection(
        OUTSIDE_DESK,
        string="Made Outside the Desk",
        tracking=True,
        help="A complaint a staff member received informally must reach the desk within 1 hour; "
        "one made face to face and not settled on the spot, the owner's superior within 2 "
        "hours (counted from Received). Registering it reaches the desk and tells the superior.",
    )
    response_started_at = fields.Datetime(string="Response Started", readonly=True, copy=False)
    on_site_at = fields.Datetime(string="On Site", readonly=True, copy=False)
    agreed_at = fields.Datetime(
        string="Agreed Time",
        readonly=True,
        copy=False,
        tracking=True,
        help="Time agreed with the customer: the request must be handled by then.",
    )
    promise_ids = fields.One2many("property.promise", "ticket_id", string="Promises")
    reappointment_ids = fields.One2many(
        "property.ticket.reappointment", "ticket_id", string="Appointments"
    )
    time_correction_ids = fields.One2many(
        "property.ticket.time.correction", "ticket_id", string="Time Corrections"
    )
    # Precomputed: a new request is inserted with no promise broken and no deadline yet; the
    # deadline of its first promises is written with them (see _first_deadlines_sql).
    next_deadline = fields.Datetime(
        compute="_compute_promise_state",
        store=True,
        precompute=True,
        index="btree_not_null",
        help="The nearest deadline of a promise not yet kept.",
    )
    has_breach = fields.Boolean(
        string="Promise Broken",
        compute="_compute_promise_state",
        store=True,
        precompute=True,
    )

    @api.depends("promise_ids.state", "promise_ids.deadline", "promise_ids.kind")
    def _compute_promise_state(self):
        for ticket in self:
            deadlines, breached = [], False
            for promise in ticket.promise_ids:
                if promise.state == "running" and promise.kind not in RECURRING_PROMISES:
                    deadlines.append(promise.deadline)
                breached = breached or promise.state == "breached"
            ticket.next_deadline = min(deadlines, default=False)
            ticket.has_breach = breached

    @api.constrains("received_at")
    def _check_received_at_not_in_future(self):
        now = fields.Datetime.now()
        for ticket in self:
            if ticket.received_at and ticket.received_at > now:
                raise ValidationError(
                    self.env._(
                        "The time received cannot be in the future: write when the call, visit or "
                        "message came in."
                    )
                )

    # The clocks are fields the system keeps (checked with the other system fields of the
    # request): received_at may be given at intake, the event times never.
    def _check_clocks_on_create(self, vals):
        self._refuse_clock_fields([name for name in EVENT_TIME_FIELDS if vals.get(name)])

    def _check_clocks_on_write(self, vals):
        own = ("received_at", *EVENT_TIME_FIELDS)
        self._refuse_clock_fields([name for name in own if name in vals])

    def _check_clock_fields(self, vals_list, intake=False):
        """The mixin's check sees the values helpdesk_mgmt adds: check the caller's before."""
        if not self._is_system_write():
            for vals in vals_list:
                self._refuse_clock_fields(
                    [
                        name
                        for name in HELPDESK_CLOCK_FIELDS
                        if (vals.get(name) if intake else name in vals)
                    ]
                )

    def _refuse_clock_fields(self, names):
        if names:
            raise AccessError(
                self.env._(
                    "The times of a request's events are kept by the system: they are set when "
                    "the events are recorded, and a manager corrects one with Correct Time and a "
                    "reason."
                )
            )

    # Starting and syncing promises ------------------------------------------------------

    def _promises_after_create(self):
        self._sync_promises(new=True)
        self.filtered("user_id")._reach_relay()

    def _promises_after_write(self, vals):
        if POLICY_INPUTS & vals.keys() and not self.env.context.get("property_defer_promises"):
            self._sync_promises()
            if vals.get("outside_desk"):  # the desk has had it since it was registered
                self._reach_at_registration()
        if vals.get("user_id"):
            self._on_relayed()
        if "stage_id" in vals:
            self._on_stage_changed()

    def _sync_promises(self, restart=(), now=None, new=False):
        """Make the running promises follow the policies that apply now.

        A promise whose policy no longer applies is cancelled; one whose best policy changed
        is replaced, keeping its start; `restart` kinds start again at `now` (escalation).
        """
        now = now or fields.Datetime.now()
        Policy = self.env["property.promise.policy"]
        vals_list = []
        for ticket in self.filtered(lambda t: not t.closed and not t.is_declined):
            best = Policy._best_for(ticket)
            # A request just created has no promise yet: nothing to compare with.
            vals_list += (
                ticket._first_promises(best, now)
                if new
                else ticket._promise_changes(best, restart, now)
            )
        promises = self.env["property.promise"]
        if new:
            promises._insert_started(
                vals_list, notify=False, along_with=self._first_deadlines_sql(vals_list)
            )
        else:
            promises._insert_started(vals_list)

    def _promise_changes(self, best, restart, now):
        self.ensure_one()
        vals_list = []
        promises = self.promise_ids
        for promise in promises.filtered(lambda m: m.state == "running"):
            policy = best.get(promise.kind)
            if promise.kind in restart or policy != promise.policy_id:
                promise._cancel()
                if policy and promise.kind not in restart:
                    vals_list.append(self._promise_vals(policy, promise.start_at))
        started = {m.kind for m in promises if m.kind not in restart}
        started |= {vals["kind"] for vals in vals_list}
        for kind, policy in best.items():
            start = self._promise_start(kind, restart, now)
            if kind not in started and start:
                vals_list.append(self._promise_vals(policy, start))
        return vals_list

    def _first_deadlines_sql(self, vals_list):
        """The nearest deadline of new requests, among the first promises in `vals_list` (what
        _compute_promise_state would find without reading back the rows just inserted):
        set in the cache, and returned as the UPDATE that stores it."""
        deadlines = {}
        for vals in vals_list:
            if vals["kind"] not in RECURRING_PROMISES:
                ticket_id = vals["ticket_id"]
                deadlines[ticket_id] = min(
                    deadlines.get(ticket_id, vals["deadline"]), vals["deadline"]
                )
        if not deadlines:
            return None
        tickets = self.browse(deadlines)
        self.env.cache.update(tickets, self._fields["next_deadline"], deadlines.values())
        return SQL(
            "UPDATE helpdesk_ticket t SET next_deadline = v.deadline"
            " FROM (VALUES %s) AS v(id, deadline) WHERE t.id = v.id",
            SQL(", ").join(
                SQL("(%s, %s::timestamp)", ticket_id, deadline)
                for ticket_id, deadline in deadlines.items()
            ),
        )

    def _first_promises(self, best, now):
        vals_list = []
        for kind, policy in best.items():
            if start := self._promise_start(kind, (), now):
                vals_list.append(self._promise_vals(policy, start))
        return vals_list

    def _promise_start(self, kind, restart, now):
        if kind in restart:
            return now
        if kind in STARTS_ON_ESCALATION:
            return False
        if kind in STARTS_AT_RELAY:
            return self.assigned_date if self.user_id else False
        return self.received_at

    def _promise_vals(self, policy, start):
        deadline = policy._deadline_from(start, self)
        if policy.kind == "handled" and self.agreed_at:
            deadline = self.agreed_at
        return {
            "ticket_id": self.id,
            "policy_id": policy.id,
            "kind": policy.kind,
            "target_minutes": policy.target_minutes,
            "start_at": start,
            "deadline": deadline,
        }

    def _running_promises(self, *kinds):
        return self.promise_ids.filtered(
            lambda m: m.state == "running" and (not kinds or m.kind in kinds)
        )

    # Events that reach promises ---------------------------------------------------------

    def _reach_at_registration(self, when=None):
        """A complaint made outside the desk is at the desk once registered (default: when it
        was); one made face to face is reported to its owner's superior at the same time."""
        for ticket in self:
            running = ticket._running_promises(*REACHED_AT_REGISTRATION)
            if running.filtered(lambda m: m.kind == "superior_report"):
                ticket._report_to_owners_superior()
            running._reach(when or ticket.create_date)

    def _report_to_owners_superior(self, settled=False):
        owner = self.complaint_owner_id or self._service_responsible()
        superior = self.estate_id._superior_of(owner)
        if not superior:
            return
        if settled:
            summary = self.env._(
                "Complaint %(number)s made face to face was settled on the spot (owner: "
                "%(who)s): %(solution)s",
                number=self.number,
                who=owner.name or self.env._("nobody"),
                solution=self.solution,
            )
        else:
            summary = self.env._(
                "Complaint %(number)s made face to face was not settled on the spot (owner: "
                "%(who)s).",
                number=self.number,
                who=owner.name or self.env._("nobody"),
            )
        self.message_post(
            body=summary, partner_ids=superior.partner_id.ids, subtype_xmlid="mail.mt_note"
        )
        self.activity_schedule(
            "property_service_desk.mail_activity_type_follow_up",
            date_deadline=self.estate_id._local_date(),
            user_id=superior.id,
            summary=summary,
        )

    def _on_relayed(self):
        """Assignment to a handler is the relay (信息转告); the handler's response clock starts."""
        self._reach_relay()
        self._sync_promises()

    def _reach_relay(self):
        for ticket in self:
            ticket.promise_ids.filtered(lambda m: m.kind == "relay")._reach(
                ticket.assigned_date or fields.Datetime.now()
            )

    def _on_stage_changed(self):
        now = fields.Datetime.now()
        for ticket in self:
            if ticket.is_declined:
                ticket._running_promises()._end(now)
            elif ticket.closed:
                ticket.promise_ids.filtered(lambda m: m.kind == "handled")._reach(
                    ticket.closed_date or now
                )
                ticket._running_promises()._end(ticket.closed_date or now)
            elif not ticket.stage_id.unattended:
                ticket._reach_response(now)

    def _reach_response(self, now):
        self.filtered(lambda t: not t.response_started_at)._write_system(
            {"response_started_at": now}
        )
        self.promise_ids.filtered(lambda m: m.kind == "response")._reach(now)

    def _reach_on_site(self, now):
        self.filtered(lambda t: not t.on_site_at)._write_system({"on_site_at": now})
        self.promise_ids.filtered(lambda m: m.kind == "on_site")._reach(now)

    def action_start_response(self):
        """The handler starts the response (响应处理), now: the server's clock decides."""
        self._check_caller(
            DESK, message=self.env._("Only the service desk can start the response to a request.")
        )
        self._reach_response(fields.Datetime.now())
        return True

    def action_check_in(self):
        """The responsible team is on site (现场查看), now: the server's clock decides."""
        # A technician may not edit the request, only record the event of one they can see.
        self._check_caller(
            DESK,
            TECHNICIAN,
            access="read",
            message=self.env._(
                "Only the service desk or a technician can record the arrival on site."
            ),
        )
        self.sudo()._reach_on_site(fields.Datetime.now())
        return True

    # Correcting an event's time -----------------------------------------------------------

    def action_open_time_correction_wizard(self):
        self.ensure_one()
        self._check_time_corrector()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Correct a Time"),
            "res_model": "property.ticket.time.correction.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_ticket_id": self.id},
        }

    def _check_time_corrector(self):
        self._check_caller(
            MANAGERS,
            message=self.env._(
                "Only a business manager or a higher manager can correct the time of an event."
            ),
        )

    def action_correct_time(self, field_name, new_time, reason):
        """Correct when something happened (received, response started, on site), with a
        reason kept in the request's history and chatter; the promises are judged again."""
        self.ensure_one()
        self._check_time_corrector()
        new_time = fields.Datetime.to_datetime(new_time)
        reason = (reason or "").strip()
        self._check_time_correction(field_name, new_time, reason)
        old_time = self[field_name]
        self.env["property.ticket.time.correction"].sudo().create(
            {
                "ticket_id": self.id,
                "field_name": field_name,
                "old_time": old_time,
                "new_time": new_time,
                "reason": reason,
            }
        )
        self._write_system({field_name: new_time})
        self._apply_time_correction(field_name, old_time, new_time)
        self._post_time_correction(field_name, old_time, new_time, reason)
        return True

    def _check_time_correction(self, field_name, new_time, reason):
        if field_name not in CORRECTABLE_TIMES:
            raise UserError(self.env._("This time cannot be corrected."))
        if not reason:
            raise UserError(
                self.env._("Write why the time is corrected: it is kept in the request's history.")
            )
        if not new_time or new_time > fields.Datetime.now():
            raise UserError(self.env._("A corrected time must be given and not be in the future."))
        if field_name != "received_at" and new_time < self.received_at:
            raise UserError(self.env._("An event cannot happen before the request was received."))

    def _apply_time_correction(self, field_name, old_time, new_time):
        now = fields.Datetime.now()
        promises = self.promise_ids
        if field_name == "received_at":
            started_at_intake = promises.filtered(
                lambda m: m.start_at == old_time and m.kind not in STARTS_AT_RELAY
            )
            started_at_intake._move_start(new_time)
            started_at_intake._rejudge(now)
            return
        kind = CORRECTABLE_TIMES[field_name]
        reached = promises.filtered(lambda m: m.kind == kind)
        if old_time:
            reached = reached.filtered(lambda m: m.reached_at == old_time)
            reached.sudo().write({"reached_at": new_time})
            reached._rejudge(now)
        else:
            reached._reach(new_time)

    def _post_time_correction(self, field_name, old_time, new_time, reason):
        label = self._fields[field_name]._description_string(self.env)
        self.message_post(
            body=self.env._(
                "%(time)s corrected from %(old)s to %(new)s: %(reason)s",
                time=label,
                old=self.estate_id._format_local(old_time) or self.env._("none"),
                new=self.estate_id._format_local(new_time),
                reason=reason,
            ),
            subtype_xmlid="mail.mt_note",
        )

    def _reschedule(self, agreed_at, reason):
        """A time agreed with the customer (二次预约 when one was agreed before)."""
        self.ensure_one()
        if not (reason or "").strip():
            raise UserError(
                self.env._("Write why the time changes: it is kept in the request's history.")
            )
        if agreed_at <= fields.Datetime.now():
            raise UserError(self.env._("The agreed time must be in the future."))
        if self.closed:
            raise UserError(self.env._("Request %s is closed.", self.number))
        handled = self._running_promises("handled")
        self.env["property.ticket.reappointment"].create(
            {
                "ticket_id": self.id,
                "previous_deadline": handled[:1].deadline or self.agreed_at,
                "agreed_at": agreed_at,
                "reason": reason.strip(),
            }
        )
        self._write_system({"agreed_at": agreed_at})
        handled._move_deadline(agreed_at)

    # What happens when a promise is due -------------------------------------------------

    def _on_promise_broken(self, promise):
        self.ensure_one()
        activities, notes = self._breach_actions_of(promise)
        self.env["property.promise"]._schedule_activities(activities)
        for ticket, superior, body in notes:
            ticket.message_post(
                body=body, partner_ids=superior.partner_id.ids, subtype_xmlid="mail.mt_note"
            )

    def _policy_breach_actions(self, promise):
        """Run the breach actions of the policy, but for the activities and the note to the
        superior: returned as (request, activity type, user, summary) and (request, superior,
        body), for the caller to create in one batch. (A complaint's missed solution deadline
        runs the overdue chain instead, see the complaints.)"""
        self.ensure_one()
        policy = promise.policy_id
        responsible = self._service_responsible()
        label = self._promise_label(promise)
        activities = self._breach_activities(promise, policy, responsible, label)
        notes = []
        if policy.breach_notify_superior:
            notes = self._superior_notes_of_breach(responsible, label)
        if policy.breach_upgrade_complaint and self.request_kind == "complaint":
            self._report_overdue_complaint(upgrade=True)
        self._breach_notices(policy, label)
        return activities, notes

    def _promise_label(self, promise):
        return dict(promise._fields["kind"]._description_selection(self.env))[promise.kind]

    def _breach_activities(self, promise, policy, responsible, label):
        if not responsible:
            return []
        if promise.kind == "relay" and not self.user_id:
            # Nobody handles it yet: whoever answers for the area assigns it (SPEC §2 relay).
            broken = self.env._("Promise broken: %s", label)
            unassigned = self.env._("Nobody handles %s yet: assign a handler", self.number)
            summary = f"{broken}: {unassigned}"
        elif policy.breach_activity:
            summary = self.env._("Promise broken: %s", label)
        else:
            return []
        return [
            (self, "property_service_desk.mail_activity_type_service_breach", responsible, summary)
        ]

    def _breach_notices(self, policy, label):
        """The policy's notices of a broken promise: to top management, to the customer."""
        if policy.breach_notify_top_management:
            self._notify_top_management(label)
        if policy.breach_email_customer and self.partner_id:
            self.message_post_with_source(
                "property_service_desk.mail_template_service_delay",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                partner_ids=self.partner_id.ids,
            )

    def _superior_notes_of_breach(self, responsible, label):
        """The note to the handler's superior, as (request, superior, body)."""
        superior = self.estate_id._superior_of(responsible)
        return [(self, superior, self._breach_note(responsible, label))] if superior else []

    def _breach_note(self, responsible, label):
        return self.env._(
            "%(promise)s is overdue on request %(number)s, handled by %(who)s.",
            promise=label,
            number=self.number,
            who=responsible.name or self.env._("nobody"),
        )

    def _on_recurring_promise_due(self, promise):
        self.ensure_one()
        activities = self._recurring_actions_of(promise)
        self.env["property.promise"]._schedule_activities(activities)

    def _follow_up_actions_of(self, promise):
        """A follow-up (an activity, returned as in `_breach_actions_of`) or a progress notice
        by e-mail."""
        self.ensure_one()
        if promise.kind == "follow_up" and (responsible := self._service_responsible()):
            return [
                (
                    self,
                    "property_service_desk.mail_activity_type_follow_up",
                    responsible,
                    self.env._("Follow up the progress of %s", self.number),
                )
            ]
        if promise.kind == "progress" and self.partner_id:
            self.message_post_with_source(
                "property_service_desk.mail_template_progress_notice",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                partner_ids=self.partner_id.ids,
            )
        return []

    def _service_responsible(self):
        """Who answers for the request: the handler, else the area's business manager."""
        self.ensure_one()
        return self.user_id or self._business_manager()

    @api.onchange("unit_id", "building_id", "estate_id", "request_kind", "area_scope")
    def _onchange_route_to_handler(self):
        """At registration, the desk's form proposes the handler the routing gives; the desk
        confirms it by saving, or chooses another. Requests registered without a handler (by
        e-mail, on the portal) wait in the team's Unassigned queue, counted on its dashboard."""
        if not self._origin.id and not self.user_id:
            self.user_id = self._routed_handler()

    def _routed_handler(self):
        """Per estate, kind and area (SPEC §1, §3, §4), by the routing rules an administrator
        keeps (shipped: a complaint to its owner by severity, a common-area repair to the
        estate's engineering lead, anything else to the business manager of the area)."""
        self.ensure_one()
        return self.env["property.routing.rule"]._handler_for(self)

    def _business_manager(self):
        """The business manager (经营管理专员) of the request's area, else of the estate."""
        self.ensure_one()
        return (
            self.building_id.business_manager_id
            or self.estate_id.business_manager_ids[:1]
            or self.estate_id.project_manager_id
        )
