from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from ...tools.groups import DESK, MANAGERS, PORTAL
from ...tools.request_selections import CAUSE_CLASSES, SEVERITIES, SEVERITY_LADDER
from ...tools.row_claims import ClaimedRows
from ..core.property_estate import COMPLAINT_CHAIN

# Facts of SPEC §3 that the severity rules look at; changing one re-applies the rules.
SEVERITY_INPUTS = {
    "compensation_amount",
    "risk_lawsuit_or_media",
    "beyond_estate_authority",
    "lawsuit_or_media_happened",
    "risk_collective_lawsuit",
    "repeat_complaint_count",
    "caused_loss_or_injury",
    "request_kind",
}
# Who owns a complaint of each severity (internal channels), as a field of the estate.
OWNER_ROLE_BY_SEVERITY = {
    "minor": "project_manager_id",
    "general": "operations_manager_id",
    "major": "division_lead_id",
}


class PropertyRequestComplaint(models.AbstractModel):
    """Complaints (客户投诉): severity, owner, solution, escalation and their history."""

    _name = "property.request.complaint"
    _inherit = ["property.cron.retry.mixin"]
    _description = "Request Concern: Complaints"

    complaint_severity = fields.Selection(SEVERITIES, readonly=True, copy=False, tracking=True)
    # compensation_amount is declared on the request itself: a monetary field needs the
    # company's currency, which an abstract concern cannot relate to.
    risk_lawsuit_or_media = fields.Boolean(string="May Lead to a Lawsuit or Negative Media")
    beyond_estate_authority = fields.Boolean(string="Beyond the Estate's Authority")
    lawsuit_or_media_happened = fields.Boolean(string="Lawsuit or Negative Media Report Happened")
    risk_collective_lawsuit = fields.Boolean(string="May Lead to a Collective Lawsuit")
    repeat_complaint_count = fields.Integer(
        string="Times Complained",
        default=1,
        help="How many times the customer complained about this same matter.",
    )
    caused_loss_or_injury = fields.Boolean(string="Heavy Loss or Injury Caused by the Company")
    cause_class = fields.Selection(CAUSE_CLASSES, tracking=True)
    may_propose_solution = fields.Boolean(
        compute="_compute_may_propose_solution",
        help="Whether you are the complaint's owner or above them in the escalation chain.",
    )
    complaint_owner_id = fields.Many2one(
        "res.users", readonly=True, copy=False, index="btree_not_null"
    )
    solution = fields.Text(readonly=True, copy=False)
    solution_proposed_at = fields.Datetime(readonly=True, copy=False)
    solution_decision = fields.Selection(
        [("pending", "Awaiting the Customer"), ("accepted", "Accepted"), ("rejected", "Rejected")],
        string="Customer's Decision",
        readonly=True,
        copy=False,
    )
    rejection_reason = fields.Text(readonly=True, copy=False)
    escalation_count = fields.Integer(readonly=True, copy=False)
    complaint_history_ids = fields.One2many("property.complaint.history", "ticket_id")
    case_analysis_ids = fields.One2many(
        "property.complaint.case.analysis", "ticket_id", string="Case Analyses"
    )

    @api.constrains("compensation_amount")
    def _check_compensation_amount(self):
        if any(ticket.compensation_amount < 0 for ticket in self):
            raise ValidationError(self.env._("The compensation amount cannot be negative."))

    @api.constrains("repeat_complaint_count")
    def _check_repeat_complaint_count(self):
        if any(ticket.repeat_complaint_count < 0 for ticket in self):
            raise ValidationError(self.env._("The number of complaints cannot be negative."))

    # Severity -----------------------------------------------------------------------------

    def _complaints_after_create(self):
        self.filtered(lambda t: t.request_kind == "complaint")._apply_severity_rules()

    def _complaints_after_write(self, vals):
        complaints = self.filtered(lambda t: t.request_kind == "complaint")
        if SEVERITY_INPUTS & vals.keys():
            complaints._apply_severity_rules()
        if "channel_id" in vals:  # an external transfer goes to the service-centre GM
            for complaint in complaints.filtered(
                lambda t: t.complaint_severity not in (False, "invalid")
            ):
                complaint._assign_complaint_owner(self.env._("Channel changed"))

    def _apply_severity_rules(self):
        """Raise each complaint to the severity its facts call for; rules never lower it."""
        rules = (
            self.env["property.complaint.severity.rule"]
            .sudo()
            .search([("company_id", "in", self.company_id.ids)])
        )
        for ticket in self.filtered(lambda t: t.complaint_severity != "invalid"):
            target = max(
                ticket._severity_by_compensation(),
                rules._severity_for(ticket),
                key=SEVERITY_LADDER.index,
            )
            current = ticket.complaint_severity
            if not current or SEVERITY_LADDER.index(target) > SEVERITY_LADDER.index(current):
                ticket._set_severity(target, self.env._("Complaint rules"))

    @api.model
    def _cron_apply_severity_rules(self, batch_size=200):
        """Hourly: re-apply the rules to open complaints, for the facts that time alone changes
        (e.g. "unresolved for a month"). Rows are claimed, so two runs never raise one twice;
        a complaint that fails waits for a retry alone (see ClaimedRows)."""
        return self._open_complaint_queue().run(
            lambda complaint: complaint._apply_severity_rules(), batch_size
        )

    @api.model
    def _open_complaint_queue(self):
        return ClaimedRows(
            self,
            SQL(
                "t.request_kind = 'complaint' AND NOT COALESCE(st.closed, FALSE)"
                " AND t.complaint_severity IN ('minor', 'general')"
            ),
            what="Open complaints",
            alias="t",
            joins=SQL("JOIN helpdesk_ticket_stage st ON st.id = t.stage_id"),
            by_id=True,
        )

    def _severity_by_compensation(self):
        company = self.company_id
        if self.compensation_amount >= company.property_major_compensation:
            return "major"
        if self.compensation_amount > company.property_minor_compensation:
            return "general"
        return "minor"

    def _set_severity(self, severity, reason, restart_deadline=True):
        """Change the severity, hand the complaint to the owner for it, restart its deadline."""
        self.ensure_one()
        old_severity = self.complaint_severity
        old_deadline = self._running_promises("solution")[:1].deadline
        self.sudo().with_context(property_defer_promises=True).complaint_severity = severity
        self._log_complaint_change("severity", old_severity, severity, reason)
        if severity != "invalid":
            self._assign_complaint_owner(reason)
        # A new level means a new owner, whose solution deadline starts now.
        self._sync_promises(restart=("solution",) if restart_deadline and old_severity else ())
        new_deadline = self._running_promises("solution")[:1].deadline
        if new_deadline != old_deadline:
            self._log_complaint_change("deadline", old_deadline, new_deadline, reason)

    def _assign_complaint_owner(self, reason, owner=None):
        owner = owner or self._complaint_owner_for(self.complaint_severity)
        if owner and owner != self.complaint_owner_id:
            previous = self.complaint_owner_id
            self.sudo().complaint_owner_id = owner
            self._log_complaint_change("owner", previous.name, owner.name, reason)
            self.activity_schedule(
                "property_service_desk.mail_activity_type_complaint_solution",
                date_deadline=self.estate_id._local_date(),
                user_id=owner.id,
                summary=self.env._("Propose a solution to complaint %s", self.number),
            )

    def _complaint_owner_for(self, severity):
        """External channels: the service centre GM; otherwise the estate's role by severity."""
        if not self.estate_id:
            return self.env["res.users"]
        if self.is_external or severity not in OWNER_ROLE_BY_SEVERITY:
            return self.estate_id.service_centre_manager_id
        return self.estate_id._complaint_owner_from(OWNER_ROLE_BY_SEVERITY[severity])

    def action_change_severity(self, severity, reason):
        """By hand: raising needs a business manager; lowering or invalid, an operations GM."""
        self.ensure_one()
        self._check_caller(MANAGERS)
        reason = (reason or "").strip()
        current = self.complaint_severity
        lowering = severity == "invalid" or (
            current in SEVERITY_LADDER
            and SEVERITY_LADDER.index(severity) < SEVERITY_LADDER.index(current)
        )
        group = (
            "property_service_desk.group_property_operations_manager"
            if lowering
            else "property_service_desk.group_property_business_manager"
        )
        if not (self.env.su or self.env.user.has_group(group)):
            raise AccessError(
                self.env._(
                    "Only an operations general manager may lower a complaint's severity "
                    "or declare it invalid."
                )
                if lowering
                else self.env._(
                    "Only a business manager or above may raise a complaint's severity."
                )
            )
        if not reason:
            raise UserError(self.env._("Write the reason for changing the severity."))
        if severity == current:
            return True
        self._set_severity(severity, reason, restart_deadline=severity != "invalid")
        if severity == "invalid":
            self._close_invalid_complaint()
        return True

    def _close_invalid_complaint(self):
        self._running_promises()._end(fields.Datetime.now())
        self.stage_id = self.env.ref("property_service_desk.helpdesk_ticket_stage_invalid")

    # Solution and the customer's decision -------------------------------------------------

    def action_propose_solution(self, solution):
        """By the complaint's owner or someone above them in the chain (SPEC §3), never by the
        desk on their behalf."""
        self.ensure_one()
        self._check_caller(DESK)
        self._check_solution_proposer()
        solution = (solution or "").strip()
        if not solution:
            raise UserError(self.env._("Write the proposed solution."))
        now = fields.Datetime.now()
        self.sudo().write(
            {
                "solution": solution,
                "solution_proposed_at": now,
                "solution_decision": "pending",
                "rejection_reason": False,
            }
        )
        self.promise_ids.filtered(lambda m: m.kind in ("solution", "escalation_answer"))._reach(now)
        self._log_complaint_change("solution", False, solution, self.env._("Solution proposed"))
        return True

    def _solution_proposers(self):
        """The complaint's owner and those above them in the estate's chain (the whole chain
        above an owner outside it), and the company's top management."""
        self.ensure_one()
        owner = self.complaint_owner_id
        chain = [self.estate_id[role] for role in COMPLAINT_CHAIN if self.estate_id[role]]
        above = chain[chain.index(owner) :] if owner in chain else chain
        return owner.union(*above, self.company_id.property_top_manager_id)

    def _check_solution_proposer(self):
        if self.env.su or self.env.user in self._solution_proposers():
            return
        raise AccessError(
            self.env._(
                "Only the owner of complaint %(number)s (%(owner)s) or someone above them in "
                "the escalation chain may propose its solution.",
                number=self.number,
                owner=self.complaint_owner_id.name or "-",
            )
        )

    @api.depends_context("uid")
    @api.depends("complaint_owner_id", "estate_id")
    def _compute_may_propose_solution(self):
        for ticket in self:
            ticket.may_propose_solution = (
                ticket.request_kind == "complaint"
                and self.env.user in ticket.sudo()._solution_proposers()
            )

    def action_accept_solution(self):
        complaint = self._check_decision_caller()
        complaint._check_solution_awaits_decision()
        complaint.sudo().solution_decision = "accepted"
        complaint._log_complaint_change(
            "decision", "pending", "accepted", self.env._("The customer accepted the solution")
        )
        return True

    def action_reject_solution(self, reason):
        """The customer rejects the solution: the complaint goes one level up at once."""
        complaint = self._check_decision_caller()
        complaint._check_solution_awaits_decision()
        reason = (reason or "").strip()
        if not reason:
            raise UserError(self.env._("Write why the customer rejects the solution."))
        rejected_solution = complaint.solution
        previous_owner = complaint.complaint_owner_id
        complaint.sudo().write({"solution_decision": "rejected", "rejection_reason": reason})
        complaint._log_complaint_change("decision", "pending", "rejected", reason)
        complaint._escalate(self.env._("Solution rejected by the customer: %s", reason))
        complaint._brief_new_owner(previous_owner, rejected_solution, reason)
        return True

    def _check_decision_caller(self):
        """The desk records the customer's decision; a portal user decides on their own
        complaint only, and since they cannot edit it, the system carries their decision out:
        return the complaint to act on."""
        self.ensure_one()
        user = self.env.user
        if self.env.su or not user.has_group(PORTAL):
            self._check_caller(DESK)
            return self
        self.check_access("read")
        if not self._property_is_customer(user):
            raise AccessError(
                self.env._(
                    "Only the customer of complaint %s can accept or reject its solution.",
                    self.number,
                )
            )
        return self.sudo()

    def _check_solution_awaits_decision(self):
        self.ensure_one()
        if self.solution_decision != "pending":
            raise UserError(
                self.env._(
                    "Complaint %s has no solution awaiting the customer's decision.", self.number
                )
            )

    def _escalate(self, reason):
        """One level up: next severity, or the service centre GM above a major complaint."""
        self.sudo().escalation_count += 1
        current = self.complaint_severity
        if current in SEVERITY_LADDER[:-1]:
            self._set_severity(SEVERITY_LADDER[SEVERITY_LADDER.index(current) + 1], reason)
        else:
            old_deadline = self._running_promises("solution")[:1].deadline
            self._assign_complaint_owner(reason, owner=self.estate_id.service_centre_manager_id)
            self._sync_promises(restart=("solution",))
            new_deadline = self._running_promises("solution")[:1].deadline
            self._log_complaint_change("deadline", old_deadline, new_deadline, reason)

    def _brief_new_owner(self, previous_owner, rejected_solution, reason):
        owner = self.complaint_owner_id
        self.message_post(
            body=self.env._(
                "Briefing for %(owner)s from %(previous)s. Complaint: %(name)s. Rejected "
                "solution: %(solution)s. Customer's reason: %(reason)s.",
                owner=owner.name,
                previous=previous_owner.name or "-",
                name=self.name,
                solution=rejected_solution,
                reason=reason,
            ),
            partner_ids=owner.partner_id.ids,
            subtype_xmlid="mail.mt_note",
        )

    # The overdue chain -------------------------------------------------------------------
    # The whole of it is here: what a complaint's missed solution deadline does, in its order,
    # and whom it tells. (Any other broken promise runs its policy's actions, see promises.)

    def _overdue_chain_actions(self, promise):
        """A complaint's solution deadline missed: the overdue chain of SPEC §3, in every scheme
        (severity, cause class, both) and for external complaints, in this order:
        1. the policy's activity for the handler (returned, as `_policy_breach_actions` does,
           for the job to create in one batch);
        2. the policy's notices to top management and to the customer;
        3. the chain itself (`_report_overdue_complaint`): the upgrade where the policy says
           so, the owner's superior told and made owner. It takes the place of the policy's
           own superior note and upgrade, so these are done once."""
        self.ensure_one()
        policy = promise.policy_id
        label = self._promise_label(promise)
        activities = self._breach_activities(promise, policy, self._service_responsible(), label)
        self._breach_notices(policy, label)
        self._report_overdue_complaint(upgrade=policy.breach_upgrade_complaint)
        return activities, []

    def _is_overdue_complaint(self, promise):
        return (
            promise.kind == "solution"
            and self.request_kind == "complaint"
            and self.complaint_severity not in (False, "invalid")
            and not self.closed
        )

    def _report_overdue_complaint(self, upgrade):
        """Unresolved by its deadline: the complaint is upgraded (minor → general → major) where
        its policy says so, reported to its owner's superior (project manager → operations GM →
        division lead → service-centre GM → top management), who owns the new level and gets
        the activity; the new owner has 2 days to answer, else top management is told."""
        self.ensure_one()
        reason = self.env._("Solution deadline missed")
        previous_owner = self.complaint_owner_id
        superior = self._overdue_superior(previous_owner)
        self.sudo().escalation_count += 1
        current = self.complaint_severity
        if upgrade and current in SEVERITY_LADDER[:-1]:
            self._set_severity(SEVERITY_LADDER[SEVERITY_LADDER.index(current) + 1], reason)
        if self.complaint_owner_id == previous_owner and superior in self._estate_chain():
            old_deadline = self._running_promises("solution")[:1].deadline
            self._assign_complaint_owner(reason, owner=superior)
            self._sync_promises(restart=("solution",))
            new_deadline = self._running_promises("solution")[:1].deadline
            self._log_complaint_change("deadline", old_deadline, new_deadline, reason)
        self._sync_promises(restart=("escalation_answer",))
        if superior:
            self._tell_superior_of_overdue(superior, previous_owner)

    def _estate_chain(self):
        estate = self.estate_id
        return self.env["res.users"].union(*(estate[role] for role in COMPLAINT_CHAIN))

    def _overdue_superior(self, owner):
        """The complaint owner's superior; above the service-centre GM, top management."""
        estate = self.estate_id
        top = self.company_id.property_top_manager_id
        if owner and owner == estate.service_centre_manager_id:
            return top
        return estate._superior_of(owner) or top

    def _tell_superior_of_overdue(self, superior, previous_owner):
        severity = dict(self._fields["complaint_severity"]._description_selection(self.env))[
            self.complaint_severity
        ]
        self.message_post(
            body=self.env._(
                "Complaint %(number)s was not solved in time by %(owner)s and is now %(sev)s.",
                number=self.number,
                owner=previous_owner.name or "-",
                sev=severity,
            ),
            partner_ids=superior.partner_id.ids,
            subtype_xmlid="mail.mt_note",
        )
        if superior != self.complaint_owner_id:
            # Above the owner's chain (top management): an activity of their own to answer.
            self.activity_schedule(
                "property_service_desk.mail_activity_type_complaint_solution",
                date_deadline=self.estate_id._local_date(),
                user_id=superior.id,
                summary=self.env._("Complaint %s is overdue: see to its solution", self.number),
            )

    def _notify_top_management(self, label):
        top = self.company_id.property_top_manager_id or self.estate_id.service_centre_manager_id
        if top:
            self.message_post(
                body=self.env._(
                    "No answer on request %(number)s: %(promise)s is overdue. Reported to top "
                    "management.",
                    number=self.number,
                    promise=label,
                ),
                partner_ids=top.partner_id.ids,
                subtype_xmlid="mail.mt_note",
            )

    # Closing ------------------------------------------------------------------------------

    @api.constrains("stage_id")
    def _check_class_1_case_analysis(self):
        for ticket in self:
            if (
                ticket.closed
                and ticket.cause_class == "class_1"
                and not ticket.is_declined
                and (not ticket.case_analysis_ids)
                and ticket.complaint_severity != "invalid"
            ):
                raise ValidationError(
                    self.env._(
                        "Class 1 complaint %s cannot be closed without a case analysis for staff "
                        "training.",
                        ticket.number,
                    )
                )

    def _log_complaint_change(self, change, old, new, reason):
        trigger = "scheduled" if self.env.context.get("property_scheduled") else "person"
        self.env["property.complaint.history"].sudo().create(
            {
                "ticket_id": self.id,
                "change": change,
                "old_value": self._history_text(change, old),
                "new_value": self._history_text(change, new),
                "reason": reason,
                "trigger": trigger,
                "user_id": self.env.uid,
            }
        )

    def _history_text(self, change, value):
        if not value:
            return False
        if change == "severity":
            return dict(self._fields["complaint_severity"]._description_selection(self.env))[value]
        if change == "deadline":
            return self.estate_id._format_local(value)
        return str(value)
