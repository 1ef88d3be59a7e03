from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from ...tools.groups import _G, ACCOUNTANT, DESK, ENGINEERING_LEAD, PROJECT_MANAGER
from ...tools.row_claims import ClaimedRows, lock_rows
from ...tools.unit_life import estate_joins, local_date_sql

PAID_STATES = ("paid", "in_payment")
STATES = [
    ("draft", "Draft"),
    ("submitted", "Submitted"),
    ("reviewed", "Reviewed by Engineering"),
    ("approved", "Approved"),
    ("permitted", "Works Permitted"),
    ("completed", "Works Completed"),
    ("accepted", "Accepted"),
    ("refunded", "Deposit Refunded"),
    ("refused", "Refused"),
    ("cancelled", "Cancelled"),
]
# What the owner asks for: editable until the service centre approves it.
APPLICATION_FIELDS = {
    "unit_id",
    "partner_id",
    "scope",
    "plan_attachment_ids",
    "owner_consent_file",
    "owner_consent_filename",
    "contractor_name",
    "contractor_licence",
    "contractor_manager",
    "contractor_phone",
    "start_date",
    "end_date",
    "touches_load_bearing",
    "touches_facade",
    "touches_waterproofing",
    "touches_common_pipes",
    "touches_wiring",
}
APPLICATION_STATES = ("draft", "submitted", "reviewed")
CLOSED_STATES = ("refunded", "refused", "cancelled")
RISKY_WORKS = (
    "touches_load_bearing",
    "touches_facade",
    "touches_waterproofing",
    "touches_common_pipes",
    "touches_wiring",
)
OPERATIONS_GM = _G + "operations_manager"


class PropertyRenovation(models.Model):
    """A renovation (装修) of a unit: application, review, approval, deposit, permit, inspections,
    acceptance and the refund of the deposit (SPEC §8)."""

    _name = "property.renovation"
    _description = "Renovation"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "portal.mixin",
        "property.attachment.owner.mixin",
        "property.system.fields.mixin",
        "property.cron.retry.mixin",
        "property.invoicing.mixin",
    ]
    _order = "id desc"
    _check_company_auto = True
    _system_sequence_field = "name"
    _system_fields = (
        "name",
        "state",
        "submitted_at",
        "reviewed_by_id",
        "reviewed_at",
        "refusal_reason",
        "approved_by_id",
        "approved_at",
        "deposit_amount",
        "deposit_move_id",
        "fee_move_id",
        "permit_number",
        "permitted_at",
        "permit_end_date",
        "works_stopped",
        "overrun_flagged",
        "next_inspection_on",
        "completed_at",
        "accepted_by_id",
        "accepted_at",
        "acceptance_note",
        "refund_move_id",
        "refund_payment_id",
        "refunded_at",
        "cancel_reason",
    )

    name = fields.Char(
        string="Number", required=True, readonly=True, copy=False, default="/", index="trigram"
    )
    unit_id = fields.Many2one(
        "property.unit", required=True, index=True, tracking=True, ondelete="restrict"
    )
    estate_id = fields.Many2one(related="unit_id.estate_id", store=True, index=True)
    company_id = fields.Many2one(related="unit_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    owner_id = fields.Many2one(related="unit_id.owner_id", string="Owner")
    partner_id = fields.Many2one(
        "res.partner",
        string="Applicant",
        required=True,
        index=True,
        tracking=True,
        help="The owner, or a tenant with the owner's written consent.",
    )
    applicant_is_owner = fields.Boolean(compute="_compute_applicant_is_owner")
    owner_consent_file = fields.Binary(
        string="Owner's Consent",
        attachment=True,
        copy=False,
        help="A tenant applies only with the owner's written consent (scanned letter).",
    )
    owner_consent_filename = fields.Char(copy=False)
    scope = fields.Text(string="Scope of Works", tracking=True)
    plan_attachment_ids = fields.Many2many(
        "ir.attachment",
        "property_renovation_plan_attachment_rel",
        "renovation_id",
        "attachment_id",
        string="Plans and Drawings",
        copy=False,
    )
    contractor_name = fields.Char(string="Contractor", tracking=True)
    contractor_licence = fields.Char(string="Contractor Licence No.")
    contractor_manager = fields.Char(string="Person in Charge")
    contractor_phone = fields.Char()
    start_date = fields.Date(tracking=True)
    end_date = fields.Date(string="Planned End", tracking=True)
    touches_load_bearing = fields.Boolean(string="Load-Bearing Walls")
    touches_facade = fields.Boolean(string="Facade")
    touches_waterproofing = fields.Boolean(string="Waterproofing")
    touches_common_pipes = fields.Boolean(string="Common Pipes")
    touches_wiring = fields.Boolean(string="Wiring")
    worker_ids = fields.One2many("property.renovation.worker", "renovation_id", string="Workers")
    # Counted as superuser: the accountant reads renovations, not their workers.
    worker_count = fields.Integer(compute="_compute_counts", compute_sudo=True)
    inspector_id = fields.Many2one(
        "res.users",
        tracking=True,
        domain="[('share', '=', False)]",
        help="The estate's staff member the inspections are scheduled to (default: the estate's "
        "engineering lead).",
    )
    state = fields.Selection(
        STATES, default="draft", required=True, index=True, tracking=True, copy=False
    )
    submitted_at = fields.Datetime(readonly=True, copy=False)
    reviewed_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    reviewed_at = fields.Datetime(readonly=True, copy=False)
    refusal_reason = fields.Text(readonly=True, copy=False, tracking=True)
    approved_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    approved_at = fields.Datetime(readonly=True, copy=False)
    # Money (through Accounting)
    deposit_amount = fields.Monetary(readonly=True, copy=False, tracking=True)
    deposit_move_id = fields.Many2one(
        "account.move", string="Deposit Invoice", readonly=True, copy=False
    )
    deposit_payment_state = fields.Selection(
        related="deposit_move_id.payment_state", string="Deposit Payment"
    )
    fee_move_id = fields.Many2one("account.move", string="Fee Invoice", readonly=True, copy=False)
    fee_payment_state = fields.Selection(related="fee_move_id.payment_state", string="Fee Payment")
    # Permit
    permit_number = fields.Char(readonly=True, copy=False, index="btree_not_null")
    permitted_at = fields.Datetime(readonly=True, copy=False)
    permit_end_date = fields.Date(
        string="Permit Valid Until",
        readonly=True,
        copy=False,
        tracking=True,
        help="The planned end, moved by approved extensions.",
    )
    noisy_hours = fields.Char(
        related="company_id.property_renovation_noisy_hours", string="Noisy Works Allowed"
    )
    works_stopped = fields.Boolean(
        readonly=True,
        copy=False,
        tracking=True,
        help="Works are stopped until a rectification notice that stopped them is rectified.",
    )
    overrun_flagged = fields.Boolean(
        string="Past the Permit",
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
        help="The works run past the permit without an approved extension.",
    )
    next_inspection_on = fields.Date(readonly=True, copy=False, index="btree_not_null")
    inspection_ids = fields.One2many("property.renovation.inspection", "renovation_id")
    notice_ids = fields.One2many("property.renovation.notice", "renovation_id")
    extension_ids = fields.One2many("property.renovation.extension", "renovation_id")
    deduction_ids = fields.One2many("property.renovation.deduction", "renovation_id")
    complaint_ids = fields.One2many(
        "helpdesk.ticket", "renovation_id", string="Neighbours' Complaints"
    )
    inspection_count = fields.Integer(compute="_compute_counts", compute_sudo=True)
    notice_count = fields.Integer(compute="_compute_counts", compute_sudo=True)
    open_notice_count = fields.Integer(compute="_compute_counts", compute_sudo=True)
    complaint_count = fields.Integer(compute="_compute_counts", compute_sudo=True)
    # Completion and refund
    completed_at = fields.Datetime(readonly=True, copy=False)
    accepted_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    accepted_at = fields.Datetime(readonly=True, copy=False)
    acceptance_note = fields.Text(readonly=True, copy=False)
    deduction_total = fields.Monetary(compute="_compute_refund_amount")
    refund_amount = fields.Monetary(compute="_compute_refund_amount")
    refund_move_id = fields.Many2one(
        "account.move", string="Deposit Credit Note", readonly=True, copy=False
    )
    refund_payment_id = fields.Many2one("account.payment", readonly=True, copy=False)
    refunded_at = fields.Datetime(readonly=True, copy=False)
    cancel_reason = fields.Text(readonly=True, copy=False)
    decision_note = fields.Text(
        string="Reason or Note",
        copy=False,
        help="Written before Refuse (the forbidden works and why), Cancel or Accept.",
    )

    _sql_constraints = [
        ("permit_number_uniq", "unique(permit_number)", "A permit number is used once."),
    ]

    # Creation and computed values ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        self._assign_number(vals_list, "property.renovation")
        renovations = super().create(vals_list)
        for renovation in renovations.filtered(lambda r: not r.inspector_id):
            renovation.inspector_id = renovation.estate_id.engineering_lead_id
        return renovations

    @api.depends("partner_id", "unit_id.owner_id")
    def _compute_applicant_is_owner(self):
        for renovation in self:
            owner = renovation.unit_id.owner_id.commercial_partner_id
            renovation.applicant_is_owner = bool(
                owner and renovation.partner_id.commercial_partner_id == owner
            )

    @api.depends("worker_ids", "inspection_ids", "notice_ids.state", "complaint_ids")
    def _compute_counts(self):
        for renovation in self:
            renovation.worker_count = len(renovation.worker_ids)
            renovation.inspection_count = len(renovation.inspection_ids)
            renovation.notice_count = len(renovation.notice_ids)
            renovation.open_notice_count = len(
                renovation.notice_ids.filtered(lambda n: n.state == "open")
            )
            renovation.complaint_count = len(renovation.complaint_ids)

    @api.depends("deposit_amount", "deduction_ids.amount", "deduction_ids.state")
    def _compute_refund_amount(self):
        for renovation in self:
            approved = renovation.deduction_ids.filtered(lambda d: d.state == "approved")
            renovation.deduction_total = sum(approved.mapped("amount"))
            renovation.refund_amount = renovation.deposit_amount - renovation.deduction_total

    def _compute_access_url(self):
        result = super()._compute_access_url()
        for renovation in self:
            renovation.access_url = f"/my/renovations/{renovation.id}"
        return result

    # Rules ----------------------------------------------------------------------------------

    @api.constrains("start_date", "end_date")
    def _check_dates(self):
        for renovation in self:
            if (
                renovation.start_date
                and renovation.end_date
                and renovation.end_date < renovation.start_date
            ):
                raise ValidationError(
                    self.env._("The planned end of the works cannot be before their start.")
                )

    @api.constrains("partner_id", "unit_id")
    def _check_applicant_of_unit(self):
        for renovation in self:
            unit = renovation.unit_id
            people = (unit.owner_id | unit.tenant_ids).commercial_partner_id
            if renovation.partner_id.commercial_partner_id not in people:
                raise ValidationError(
                    self.env._(
                        "%(person)s is neither the owner nor a tenant of unit %(unit)s: only "
                        "they may apply for a renovation of it.",
                        person=renovation.partner_id.name,
                        unit=unit.display_name,
                    )
                )

    def write(self, vals):
        if not self.env.su and APPLICATION_FIELDS & vals.keys():
            # Closed ones are refused as the official record by the mixin.
            open_states = (*APPLICATION_STATES, *CLOSED_STATES)
            if decided := self.filtered(lambda r: r.state not in open_states):
                raise UserError(
                    self.env._(
                        "Renovation %s is approved: its application can no longer be changed "
                        "(ask for an extension to move the end of the works).",
                        ", ".join(decided.mapped("name")),
                    )
                )
        return super().write(vals)

    def _system_frozen(self):
        return self.filtered(lambda r: r.state in CLOSED_STATES)

    def _kept_on_record(self):
        return self.filtered(lambda r: r.state != "draft")

    def _check_state(self, allowed, action):
        if wrong := self.filtered(lambda r: r.state not in allowed):
            raise UserError(
                self.env._(
                    "%(action)s is not possible on renovation %(names)s in its state.",
                    action=action,
                    names=", ".join(wrong.mapped("name")),
                )
            )

    def _missing_in_application(self):
        """What the application still lacks, in words the desk can pass on to the owner."""
        self.ensure_one()
        labels = {
            "scope": self.env._("the scope of works"),
            "contractor_name": self.env._("the contractor"),
            "contractor_licence": self.env._("the contractor's licence number"),
            "contractor_manager": self.env._("the contractor's person in charge"),
            "contractor_phone": self.env._("the contractor's phone"),
            "start_date": self.env._("the start date"),
            "end_date": self.env._("the planned end"),
        }
        missing = [label for name, label in labels.items() if not (self[name] or "")]
        if not self.plan_attachment_ids:
            missing.append(self.env._("the plan (attach the drawings)"))
        if not self.worker_ids:
            missing.append(self.env._("the workers"))
        if not self.applicant_is_owner and not self.owner_consent_file:
            missing.append(self.env._("the owner's written consent (the applicant is a tenant)"))
        return missing

    # Application and decisions ---------------------------------------------------------------

    def action_submit(self):
        """The desk files the owner's application (the portal does it through its own page)."""
        self._check_caller(DESK)
        return self._submit()

    def _submit(self):
        self._check_state(("draft",), self.env._("Submitting"))
        for renovation in self:
            if missing := renovation._missing_in_application():
                raise UserError(
                    self.env._(
                        "Renovation %(name)s cannot be submitted yet; missing: %(missing)s.",
                        name=renovation.name,
                        missing=", ".join(missing),
                    )
                )
        self._write_system({"state": "submitted", "submitted_at": fields.Datetime.now()})
        for renovation in self:
            lead = renovation.estate_id.engineering_lead_id
            if lead:
                renovation.sudo().activity_schedule(
                    "property_service_desk.mail_activity_type_renovation_review",
                    user_id=lead.id,
                    date_deadline=renovation.estate_id._local_date(),
                )
        return True

    def action_review_pass(self):
        """The engineering lead finds no forbidden works in the application."""
        self._check_caller(
            ENGINEERING_LEAD,
            message=self.env._("Only an engineering lead reviews renovation applications."),
        )
        self._check_state(("submitted",), self.env._("Reviewing"))
        self._write_system(
            {
                "state": "reviewed",
                "reviewed_by_id": self.env.uid,
                "reviewed_at": fields.Datetime.now(),
            }
        )
        self._done_activities("property_service_desk.mail_activity_type_renovation_review")
        return True

    def action_review_refuse(self, reason=None):
        """Forbidden works (e.g. a load-bearing wall removed): refused with the reasons, and the
        applicant is told."""
        self._check_caller(
            ENGINEERING_LEAD,
            message=self.env._("Only an engineering lead reviews renovation applications."),
        )
        reason = (reason or self[:1].decision_note or "").strip()
        if not reason:
            raise UserError(self.env._("Write which works are forbidden and why."))
        self._check_state(("submitted", "reviewed"), self.env._("Refusing"))
        self._write_system(
            {
                "state": "refused",
                "refusal_reason": reason,
                "reviewed_by_id": self.env.uid,
                "reviewed_at": fields.Datetime.now(),
            }
        )
        self._done_activities("property_service_desk.mail_activity_type_renovation_review")
        for renovation in self:
            renovation.sudo().message_post(
                body=self.env._(
                    "Your renovation application %(name)s is refused: %(reason)s",
                    name=renovation.name,
                    reason=reason,
                ),
                partner_ids=renovation.partner_id.ids,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        return True

    def action_approve(self):
        """The service centre approves the reviewed application; the fees can be invoiced."""
        self._check_caller(
            PROJECT_MANAGER,
            message=self.env._("Only the service centre's managers approve renovations."),
        )
        self._check_state(("reviewed",), self.env._("Approving"))
        self._write_system(
            {
                "state": "approved",
                "approved_by_id": self.env.uid,
                "approved_at": fields.Datetime.now(),
            }
        )
        return True

    def action_cancel(self, reason=None):
        """Withdrawn before any money was asked for; afterwards the deposit is refunded."""
        self._check_caller(DESK)
        reason = (reason or self[:1].decision_note or "").strip()
        if not reason:
            raise UserError(self.env._("Write why the renovation is cancelled."))
        self._check_state(("draft", "submitted", "reviewed", "approved"), self.env._("Cancelling"))
        if self.filtered("deposit_move_id"):
            raise UserError(
                self.env._(
                    "The deposit is already invoiced: cancel the invoice in Accounting first."
                )
            )
        self._write_system({"state": "cancelled", "cancel_reason": reason})
        return True

    def _done_activities(self, xmlid):
        activity_type = self.env.ref(xmlid)
        self.sudo().activity_ids.filtered(
            lambda a: a.activity_type_id == activity_type
        ).action_feedback()

    # Fees and permit -------------------------------------------------------------------------

    def action_invoice_fees(self):
        """The accountant invoices the deposit and the fees of the published price list, once."""
        self.ensure_one()
        self._check_caller(ACCOUNTANT, access="read")
        lock_rows(self, ["deposit_move_id", "fee_move_id"])
        self._check_state(("approved",), self.env._("Invoicing the fees"))
        company = self.company_id
        if company.property_renovation_deposit <= 0:
            raise UserError(
                self.env._("Set the renovation deposit in the Settings before invoicing it.")
            )
        vals = {}
        if not self.deposit_move_id:
            vals["deposit_amount"] = company.property_renovation_deposit
            vals["deposit_move_id"] = self._create_posted_invoice(
                [self._deposit_line(company.property_renovation_deposit)]
            ).id
        if not self.fee_move_id and (fee_lines := self._fee_lines()):
            vals["fee_move_id"] = self._create_posted_invoice(fee_lines).id
        if vals:
            self.sudo()._write_system(vals)
        return self.deposit_move_id._get_records_action()

    def _customer_env(self):
        """The environment in the customer's language: the invoice's lines are theirs to read
        (as Odoo labels a product's line in the partner's language)."""
        return self.with_context(lang=self.partner_id.lang or self.env.lang).env

    def _deposit_line(self, amount):
        return {
            "product_id": self.env.ref("property_service_desk.product_renovation_deposit").id,
            "name": self._customer_env()._("Renovation deposit %s (refundable)", self.name),
            "quantity": 1,
            "price_unit": amount,
            "tax_ids": [fields.Command.clear()],
        }

    def _fee_lines(self):
        """Rubbish removal at the amount of the Settings (0: not charged)."""
        fee = self.company_id.property_renovation_rubbish_fee
        if fee <= 0:
            return []
        product = self.env.ref("property_service_desk.product_renovation_rubbish")
        return [
            {
                "product_id": product.id,
                "name": self._customer_env()._("Renovation rubbish removal, %s", self.name),
                "quantity": 1,
                "price_unit": fee,
            }
        ]

    def _invoice_link_vals(self):
        return {"property_renovation_id": self.id}

    def action_issue_permit(self):
        """The permit (装修许可证) and the worker passes, only once the deposit is paid."""
        self._check_caller(DESK)
        lock_rows(self)
        self._check_state(("approved",), self.env._("Issuing the permit"))
        for renovation in self:
            renovation._check_deposit_paid()
            renovation._write_system(
                {
                    "state": "permitted",
                    "permit_number": self.env["ir.sequence"].next_by_code(
                        "property.renovation.permit"
                    ),
                    "permitted_at": fields.Datetime.now(),
                    "permit_end_date": renovation.end_date,
                    "next_inspection_on": renovation.start_date
                    + timedelta(days=renovation.company_id.property_renovation_inspection_days),
                }
            )
            renovation.worker_ids._issue_passes()
        return True

    def action_issue_passes(self):
        """Passes for workers added after the permit."""
        self._check_caller(DESK)
        self._check_state(("permitted",), self.env._("Issuing worker passes"))
        for renovation in self:
            renovation._check_deposit_paid()
            renovation.worker_ids._issue_passes()
        return True

    def _check_workers_editable(self):
        if closed := self.filtered(
            lambda r: r.state not in (*APPLICATION_STATES, "approved", "permitted")
        ):
            raise UserError(
                self.env._(
                    "Renovation %s is finished: no worker can be added to it.",
                    ", ".join(closed.mapped("name")),
                )
            )

    def _check_deposit_paid(self):
        if self.deposit_payment_state not in PAID_STATES:
            raise UserError(
                self.env._(
                    "Renovation %s: the permit and the worker passes are issued only once the "
                    "deposit is paid.",
                    self.name,
                )
            )

    def action_print_permit(self):
        self.ensure_one()
        self._check_caller(DESK, access="read")
        if self.state not in ("permitted", "completed", "accepted", "refunded"):
            raise UserError(self.env._("The permit is printed once it is issued."))
        return self.env.ref(
            "property_service_desk.property_renovation_report_permit"
        ).report_action(self)

    # Works ------------------------------------------------------------------------------------

    def _stop_works(self, notice):
        self._write_system({"works_stopped": True})
        self.message_post(body=self.env._("Works stopped by rectification notice %s.", notice.name))

    def _resume_works_if_clear(self):
        for renovation in self.filtered("works_stopped"):
            if not renovation.notice_ids.filtered(lambda n: n.state == "open" and n.stop_works):
                renovation._write_system({"works_stopped": False})
                renovation.message_post(body=self.env._("Works may resume."))

    def _extend_permit(self, end_date):
        self._write_system({"permit_end_date": end_date, "overrun_flagged": False})

    @api.model
    def _cron_follow_works(self, now=None, batch_size=100):
        """Schedule the routine inspections to the estate's staff and flag works running past
        their permit; rows are claimed (ClaimedRows) so that two workers never act twice."""
        now = now or fields.Datetime.now()
        queue = ClaimedRows(
            self,
            SQL(
                "r.state = 'permitted' AND ((r.next_inspection_on <= %(today)s)"
                " OR (r.permit_end_date < %(today)s AND NOT COALESCE(r.overrun_flagged, FALSE)))",
                today=local_date_sql(now),
            ),
            what="Renovation follow-up",
            now=now,
            alias="r",
            joins=estate_joins(SQL("r.estate_id")),
        )
        return queue.run(
            lambda renovation: renovation._follow_works(renovation.estate_id._local_date(now)),
            batch_size,
        )

    def _follow_works(self, today):
        if self.next_inspection_on and self.next_inspection_on <= today:
            self._schedule_routine_inspection(today)
        if self.permit_end_date and self.permit_end_date < today and not self.overrun_flagged:
            self._flag_overrun()

    def _schedule_routine_inspection(self, today):
        days = max(self.company_id.property_renovation_inspection_days, 1)
        planned = self.inspection_ids.filtered(lambda i: i.state == "planned")
        if not planned:
            self.env["property.renovation.inspection"].sudo().create(
                {
                    "renovation_id": self.id,
                    "kind": "routine",
                    "scheduled_date": self.next_inspection_on,
                    "inspector_id": self.inspector_id.id,
                }
            )
        self.sudo()._write_system({"next_inspection_on": today + timedelta(days=days)})

    def _flag_overrun(self):
        self.sudo()._write_system({"overrun_flagged": True})
        responsible = self.inspector_id or self.estate_id.engineering_lead_id
        self.sudo().activity_schedule(
            "property_service_desk.mail_activity_type_renovation_overrun",
            user_id=responsible.id or self.env.uid,
            date_deadline=self.estate_id._local_date(),
            note=self.env._(
                "Works of %(name)s run past the permit (valid until %(end)s) without an approved "
                "extension.",
                name=self.name,
                end=self.permit_end_date,
            ),
        )

    def action_complete(self):
        """The owner declares the works finished (the desk records it)."""
        self._check_caller(DESK)
        return self._complete()

    def _complete(self):
        self._check_state(("permitted",), self.env._("Completing the works"))
        self._write_system({"state": "completed", "completed_at": fields.Datetime.now()})
        self.inspection_ids.filtered(lambda i: i.state == "planned").sudo()._cancel_planned()
        return True

    def action_accept(self, note=None):
        """Completion acceptance (装修验收) by engineering: every notice rectified first."""
        self._check_caller(
            ENGINEERING_LEAD,
            message=self.env._("Only an engineering lead accepts the completed works."),
        )
        self._check_state(("completed",), self.env._("Accepting the works"))
        for renovation in self:
            # An unremedied violation is settled by a deduction from the deposit instead.
            open_notices = renovation.notice_ids.filtered(lambda n: n.state == "open")
            if open_notices - renovation.deduction_ids.notice_id:
                raise UserError(
                    self.env._(
                        "Renovation %s has open rectification notices: verify the rectification "
                        "first, or record a deduction from the deposit for the notice.",
                        renovation.name,
                    )
                )
        self._write_system(
            {
                "state": "accepted",
                "accepted_by_id": self.env.uid,
                "accepted_at": fields.Datetime.now(),
                "acceptance_note": (note or self[:1].decision_note or "").strip() or False,
            }
        )
        return True

    # Refund ------------------------------------------------------------------------------------

    def action_refund_deposit(self):
        """The deposit back through Accounting, minus the approved deductions: a credit note and
        an outgoing payment, never twice."""
        self.ensure_one()
        self._check_caller(ACCOUNTANT, access="read")
        self._lock_for_refund()
        self._check_state(("accepted",), self.env._("Refunding the deposit"))
        if self.refund_move_id:
            raise UserError(self.env._("The deposit of %s is already refunded.", self.name))
        self._check_deposit_paid()
        if self.deduction_ids.filtered(lambda d: d.state == "draft"):
            raise UserError(
                self.env._(
                    "Renovation %s has deductions waiting for the operations general manager: "
                    "approve or delete them first.",
                    self.name,
                )
            )
        if self.refund_amount < 0:
            raise UserError(self.env._("The deductions exceed the deposit of %s.", self.name))
        credit_note = self._create_posted_invoice(self._refund_lines(), "out_refund")
        payment = self._pay_refund(credit_note)
        self.sudo()._write_system(
            {
                "state": "refunded",
                "refund_move_id": credit_note.id,
                "refund_payment_id": payment.id,
                "refunded_at": fields.Datetime.now(),
            }
        )
        return credit_note._get_records_action()

    def _lock_for_refund(self):
        """SELECT … FOR UPDATE NOWAIT: a second click or desk refunding at the same moment is
        told so at once instead of paying twice after the first commits."""
        lock_rows(
            self,
            nowait=True,
            busy=self.env._(
                "The deposit of %s is being refunded by someone else right now; reload the "
                "renovation in a moment.",
                self.name,
            ),
        )

    def _refund_lines(self):
        """The whole deposit is credited; each deduction is kept as income with its reason."""
        lines = [self._deposit_line(self.deposit_amount)]
        product = self.env.ref("property_service_desk.product_renovation_deduction")
        for deduction in self.deduction_ids.filtered(lambda d: d.state == "approved"):
            lines.append(
                {
                    "product_id": product.id,
                    "name": self._customer_env()._("Deduction: %s", deduction.reason),
                    "quantity": 1,
                    "price_unit": -deduction.amount,
                    "tax_ids": [fields.Command.clear()],
                }
            )
        return lines

    def _pay_refund(self, credit_note):
        if credit_note.currency_id.is_zero(credit_note.amount_total):
            return self.env["account.payment"]
        return (
            self.env["account.payment.register"]
            .sudo()
            .with_context(active_model="account.move", active_ids=credit_note.ids)
            .create({})
            ._create_payments()
        )
