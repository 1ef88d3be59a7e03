from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL

from .property_sla_policy import MILESTONES, RECURRING_MILESTONES
from .row_claims import claim_rows, commit_batch


class PropertyTicketMilestone(models.Model):
    """One promise on one request: its deadline, when it was reached, and whether it was kept."""

    _name = "property.ticket.milestone"
    _description = "Request Milestone"
    _order = "deadline, id"

    ticket_id = fields.Many2one(
        "helpdesk.ticket", string="Request", required=True, index=True, ondelete="cascade"
    )
    policy_id = fields.Many2one("property.sla.policy", required=True, ondelete="restrict")
    milestone = fields.Selection(MILESTONES, required=True)
    target_minutes = fields.Integer(
        string="Target (minutes)", help="The target promised when the milestone started."
    )
    # Not indexed: the scheduled action reads the partial index below, reports scan anyway,
    # and every index here is paid for each milestone a new request starts.
    company_id = fields.Many2one(related="ticket_id.company_id")
    estate_id = fields.Many2one(related="ticket_id.estate_id", store=True)
    request_kind = fields.Selection(related="ticket_id.request_kind", store=True)
    start_at = fields.Datetime(string="Started", required=True)
    deadline = fields.Datetime(required=True)
    reached_at = fields.Datetime(string="Reached")
    breached_at = fields.Datetime(string="Breached")
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
        # The scheduled action reads only running milestones that are due: this partial index
        # keeps its cost proportional to the work due, however many milestones are closed.
        self.env.cr.execute(
            SQL(
                "CREATE INDEX IF NOT EXISTS property_ticket_milestone_due_idx"
                " ON property_ticket_milestone (deadline, id) WHERE state = 'running'"
            )
        )

    @api.depends("start_at", "reached_at")
    def _compute_minutes_taken(self):
        for milestone in self:
            taken = milestone.reached_at and milestone.reached_at - milestone.start_at
            milestone.minutes_taken = int(taken.total_seconds() // 60) if taken else 0

    @api.depends("milestone", "ticket_id.number")
    def _compute_display_name(self):
        labels = dict(self._fields["milestone"]._description_selection(self.env))
        for milestone in self:
            milestone.display_name = f"{milestone.ticket_id.number}: {labels[milestone.milestone]}"

    @api.model
    def _insert_started(self, vals_list, notify=True):
        """Start milestones in one INSERT: requests start several each, and the ORM's create()
        would double the cost of registering a request (see bench/). Only the columns below
        exist at start; nothing else computes on creation."""
        if not vals_list:
            return self.browse()
        tickets = self.env["helpdesk.ticket"].browse({vals["ticket_id"] for vals in vals_list})
        uid, now = self.env.uid, self.env.cr.now()
        copied = {ticket.id: (ticket.estate_id.id or None, ticket.request_kind) for ticket in tickets}
        params = []
        for vals in vals_list:
            params += [
                vals["ticket_id"], *copied[vals["ticket_id"]],
                vals["policy_id"], vals["milestone"], vals["target_minutes"], vals["start_at"],
                vals["deadline"], uid, uid, now, now,
            ]
        row = "(%s, %s, %s, %s, %s, %s, %s, %s, 'running', 0, 0, %s, %s, %s, %s)"
        self.env.cr.execute(
            "INSERT INTO property_ticket_milestone"
            " (ticket_id, estate_id, request_kind, policy_id, milestone, target_minutes,"
            " start_at, deadline, state, occurrences, minutes_taken, create_uid, write_uid,"
            " create_date, write_date)"
            f" VALUES {', '.join([row] * len(vals_list))} RETURNING id",
            params,
        )
        milestones = self.browse(row[0] for row in self.env.cr.fetchall())
        tickets.invalidate_recordset(["milestone_ids"])
        if notify:
            tickets.modified(["milestone_ids"])
        return milestones

    # Events -------------------------------------------------------------------------------

    # Milestones are bookkeeping of the system: people reach them through the request's events,
    # never by editing them, hence sudo() below.

    def _reach(self, when):
        """The event the milestone waits for happened; a breached milestone keeps its breach."""
        for milestone in self.sudo().filtered(lambda m: not m.reached_at):
            vals = {"reached_at": when}
            if milestone.state == "running":
                vals["state"] = "met"
            milestone.write(vals)

    def _cancel(self):
        self.sudo().filtered(lambda m: m.state == "running").write({"state": "cancelled"})

    def _move_deadline(self, deadline):
        self.sudo().write({"deadline": deadline})

    # Scheduled action ---------------------------------------------------------------------

    @api.model
    def _cron_process_due(self, batch_size=200, now=None):
        """Act once on every due milestone: breach actions, follow-ups, progress notices.

        Rows are claimed with FOR UPDATE SKIP LOCKED, so that several cron workers (or a manual
        run beside the scheduled one) share the work without acting twice; each batch is
        committed on its own and leaves nothing due behind, so a rerun finds nothing new.
        """
        now = now or fields.Datetime.now()
        done = 0
        # E-mails of a batch go to the mail queue instead of being sent one by one here.
        batch_context = {"property_scheduled": True, "mail_notify_force_send": False}
        while milestones := self._claim_due(now, batch_size):
            milestones.with_context(**batch_context)._act_on_due(now)
            done += len(milestones)
            commit_batch(self.env)
            if len(milestones) < batch_size:
                break
        self.env["ir.cron"]._notify_progress(done=done, remaining=0)
        return done

    @api.model
    def _claim_due(self, now, limit):
        self.flush_model(["state", "deadline"])
        query = SQL(
            "SELECT id FROM property_ticket_milestone"
            " WHERE state = 'running' AND deadline <= %s"
            " ORDER BY deadline, id LIMIT %s FOR UPDATE SKIP LOCKED",
            now,
            limit,
        )
        return claim_rows(self, query, "Due milestones")

    def _act_on_due(self, now):
        recurring = self.filtered(lambda m: m.milestone in RECURRING_MILESTONES)
        for milestone in recurring:
            milestone._run_recurring(now)
        breached = self - recurring
        breached.write({"state": "breached", "breached_at": now})
        for milestone in breached:
            milestone.ticket_id._on_milestone_breached(milestone)

    def _run_recurring(self, now):
        self.ensure_one()
        self.ticket_id._on_recurring_milestone_due(self)
        interval = timedelta(minutes=self.target_minutes)
        next_deadline = self.deadline + interval
        self.write(
            {
                "occurrences": self.occurrences + 1,
                "deadline": next_deadline if next_deadline > now else now + interval,
            }
        )
