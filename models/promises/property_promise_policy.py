from datetime import timedelta

from odoo import api, fields, models

from ...tools.request_selections import (
    AREA_SCOPES,
    CAUSE_CLASSES,
    REQUEST_KINDS,
    SEVERITIES,
    URGENCIES,
)

# A complaint made outside the desk (SPEC §3).
OUTSIDE_DESK = [
    ("informal", "Received Informally by Staff"),
    ("face_to_face", "Made Face to Face, Not Settled on the Spot"),
]
PROMISE_KINDS = [
    ("relay", "Relayed to Handler"),
    ("response", "Response Started"),
    ("on_site", "On Site"),
    ("handled", "Handled"),
    ("solution", "Solution Proposed"),
    ("follow_up", "Handler Follow-up"),
    ("progress", "Customer Progress Notice"),
    ("escalation_answer", "Answer After Escalation"),
    ("desk_intake", "Reached the Desk"),
    ("superior_report", "Reported to the Owner's Superior"),
]
# Promises that repeat at the target interval while the request is open.
RECURRING_PROMISES = ("follow_up", "progress")
# Promises whose clock starts when the request is relayed, not at intake.
STARTS_AT_RELAY = ("response",)
# Promises started only by an escalation, never at intake.
STARTS_ON_ESCALATION = ("escalation_answer",)
# Promises of a complaint made outside the desk (SPEC §3): started when it was made, reached
# when it is registered (the desk has it; the owner's superior is told at once).
REACHED_AT_REGISTRATION = ("desk_intake", "superior_report")
# The policy filters: ticket field -> policy field. Empty policy field = any value.
POLICY_FILTERS = {
    "request_kind": "request_kind",
    "urgency": "urgency",
    "complaint_severity": "complaint_severity",
    "area_scope": "area_scope",
    "cause_class": "cause_class",
    "outside_desk": "outside_desk",
}


class PropertyPromisePolicy(models.Model):
    """A promise policy (服务时限政策): which requests, which promise, how many minutes."""

    _name = "property.promise.policy"
    _description = "Promise Policy"
    _order = "kind, sequence, id"

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    sequence = fields.Integer(default=10, help="Among equally specific policies, the lowest wins.")
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    kind = fields.Selection(PROMISE_KINDS, string="Promise", required=True)
    target_minutes = fields.Integer(
        string="Target (minutes)",
        required=True,
        bounds=(0, 60 * 24 * 366),
        help="Time allowed from the start of the promise; for follow-ups and progress "
        "notices, the interval between two of them.",
    )
    calendar_type = fields.Selection(
        [
            ("24x7", "24/7"),
            ("working", "Working Hours"),
            ("working_days", "Working Days"),
            ("end_of_day", "By the End of the Day"),
        ],
        string="Counted In",
        required=True,
        default="24x7",
    )
    target_days = fields.Integer(
        string="Target (working days)",
        bounds=(0, 366),
        help="Working days: the deadline is the end of this many working days of the calendar "
        "after the day the clock starts (that day does not count).",
    )
    calendar_id = fields.Many2one(
        "resource.calendar",
        string="Working Calendar",
        help="Working time to count in. Empty: the estate's working hours, else the company's.",
    )
    count_from_opening = fields.Boolean(
        string="Counts from the Next Opening",
        help="A general request received outside the estate's reception hours starts counting "
        "when reception next opens. Urgent requests always count at once, 24/7.",
    )
    request_kind = fields.Selection(REQUEST_KINDS)
    urgency = fields.Selection(URGENCIES)
    complaint_severity = fields.Selection(SEVERITIES)
    cause_class = fields.Selection(CAUSE_CLASSES)
    channel_scope = fields.Selection(
        [("internal", "Internal Channels"), ("external", "External Channels")],
        string="Channel",
    )
    channel_ids = fields.Many2many(
        "helpdesk.ticket.channel",
        string="Channels",
        help="Only requests received through these channels (e.g. the hotline). Empty: any.",
    )
    area_scope = fields.Selection(AREA_SCOPES, string="Area")
    outside_desk = fields.Selection(OUTSIDE_DESK, string="Made Outside the Desk")
    estate_ids = fields.Many2many("property.estate", string="Estates", help="Empty: all estates.")
    breach_activity = fields.Boolean(
        string="Activity for the Responsible",
        default=True,
        help="On breach, schedule an activity for the person handling the request.",
    )
    breach_notify_superior = fields.Boolean(
        string="Notify the Superior", help="On breach, notify the responsible's superior."
    )
    breach_upgrade_complaint = fields.Boolean(
        string="Upgrade the Complaint",
        help="On breach of a complaint's solution deadline, raise its severity through the "
        "complaint rules (minor to general, general to major).",
    )
    breach_notify_top_management = fields.Boolean(
        string="Notify Top Management",
        help="On breach, notify the company's top management (set in Settings).",
    )
    breach_email_customer = fields.Boolean(
        string="E-mail the Customer", help="On breach, tell the customer the request is late."
    )
    is_recurring = fields.Boolean(compute="_compute_is_recurring")

    _sql_constraints = [
        ("target_positive", "check(target_minutes > 0)", "The target must be at least one minute."),
        (
            "target_days_given",
            "check(calendar_type != 'working_days' OR target_days > 0)",
            "A promise in working days needs at least one working day.",
        ),
    ]

    @api.onchange("calendar_type", "target_days")
    def _onchange_target_days(self):
        """Reports read minutes: a promise in working days shows as that many days."""
        if self.calendar_type == "working_days" and self.target_days > 0:
            self.target_minutes = self.target_days * 24 * 60

    @api.depends("kind")
    def _compute_is_recurring(self):
        for policy in self:
            policy.is_recurring = policy.kind in RECURRING_PROMISES

    def _in_force(self, scheme):
        """Severity policies apply under the severity scheme, cause-class ones under theirs."""
        self.ensure_one()
        if self.cause_class and scheme == "severity":
            return False
        return not (self.complaint_severity and scheme == "cause")

    def _matches(self, facts):
        """Whether the policy applies to a request with these `facts` (see `_facts_of`)."""
        self.ensure_one()
        if not self._in_force(facts["scheme"]):
            return False
        for ticket_field, policy_field in POLICY_FILTERS.items():
            if self[policy_field] and self[policy_field] != facts[ticket_field]:
                return False
        if self.channel_scope and (self.channel_scope == "external") != facts["is_external"]:
            return False
        if self.channel_ids and facts["channel_id"] not in self.channel_ids.ids:
            return False
        return not self.estate_ids or facts["estate_id"] in self.estate_ids.ids

    def _specificity(self):
        """More filters set = more specific; the most specific matching policy wins."""
        filters = [self[name] for name in POLICY_FILTERS.values()]
        return sum(map(bool, filters + [self.channel_scope, self.channel_ids, self.estate_ids]))

    @api.model
    def _facts_of(self, ticket):
        """What the policies look at, as plain values: requests with equal facts get the same
        policies (so the choice is cached per facts, see `_best_for`)."""
        return (
            ("company_id", ticket.company_id.id),
            ("scheme", ticket.company_id.property_complaint_scheme),
            ("estate_id", ticket.estate_id.id),
            ("is_external", ticket.is_external),
            ("channel_id", ticket.channel_id.id),
            *((name, ticket[name]) for name in POLICY_FILTERS),
        )

    def _best_per_kind(self, facts):
        """{promise: policy} of the policies in self that apply to a request with `facts`."""
        best = {}
        for policy in self.filtered(lambda p: p._matches(facts)):
            current = best.get(policy.kind)
            if not current or (-policy._specificity(), policy.sequence) < (
                -current._specificity(),
                current.sequence,
            ):
                best[policy.kind] = policy
        return best

    def _deadline_from(self, start, ticket):
        """The deadline of this policy for a clock started at `start` (naive UTC)."""
        self.ensure_one()
        if self.count_from_opening and ticket.urgency != "urgent":
            start = ticket.estate_id._reception_calendar()._property_next_opening(start)
        if self.calendar_type == "24x7":
            return start + timedelta(minutes=self.target_minutes)
        if self.calendar_type == "end_of_day":
            return self._end_of_local_day(start, ticket)
        estate = ticket.estate_id
        calendar = (
            estate._working_calendar(self.calendar_id)
            if estate
            else self.calendar_id or ticket.company_id.resource_calendar_id
        )
        if self.calendar_type == "working_days":
            return calendar._property_working_days_end(
                start, self.target_days
            ) or start + timedelta(days=self.target_days)
        # A naive UTC start gives a naive UTC result; False when the calendar has no time left.
        planned = calendar.plan_hours(self.target_minutes / 60.0, start, compute_leaves=True)
        return planned or start + timedelta(minutes=self.target_minutes)

    def _end_of_local_day(self, start, ticket):
        return ticket.estate_id._local_end_of_day(start)
