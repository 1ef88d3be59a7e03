from collections import defaultdict
from datetime import timedelta

from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.tools import SQL

from ...tools.row_claims import ClaimedRows
from .property_promise_policy import PROMISE_KINDS, RECURRING_PROMISES


class PropertyPromise(models.Model):
    """One promise on one request: its deadline, when it was reached, and whether it was kept.

    Promises are bookkeeping of the system: people reach them through the request's events
    (or correct an event's time, with a reason), never by editing them. Every change goes
    through the methods below, as superuser."""

    _name = "property.promise"
    _description = "Request Promise"
    _inherit = ["property.cron.retry.mixin", "property.system.fields.mixin"]
    _order = "deadline, id"
    _system_fields = (
        "ticket_id",
        "policy_id",
        "kind",
        "target_minutes",
        "start_at",
        "deadline",
        "reached_at",
        "breached_at",
        "breach_pending",
        "state",
        "occurrences",
    )

    ticket_id = fields.Many2one(
        "helpdesk.ticket", string="Request", required=True, index=True, ondelete="cascade"
    )
    policy_id = fields.Many2one("property.promise.policy", required=True, ondelete="restrict")
    kind = fields.Selection(PROMISE_KINDS, string="Promise", required=True)
    target_minutes = fields.Integer(
        string="Target (minutes)", help="The target promised when the promise started."
    )
    # Not indexed: the scheduled action reads the partial index below, reports scan anyway,
    # and every index here is paid for each promise a new request starts.
    company_id = fields.Many2one(related="ticket_id.company_id")
    estate_id = fields.Many2one(related="ticket_id.estate_id", store=True)
    request_kind = fields.Selection(related="ticket_id.request_kind", store=True)
    start_at = fields.Datetime(string="Started", required=True)
    deadline = fields.Datetime(required=True)
    reached_at = fields.Datetime(string="Reached")
    breached_at = fields.Datetime(
        string="Breached", help="When the promise was broken: its deadline."
    )
    breach_pending = fields.Boolean(
        string="Breach Actions Pending",
        help="Reached after its deadline: the breach actions run at the next scheduled pass.",
    )
    state = fields.Selection(
        [
            ("running", "Running"),
            ("met", "Met"),
            ("breached", "Breached"),
            ("cancelled", "Cancelled"),
        ],
        required=True,
        default="running",
    )
    occurrences = fields.Integer(
        string="Times Done", help="Follow-ups and progress notices done so far."
    )
    minutes_taken = fields.Integer(compute="_compute_minutes_taken", store=True, aggregator="avg")

    def init(self):
        # The scheduled action reads only running promises that are due: this partial index
        # keeps its cost proportional to the work due, however many promises are closed.
        self.env.cr.execute(
            SQL(
                "CREATE INDEX IF NOT EXISTS property_promise_due_idx"
                " ON property_promise (deadline, id) WHERE state = 'running'"
            )
        )
        self.env.cr.execute(
            SQL(
                "CREATE INDEX IF NOT EXISTS property_promise_breach_pending_idx"
                " ON property_promise (deadline, id) WHERE breach_pending"
            )
        )

    def _cron_failure_thread(self):
        return self.ticket_id

    @api.depends("start_at", "reached_at")
    def _compute_minutes_taken(self):
        for promise in self:
            taken = promise.reached_at and promise.reached_at - promise.start_at
            promise.minutes_taken = int(taken.total_seconds() // 60) if taken else 0

    @api.depends("kind", "ticket_id.number")
    def _compute_display_name(self):
        labels = dict(self._fields["kind"]._description_selection(self.env))
        for promise in self:
            promise.display_name = ": ".join(
                filter(None, (promise.ticket_id.number, labels.get(promise.kind)))
            )

    @api.model
    def _insert_started(self, vals_list, notify=True, along_with=None):
        """Start promises in one INSERT: requests start several each, and the ORM's create()
        would double the cost of registering a request (see bench/). Only the columns below
        exist at start; nothing else computes on creation. `along_with`: a statement sent to
        the database in the same round trip, before the INSERT."""
        if not vals_list:
            return
        tickets = self.env["helpdesk.ticket"].browse({vals["ticket_id"] for vals in vals_list})
        uid, now = self.env.uid, self.env.cr.now()
        copied = {
            ticket.id: (ticket.estate_id.id or None, ticket.request_kind) for ticket in tickets
        }
        params = []
        for vals in vals_list:
            params += [
                vals["ticket_id"],
                *copied[vals["ticket_id"]],
                vals["policy_id"],
                vals["kind"],
                vals["target_minutes"],
                vals["start_at"],
                vals["deadline"],
                uid,
                uid,
                now,
                now,
            ]
        row = "(%s, %s, %s, %s, %s, %s, %s, %s, 'running', 0, 0, %s, %s, %s, %s)"
        insert = SQL(
            "INSERT INTO property_promise"
            " (ticket_id, estate_id, request_kind, policy_id, kind, target_minutes,"
            " start_at, deadline, state, occurrences, minutes_taken, create_uid, write_uid,"
            f" create_date, write_date) VALUES {', '.join([row] * len(vals_list))}",
            *params,
        )
        self.env.cr.execute(SQL("%s; %s", along_with, insert) if along_with else insert)
        tickets.invalidate_recordset(["promise_ids"])
        if notify:
            tickets.modified(["promise_ids"])

    # Events -------------------------------------------------------------------------------

    def _reach(self, when):
        """The event the promise waits for happened at `when`. Reached after its deadline, the
        promise is broken now, whether or not the scheduled job has passed; a promise the
        scheduled job found broken keeps its breach."""
        for promise in self.sudo().filtered(lambda m: not m.reached_at):
            vals = {"reached_at": when}
            if promise.state == "running":
                vals.update(promise._verdict(when))
            promise.write(vals)

    def _verdict(self, reached_at):
        """State values of a promise reached at `reached_at` against its deadline."""
        self.ensure_one()
        if reached_at <= self.deadline:
            return {"state": "met", "breached_at": False, "breach_pending": False}
        if self.state == "breached":
            return {"breached_at": self.deadline}  # its breach actions ran or will run, once
        return {"state": "breached", "breached_at": self.deadline, "breach_pending": True}

    def _rejudge(self, now):
        """After a corrected time: judge the promise again on its (new) start and deadline."""
        for promise in self.sudo().filtered(lambda m: m.state in ("running", "met", "breached")):
            if promise.kind in RECURRING_PROMISES:
                continue
            if promise.reached_at:
                promise.write(promise._verdict(promise.reached_at))
            elif promise.state == "breached" and promise.deadline > now:
                promise.write({"state": "running", "breached_at": False, "breach_pending": False})

    def _cancel(self):
        self.sudo().filtered(lambda m: m.state == "running").write({"state": "cancelled"})

    def _end(self, now):
        """The request ends (closed, declined, invalid): a promise still running past its
        deadline is broken (closing late does not hide the breach), the others are cancelled.
        No breach action runs on a request that has ended."""
        running = self.sudo().filtered(lambda m: m.state == "running")
        broken = running.filtered(lambda m: m.kind not in RECURRING_PROMISES and m.deadline <= now)
        for promise in broken:
            promise.write({"state": "breached", "breached_at": promise.deadline})
        (running - broken)._cancel()

    def _move_deadline(self, deadline):
        self.sudo().write({"deadline": deadline})

    def _move_start(self, start):
        """The clock's start was corrected: the deadline follows it (an agreed time stays)."""
        for promise in self.sudo():
            ticket = promise.ticket_id
            deadline = promise.policy_id._deadline_from(start, ticket)
            if promise.kind == "handled" and ticket.agreed_at:
                deadline = ticket.agreed_at
            promise.write({"start_at": start, "deadline": deadline})

    # Scheduled action ---------------------------------------------------------------------

    @api.model
    def _cron_process_due(self, batch_size=200, now=None):
        """Act once on every due promise: breach actions, follow-ups, progress notices.

        Rows are claimed with FOR UPDATE SKIP LOCKED, so that several cron workers (or a manual
        run beside the scheduled one) share the work without acting twice; each promise is
        processed in its own savepoint, so one that fails waits for its retry alone.
        """
        now = now or fields.Datetime.now()
        # E-mails go to the mail queue instead of being sent one by one here.
        promises = self.with_context(property_scheduled=True, mail_notify_force_send=False)
        return promises._due_queue(now).run(
            lambda promise: promise._act_on_due(now),
            batch_size,
            process_batch=lambda batch: batch._act_on_due_batch(now),
        )

    @api.model
    def _act_on_promises_broken_at_load(self):
        """Run the breach actions of promises already broken when the demo was loaded (its owners'
        requests are moved along late during the install), as the scheduled job would have: the
        desk sees their activities, and the job starts with nothing left over."""
        pending = self.search([("breach_pending", "=", True)])
        pending.with_context(property_scheduled=True, mail_notify_force_send=False)._act_on_due(
            fields.Datetime.now()
        )

    @api.model
    def _due_queue(self, now):
        return ClaimedRows(
            self,
            SQL("(state = 'running' AND deadline <= %s) OR breach_pending", now),
            what="Due promises",
            now=now,
            order=SQL("deadline, id"),
        )

    @api.model
    def _claim_due(self, now, limit):
        return self._due_queue(now).claim(limit)

    def _act_on_due(self, now):
        for promise in self:
            if promise.kind in RECURRING_PROMISES:
                promise._run_recurring(now)
            else:
                promise._run_breach_actions()

    def _run_breach_actions(self):
        """Broken: at its deadline, or reached after it. The breach actions run once."""
        self.ensure_one()
        if self.state == "running":
            self.sudo().write({"state": "breached", "breached_at": self.deadline})
        elif self.state != "breached" or not self.breach_pending:
            return
        self.sudo().write({"breach_pending": False})
        self.ticket_id._on_promise_broken(self)

    def _run_recurring(self, now):
        self.ensure_one()
        self.ticket_id._on_recurring_promise_due(self)
        interval = timedelta(minutes=self.target_minutes)
        next_deadline = self.deadline + interval
        self.sudo().write(
            {
                "occurrences": self.occurrences + 1,
                "deadline": next_deadline if next_deadline > now else now + interval,
            }
        )

    # The same, a claimed batch at a time ---------------------------------------------------

    def _act_on_due_batch(self, now):
        """What `_act_on_due` does promise by promise, for a whole batch: the state changes
        are written together and the activities created in one go. The outcome is the same
        (ClaimedRows falls back to `_act_on_due` one by one when anything fails)."""
        recurring = self.filtered(lambda m: m.kind in RECURRING_PROMISES)
        (self - recurring)._run_breach_actions_batch()
        recurring._run_recurring_batch(now)

    def _run_breach_actions_batch(self):
        running = self.filtered(lambda m: m.state == "running")
        pending = self.filtered(lambda m: m.state == "breached" and m.breach_pending)
        for promise in running.sudo():
            promise.write({"state": "breached", "breached_at": promise.deadline})
        acting = running | pending
        acting.sudo().write({"breach_pending": False})
        activities, notes = [], []
        for promise in acting:
            more_activities, more_notes = promise.ticket_id._breach_actions_of(promise)
            activities += more_activities
            notes += more_notes
        self._schedule_activities(activities, digest=True)
        self._log_notes(notes)
        self._send_digests(activities, notes)

    def _run_recurring_batch(self, now):
        activities = []
        for promise in self:
            activities += promise.ticket_id._recurring_actions_of(promise)
        self._schedule_activities(activities, digest=True)
        self._send_digests(activities, [])
        for promise in self.sudo():
            interval = timedelta(minutes=promise.target_minutes)
            next_deadline = promise.deadline + interval
            promise.write(
                {
                    "occurrences": promise.occurrences + 1,
                    "deadline": next_deadline if next_deadline > now else now + interval,
                }
            )

    @api.model
    def _log_notes(self, notes):
        """The notes to superiors, (request, superior, body), on each request's chatter: one
        batch of messages per superior, none sent one by one (see `_send_digests`)."""
        batches = defaultdict(dict)  # a request with two notes to one superior: two batches
        for ticket, superior, body in notes:
            round_ = 0
            while ticket.id in batches[superior, round_]:
                round_ += 1
            batches[superior, round_][ticket.id] = escape(body)
        for (superior, _round), bodies in batches.items():
            tickets = self.env["helpdesk.ticket"].browse(bodies)
            tickets._message_log_batch(bodies, partner_ids=superior.partner_id.ids)

    @api.model
    def _send_digests(self, activities, notes):
        """Tell each person once per batch of what it brought them (activities assigned, notes
        as superior), instead of one message per activity and per note: a storm of broken
        promises does not become a storm of e-mails."""
        if self.env.context.get("mail_activity_automation_skip"):
            activities = []  # none was created
        lines = defaultdict(list)
        for ticket, _type, user, summary in activities:
            lines[user.partner_id].append((ticket, f"{ticket.number}: {summary}"))
        for ticket, superior, body in notes:
            lines[superior.partner_id].append((ticket, body))
        subject = self.env.ref("property_service_desk.mail_activity_type_service_breach").name
        for partner, items in lines.items():
            body = Markup("<ul>%s</ul>") % Markup().join(
                Markup("<li>%s</li>") % text for _ticket, text in items
            )
            items[0][0].message_notify(
                partner_ids=partner.ids,
                subject=f"{subject} ({len(items)})",
                body=body,
                subtype_xmlid="mail.mt_note",
                email_layout_xmlid="mail.mail_notification_layout",
            )

    @api.model
    def _schedule_activities(self, activities, digest=False):
        """Create in one go the activities `activity_schedule` would create one by one:
        `activities` are (request, activity type xmlid, user, summary). With `digest`, the
        users are not told of each one (the caller sends a digest)."""
        if not activities or self.env.context.get("mail_activity_automation_skip"):
            return
        activity_model = self.env["mail.activity"]
        if digest:
            activity_model = activity_model.with_context(mail_activity_quick_update=True)
        model_id = self.env["ir.model"]._get_id("helpdesk.ticket")
        types = {}
        vals_list = []
        for ticket, type_xmlid, user, summary in activities:
            if type_xmlid not in types:
                types[type_xmlid] = self.env.ref(type_xmlid)
            activity_type = types[type_xmlid]
            vals_list.append(
                {
                    "activity_type_id": activity_type.id,
                    "summary": summary,
                    "automated": True,
                    "note": activity_type.default_note,
                    "date_deadline": ticket.estate_id._local_date(),
                    "res_model_id": model_id,
                    "res_id": ticket.id,
                    "user_id": user.id,
                }
            )
        # mail.activity's create subscribes each user to each record once per call: a request
        # with two activities for one user goes in two calls.
        rounds = defaultdict(list)
        seen = defaultdict(int)
        for vals in vals_list:
            key = (vals["res_id"], vals["user_id"])
            rounds[seen[key]].append(vals)
            seen[key] += 1
        for round_vals in rounds.values():
            activity_model.create(round_vals)
