from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ...tools.groups import ACCOUNTANT, DESK, ENGINEERING_LEAD, PROJECT_MANAGER, TECHNICIAN
from ...tools.row_claims import lock_rows

APPROVAL_ACTIVITY = "property_service_desk.mail_activity_type_paid_service_approval"

PAID_STATES = ("paid", "in_payment")


class PropertyWorkOrder(models.Model):
    """A work order (客户报事办理单): dispatched, done on site, signed, charged, archived."""

    _name = "property.work.order"
    _description = "Work Order"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "property.register.mixin",
        "property.system.fields.mixin",
        "property.invoicing.mixin",
    ]
    _order = "deadline asc, id desc"
    _register_date_field = "done_at"
    _check_company_auto = True
    _system_sequence_field = "name"
    _system_fields = (
        "name",
        "state",
        "cancel_reason",
        "dispatched_by_id",
        "dispatched_at",
        "check_in_at",
        "done_at",
        "signed_at",
        "signed_document_id",
        "prepayment_move_id",
        "invoice_move_id",
        "rework_of_id",
        "approved_by_id",
        "approved_at",
        "awaits_approval",
        "accepted_by_id",
        "accepted_at",
        "refund_move_id",
        "fee_payment_id",
        "fee_method",
        "fee_collected_by_id",
        "fee_collected_at",
    )

    name = fields.Char(
        string="Number", required=True, readonly=True, copy=False, default="/", index="trigram"
    )
    ticket_id = fields.Many2one(
        "helpdesk.ticket",
        string="Request",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        domain="[('request_kind', 'in', ('repair', 'special'))]",
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    estate_id = fields.Many2one(related="ticket_id.estate_id", store=True, index=True)
    unit_id = fields.Many2one(related="ticket_id.unit_id", store=True)
    area_scope = fields.Selection(related="ticket_id.area_scope", store=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        compute="_compute_partner_id",
        store=True,
        readonly=False,
        tracking=True,
        help="Who pays: the owner or the tenant of the unit.",
    )
    description = fields.Text(string="Work Requested")
    work_done = fields.Text(string="Process and Result")
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("dispatched", "Dispatched"),
            ("on_site", "On Site"),
            ("done", "Done"),
            ("signed", "Signed"),
            ("closed", "Closed"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        index=True,
        tracking=True,
        copy=False,
    )
    cancel_reason = fields.Text(readonly=True, copy=False)
    technician_ids = fields.Many2many(
        "res.users",
        string="Technicians",
        tracking=True,
        domain="[('share', '=', False)]",
    )
    technician_names = fields.Char(compute="_compute_technician_names")
    dispatched_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    dispatched_at = fields.Datetime(readonly=True, copy=False)
    check_in_at = fields.Datetime(string="On Site At", readonly=True, copy=False)
    done_at = fields.Datetime(readonly=True, copy=False)
    signed_at = fields.Datetime(readonly=True, copy=False)
    deadline = fields.Datetime(
        related="ticket_id.next_deadline", store=True, string="Next Deadline"
    )
    labour_hours = fields.Float(bounds=(0, 1000))
    line_ids = fields.One2many(
        "property.work.order.line", "order_id", string="Services and Materials", copy=True
    )
    amount_untaxed = fields.Monetary(compute="_compute_amounts", store=True)
    amount_tax = fields.Monetary(compute="_compute_amounts", store=True)
    amount_total = fields.Monetary(compute="_compute_amounts", store=True, tracking=True)

    # Free or paid (无偿 / 有偿)
    owner_caused = fields.Boolean(
        string="Damage Caused by the Customer",
        tracking=True,
        help="Damage by the household is charged even under warranty.",
    )
    rule_charge_type = fields.Selection(
        [("free", "Free"), ("paid", "Paid")],
        compute="_compute_rule_charge_type",
        compute_sudo=True,  # the rule reads the request, which the accountant may not read
        string="Charge by Rule",
    )
    charge_override = fields.Selection(
        [("free", "Free"), ("paid", "Paid")],
        tracking=True,
        help="Set by an engineering lead or above, with a reason, to overrule the rule.",
    )
    override_reason = fields.Text(tracking=True)
    charge_type = fields.Selection(
        [("free", "Free"), ("paid", "Paid")],
        compute="_compute_charge_type",
        store=True,
        index=True,
    )
    is_large = fields.Boolean(
        string="Large Job",
        compute="_compute_is_large",
        store=True,
        help="Above the large-job threshold of the Settings: agreement and prepayment first.",
    )

    # Signatures and archiving
    customer_signature = fields.Binary(copy=False, attachment=True)
    technician_signature = fields.Binary(copy=False, attachment=True)
    agreement_signature = fields.Binary(
        string="Agreement Signed by the Customer",
        copy=False,
        attachment=True,
        help="Large jobs: the customer signs the short agreement before dispatch.",
    )
    signed_document_id = fields.Many2one("ir.attachment", readonly=True, copy=False)

    # Accounting
    prepayment_move_id = fields.Many2one("account.move", readonly=True, copy=False)
    prepayment_state = fields.Selection(related="prepayment_move_id.payment_state")
    invoice_move_id = fields.Many2one("account.move", string="Invoice", readonly=True, copy=False)
    invoice_payment_state = fields.Selection(
        related="invoice_move_id.payment_state", string="Payment"
    )
    to_invoice = fields.Boolean(compute="_compute_to_invoice", store=True, index=True)

    # Rework (返修)
    rework_of_id = fields.Many2one(
        "property.work.order", readonly=True, copy=False, index="btree_not_null"
    )
    rework_ids = fields.One2many("property.work.order", "rework_of_id")

    # Approval of a paid service (source document 001: 经主任确定后安排) and acceptance of a
    # common-area repair by the engineering lead (SPEC §4)
    approved_by_id = fields.Many2one(
        "res.users", string="Paid Service Approved By", readonly=True, copy=False
    )
    approved_at = fields.Datetime(readonly=True, copy=False)
    awaits_approval = fields.Boolean(
        compute="_compute_awaits_approval",
        store=True,
        help="A paid service not yet approved by the estate's director (the project manager).",
    )
    needs_acceptance = fields.Boolean(
        compute="_compute_needs_acceptance",
        help="A common-area repair is checked and accepted by the engineering lead before it "
        "is closed.",
    )
    accepted_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    accepted_at = fields.Datetime(readonly=True, copy=False)

    # Money that balances: the prepayments, the surplus refunded, the fee collected on site
    prepaid_amount = fields.Monetary(
        compute="_compute_prepaid_amount", help="Prepayments invoiced for this order."
    )
    prepayment_due = fields.Boolean(compute="_compute_prepaid_amount")
    refund_move_id = fields.Many2one(
        "account.move",
        string="Prepayment Refund",
        readonly=True,
        copy=False,
        help="Credit note of the prepayment above the final amount, refunded to the customer.",
    )
    refund_payment_state = fields.Selection(related="refund_move_id.payment_state", string="Refund")

    _sql_constraints = [
        ("labour_positive", "check(labour_hours >= 0)", "Labour hours cannot be negative.")
    ]

    @api.model_create_multi
    def create(self, vals_list):
        self._assign_number(vals_list, "property.work.order")
        orders = super().create(vals_list)
        orders._ask_for_approval()
        return orders

    def _ask_for_approval(self):
        """A paid service awaits the estate's director (the project manager): an activity for
        them as soon as the order exists (source document 001: 有偿服务经主任确定)."""
        for order in self.filtered("awaits_approval"):
            approver = order.estate_id.project_manager_id
            if approver:
                order.sudo().activity_schedule(
                    APPROVAL_ACTIVITY,
                    user_id=approver.id,
                    date_deadline=order.estate_id._local_date(),
                )

    @api.depends("state", "charge_type", "approved_by_id")
    def _compute_awaits_approval(self):
        for order in self:
            order.awaits_approval = (
                order.state == "draft" and order.charge_type == "paid" and not order.approved_by_id
            )

    @api.depends("ticket_id", "charge_type", "estate_id.common_repair_partner_id")
    def _compute_partner_id(self):
        for order in self:
            order.partner_id = (
                order._payer() or order.ticket_id.partner_id or order.unit_id.owner_id
            )

    def _payer(self):
        """A paid common-area repair is billed to whoever the estate bills them to (SPEC §4)."""
        if self.area_scope == "common" and self.charge_type == "paid":
            return self.estate_id.common_repair_partner_id
        return self.env["res.partner"]

    @api.depends("technician_ids.name")
    def _compute_technician_names(self):
        for order in self:
            order.technician_names = ", ".join(order.technician_ids.mapped("name"))

    @api.depends("line_ids.price_subtotal", "line_ids.price_total")
    def _compute_amounts(self):
        for order in self:
            order.amount_untaxed = sum(order.line_ids.mapped("price_subtotal"))
            order.amount_total = sum(order.line_ids.mapped("price_total"))
            order.amount_tax = order.amount_total - order.amount_untaxed

    @api.depends(
        "area_scope",
        "unit_id.warranty_end_date",
        "owner_caused",
        "ticket_id.received_at",
        "ticket_id.request_kind",
        "ticket_id.is_warranty_repair",
        "ticket_id.building_id.common_warranty_end_date",
        "estate_id.common_warranty_end_date",
    )
    def _compute_rule_charge_type(self):
        for order in self:
            order.rule_charge_type = order._charge_by_rule()

    def _charge_by_rule(self):
        """SPEC §4: a special service is paid; a warranty repair is free; a common area is
        free under the warranty of the common parts (the building's date, else the estate's),
        paid after it; a private part under warranty, not damaged by the customer, is free;
        everything else is paid."""
        ticket = self.ticket_id
        if ticket.request_kind == "special":
            return "paid"
        if ticket.is_warranty_repair:
            return "free"
        day = ticket.estate_id._local_date(ticket.received_at or None)
        if self.area_scope == "common":
            warranty_end = (
                ticket.building_id._common_warranty_end()
                if ticket.building_id
                else self.estate_id.common_warranty_end_date
            )
            return "paid" if warranty_end and day > warranty_end else "free"
        warranty_end = self.unit_id.warranty_end_date
        if warranty_end and day <= warranty_end and not self.owner_caused:
            return "free"
        return "paid"

    @api.depends("rule_charge_type", "charge_override")
    def _compute_charge_type(self):
        for order in self:
            order.charge_type = order.charge_override or order.rule_charge_type

    @api.depends("amount_total", "charge_type", "company_id.property_large_job_threshold")
    def _compute_is_large(self):
        for order in self:
            order.is_large = (
                order.charge_type == "paid"
                and order.amount_total > order.company_id.property_large_job_threshold
            )

    @api.depends("state", "charge_type", "invoice_move_id", "amount_total")
    def _compute_to_invoice(self):
        for order in self:
            order.to_invoice = (
                order.charge_type == "paid"
                and order.state in ("done", "signed", "closed")
                and not order.invoice_move_id
                and order.amount_total > 0
            )

    @api.depends("area_scope")
    def _compute_needs_acceptance(self):
        for order in self:
            order.needs_acceptance = order.area_scope == "common"

    @api.depends("prepayment_move_id.amount_total", "amount_total", "is_large", "state")
    def _compute_prepaid_amount(self):
        for order in self:
            moves = order._prepayment_moves()
            order.prepaid_amount = sum(moves.mapped("amount_total"))
            order.prepayment_due = (
                order.is_large
                and order.state == "draft"
                and order.currency_id.compare_amounts(order.amount_total, order.prepaid_amount) > 0
            )

    def _prepayment_moves(self):
        """The order's posted prepayment invoices (the first one, and any balance after the
        order grew)."""
        self.ensure_one()
        if not self.id:
            return self.env["account.move"]
        moves = (
            self.env["account.move"]
            .sudo()
            .search(
                [("property_work_order_id", "=", self.id), ("property_is_prepayment", "=", True)]
            )
        )
        return (moves | self.sudo().prepayment_move_id).filtered(lambda m: m.state == "posted")

    @api.constrains("charge_override", "override_reason")
    def _check_override_reason(self):
        for order in self:
            if order.charge_override and not (order.override_reason or "").strip():
                raise ValidationError(
                    self.env._(
                        "Write why work order %s is charged differently from the rule.", order.name
                    )
                )

    # Edit rights ---------------------------------------------------------------------------

    # A signed order is frozen (`_system_frozen`) but for what its later actions write (payment,
    # invoice, acceptance, cancellation): every system field but its number and the steps up to
    # the signature.
    _system_frozen_writable = frozenset(_system_fields) - {
        "name",
        "dispatched_by_id",
        "dispatched_at",
        "check_in_at",
        "done_at",
        "signed_at",
        "rework_of_id",
        "approved_by_id",
        "approved_at",
    }

    def write(self, vals):
        if "charge_override" in vals:
            self._check_caller(
                ENGINEERING_LEAD,
                message=self.env._("Only an engineering lead or above may overrule free or paid."),
            )
        return super().write(vals)

    def _system_frozen(self):
        return self.filtered(lambda o: o.state in ("signed", "closed"))

    def _system_frozen_message(self, frozen):
        return self.env._(
            "Work order %s is signed: it can no longer be changed.",
            ", ".join(frozen.mapped("name")),
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_draft(self):
        if self.filtered(lambda o: o.state != "draft"):
            raise UserError(
                self.env._(
                    "Only draft work orders can be deleted; cancel the others with a reason."
                )
            )

    def _check_state(self, allowed, action):
        wrong = self.filtered(lambda o: o.state not in allowed)
        if wrong:
            raise UserError(
                self.env._(
                    "%(action)s is not possible on work order %(orders)s in its state.",
                    action=action,
                    orders=", ".join(wrong.mapped("name")),
                )
            )

    # Flow ---------------------------------------------------------------------------------

    def action_approve(self):
        """The estate's director (the project manager) or above approves a paid service before
        it is dispatched (source document 001, 客服部职责: 有偿服务经主任确定)."""
        self._check_caller(
            PROJECT_MANAGER,
            message=self.env._(
                "Only the estate's director (the project manager) or above approves paid services."
            ),
        )
        self._check_state(("draft",), self.env._("Approving"))
        if free := self.filtered(lambda o: o.charge_type != "paid"):
            raise UserError(
                self.env._(
                    "Work order %s is free: it needs no approval.", ", ".join(free.mapped("name"))
                )
            )
        self.filtered(lambda o: not o.approved_by_id)._write_system(
            {"approved_by_id": self.env.uid, "approved_at": fields.Datetime.now()}
        )
        self._approval_done()
        return True

    def _approval_done(self):
        activity_type = self.env.ref(APPROVAL_ACTIVITY)
        self.sudo().activity_ids.filtered(
            lambda a: a.activity_type_id == activity_type
        ).action_feedback()

    def action_dispatch(self):
        """The engineering lead dispatches: a paid service once the estate's manager approved
        it, a large paid job only against its prepayment."""
        self._check_caller(
            ENGINEERING_LEAD, message=self.env._("Only an engineering lead dispatches work orders.")
        )
        self._check_state(("draft",), self.env._("Dispatching"))
        for order in self:
            if not order.technician_ids:
                raise UserError(self.env._("Choose the technicians of %s.", order.name))
            if order.charge_type == "paid":
                order._check_approved()
            if order.is_large:
                order._check_prepaid()
        self._write_system(
            {
                "state": "dispatched",
                "dispatched_by_id": self.env.uid,
                "dispatched_at": fields.Datetime.now(),
            }
        )
        return True

    def _check_approved(self):
        if self.approved_by_id:
            return
        if not (self.env.su or self.env.user.has_group(PROJECT_MANAGER)):
            raise UserError(
                self.env._(
                    "Paid service %s must be approved by the estate's director (the project "
                    "manager) before it is dispatched.",
                    self.name,
                )
            )
        # A dispatcher who is the estate's director approves by dispatching.
        self._write_system({"approved_by_id": self.env.uid, "approved_at": fields.Datetime.now()})
        self._approval_done()

    def _check_prepaid(self):
        if not self.agreement_signature:
            raise UserError(
                self.env._("Large job %s: the customer must sign the agreement first.", self.name)
            )
        prepayments = self._prepayment_moves()
        if not prepayments or any(m.payment_state not in PAID_STATES for m in prepayments):
            raise UserError(
                self.env._("Large job %s: the prepayment must be paid before dispatch.", self.name)
            )
        if self.prepayment_due:
            raise UserError(
                self.env._(
                    "Large job %(order)s now costs %(amount)s, more than its prepayment of "
                    "%(prepaid)s: the accountant invoices the balance, to be paid before dispatch.",
                    order=self.name,
                    amount=self.amount_total,
                    prepaid=self.prepaid_amount,
                )
            )

    def action_check_in(self):
        """The technician is on site: this is the request's "on site" event."""
        self._check_caller(TECHNICIAN)
        self._check_state(("dispatched",), self.env._("Checking in"))
        now = fields.Datetime.now()
        self._write_system({"state": "on_site", "check_in_at": now})
        # Technicians may not edit the request itself: its "on site" event is a consequence.
        self.ticket_id.sudo()._reach_on_site(now)
        return True

    def action_add_material(self):
        """From the job card on a phone: add a service or material to the order."""
        self.ensure_one()
        self._check_caller(TECHNICIAN)
        self._check_state(("dispatched", "on_site", "done"), self.env._("Adding a material"))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Add a Service or Material"),
            "res_model": "property.work.order.line",
            "view_mode": "form",
            "views": [
                (
                    self.env.ref("property_service_desk.property_work_order_line_view_form").id,
                    "form",
                )
            ],
            "target": "new",
            "context": {"default_order_id": self.id},
        }

    def action_done(self):
        self._check_caller(TECHNICIAN)
        self._check_state(("on_site",), self.env._("Finishing"))
        self._write_system({"state": "done", "done_at": fields.Datetime.now()})
        for order in self:
            ticket = order.ticket_id.sudo()
            if order.is_large and not ticket.high_quality_demand:
                ticket.high_quality_demand = True
            ticket._schedule_callbacks()
        return True

    def action_sign(self):
        """Both signatures collected: the signed work order is archived as a PDF."""
        self._check_caller(TECHNICIAN)
        self._check_state(("done",), self.env._("Signing"))
        for order in self:
            if not (order.customer_signature and order.technician_signature):
                raise UserError(
                    self.env._(
                        "Work order %s needs the signatures of the customer and of the technician.",
                        order.name,
                    )
                )
        self._write_system({"state": "signed", "signed_at": fields.Datetime.now()})
        for order in self:
            order._write_system({"signed_document_id": order._archive_signed_pdf().id})
        return True

    def _archive_signed_pdf(self):
        report = self.env.ref("property_service_desk.property_work_order_report")
        content, _type = report._render_qweb_pdf(report.report_name, self.ids)
        return self.env["ir.attachment"].create(
            {
                "name": f"{self.name.replace('/', '-')}-signed.pdf",
                "type": "binary",
                "raw": content,
                "res_model": self._name,
                "res_id": self.id,
                "mimetype": "application/pdf",
            }
        )

    def action_accept(self):
        """The engineering lead checks and accepts a common-area repair (SPEC §4)."""
        self._check_caller(
            ENGINEERING_LEAD,
            message=self.env._("Only an engineering lead accepts common-area repairs."),
        )
        self._check_state(("done", "signed"), self.env._("Accepting"))
        if private := self.filtered(lambda o: not o.needs_acceptance):
            raise UserError(
                self.env._(
                    "Work order %s is not a common-area repair: it needs no acceptance.",
                    ", ".join(private.mapped("name")),
                )
            )
        self.filtered(lambda o: not o.accepted_by_id)._write_system(
            {"accepted_by_id": self.env.uid, "accepted_at": fields.Datetime.now()}
        )
        return True

    def action_close(self):
        """The desk archives the signed order: a paid one invoiced (and a prepayment surplus
        refunded), a common-area repair accepted by the engineering lead."""
        self._check_caller(DESK)
        self._check_state(("signed",), self.env._("Closing"))
        if self.filtered("to_invoice"):
            raise UserError(self.env._("Invoice the paid work order before closing it."))
        for order in self:
            if order.needs_acceptance and not order.accepted_by_id:
                raise UserError(
                    self.env._(
                        "Common-area repair %s must be checked and accepted by the engineering "
                        "lead before it is closed.",
                        order.name,
                    )
                )
            if order.refund_move_id and order.refund_payment_state not in (
                *PAID_STATES,
                "reversed",
            ):
                raise UserError(
                    self.env._(
                        "Refund the prepayment surplus of work order %s to the customer before "
                        "closing it.",
                        order.name,
                    )
                )
        self._write_system({"state": "closed"})
        return True

    def action_cancel(self, reason):
        self._check_caller(DESK)
        reason = (reason or "").strip()
        if not reason:
            raise UserError(self.env._("Write why the work order is cancelled."))
        self._check_state(("draft", "dispatched", "on_site"), self.env._("Cancelling"))
        self._write_system({"state": "cancelled", "cancel_reason": reason})
        return True

    def action_create_rework(self):
        """Rework (返修) of a finished order: a new free order linked to the original."""
        self.ensure_one()
        self._check_caller(
            ENGINEERING_LEAD, message=self.env._("Only an engineering lead orders a free rework.")
        )
        self._check_state(("done", "signed", "closed"), self.env._("Rework"))
        rework = self.sudo().copy(
            {
                "rework_of_id": self.id,
                "line_ids": [],
                "charge_override": "free",
                "override_reason": self.env._("Rework of %s", self.name),
                "description": self.env._(
                    "Rework of %(order)s: %(work)s",
                    order=self.name,
                    work=self.work_done or self.description or "",
                ),
            }
        )
        return rework._open_form()

    def _open_form(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
        }

    # Invoicing ------------------------------------------------------------------------------

    def action_view_invoice(self):
        self.ensure_one()
        self._check_caller(DESK, ACCOUNTANT, access="read")
        return self.invoice_move_id._get_records_action()

    def _lock_for_money(self):
        """Before money moves: a second click, desk or worker acting on the same order at once
        fails at once and is retried by Odoo after the first one committed, seeing what it
        did, instead of paying or invoicing twice."""
        lock_rows(self, nowait=True)

    def action_create_prepayment(self):
        """The accountant prepays a large job: its amount, or the balance when the order grew
        after a prepayment was paid. The order is the accountant's to read, not to edit, so the
        link to the prepayment is written as the system."""
        self.ensure_one()
        self._check_caller(ACCOUNTANT, access="read")
        self._lock_for_money()
        if not self.is_large:
            raise UserError(self.env._("Only large paid jobs are prepaid."))
        self._check_state(("draft",), self.env._("Prepaying"))
        self._check_payer()
        if self.prepayment_due and not self._open_prepayment():
            balance = self.amount_total - self.prepaid_amount
            move = self._create_posted_invoice([self._prepayment_line_vals(balance)])
            move.sudo().property_is_prepayment = True
            self.sudo()._write_system({"prepayment_move_id": move.id})
        return self.prepayment_move_id._get_records_action()

    def _prepayment_line_vals(self, amount):
        return {
            "product_id": self.env.ref("property_service_desk.product_work_order_prepayment").id,
            "name": self.env._("Prepayment for work order %s", self.name),
            "quantity": 1,
            "price_unit": amount,
            "tax_ids": [fields.Command.clear()],
        }

    def _open_prepayment(self):
        """A prepayment the customer has not paid anything of yet: it can still be re-issued."""
        return self._prepayment_moves().filtered(lambda m: m.payment_state == "not_paid")

    def _follow_prepayment(self):
        """Lines changed before dispatch: the unpaid prepayment follows the order's amount (or
        is cancelled when the job is no longer large). A paid one stays as it is: the balance
        is prepaid before dispatch, a surplus is refunded with the final invoice."""
        for order in self.filtered(lambda o: o.state == "draft" and o._open_prepayment()):
            order._lock_for_money()
            open_prepayment = order._open_prepayment()
            if not open_prepayment:
                continue
            open_prepayment = open_prepayment.sudo()
            target = (
                order.amount_total - (order.prepaid_amount - open_prepayment.amount_total)
                if order.is_large
                else 0
            )
            if not order.currency_id.compare_amounts(target, open_prepayment.amount_total):
                continue
            open_prepayment.button_draft()
            if order.currency_id.compare_amounts(target, 0) > 0:
                open_prepayment.invoice_line_ids.write({"price_unit": target})
                open_prepayment.action_post()
            else:
                open_prepayment.button_cancel()
                remaining = order._prepayment_moves() - open_prepayment
                order.sudo()._write_system({"prepayment_move_id": remaining[-1:].id})
            order.message_post(
                body=self.env._(
                    "Prepayment %(move)s follows the order's amount: %(amount)s.",
                    move=open_prepayment.name,
                    amount=target,
                ),
                subtype_xmlid="mail.mt_note",
            )

    def action_create_invoice(self):
        """The customer invoice of a paid order, once; prepayments are deducted, and what was
        prepaid above the final amount goes back by credit note (refunded by the accountant)."""
        self.ensure_one()
        self._check_caller(ACCOUNTANT, access="read")
        self._create_final_invoice()
        return self.invoice_move_id._get_records_action()

    def _create_final_invoice(self):
        """For the invoicing actions, after they checked their caller."""
        self._lock_for_money()
        if self.charge_type != "paid":
            raise UserError(self.env._("Work order %s is free: nothing to invoice.", self.name))
        self._check_state(("done", "signed", "closed"), self.env._("Invoicing"))
        if self.invoice_move_id:
            return self.invoice_move_id
        self._check_payer()
        invoice = self._create_posted_invoice(self._invoice_lines())
        self.sudo()._write_system({"invoice_move_id": invoice.id})
        surplus = self.prepaid_amount - self.amount_total
        if self.currency_id.compare_amounts(surplus, 0) > 0:
            refund = self._create_posted_invoice(
                [self._prepayment_line_vals(surplus)], move_type="out_refund"
            )
            self.sudo()._write_system({"refund_move_id": refund.id})
        return invoice

    def _check_payer(self):
        if self.area_scope == "common" and not self.estate_id.common_repair_partner_id:
            raise UserError(
                self.env._(
                    "Set who common repairs of estate %s are billed to (owners' committee, "
                    "maintenance fund or developer) before invoicing.",
                    self.estate_id.name,
                )
            )

    def action_refund_surplus(self):
        """The accountant pays the prepayment surplus back (an outgoing payment on the credit
        note): opens Accounting's payment form for it."""
        self.ensure_one()
        self._check_caller(ACCOUNTANT, access="read")
        if not self.refund_move_id or self.refund_payment_state in PAID_STATES:
            raise UserError(
                self.env._("Work order %s has no prepayment surplus to refund.", self.name)
            )
        return self.refund_move_id.action_register_payment()

    def _invoice_lines(self):
        """The order's lines, less what was prepaid (never below zero: a surplus is refunded)."""
        lines = [line._invoice_line_vals() for line in self.line_ids]
        to_deduct = min(self.prepaid_amount, self.amount_total)
        product = self.env.ref("property_service_desk.product_work_order_prepayment")
        for prepayment in self._prepayment_moves().sorted("id"):
            amount = min(prepayment.amount_total, to_deduct)
            if self.currency_id.is_zero(amount):
                break
            to_deduct -= amount
            lines.append(
                {
                    "product_id": product.id,
                    "name": self.env._("Prepayment %s deducted", prepayment.name),
                    "quantity": -1,
                    "price_unit": amount,
                    "tax_ids": [fields.Command.clear()],
                }
            )
        return lines

    def _invoice_partner(self):
        return self._payer() or self.partner_id

    def _invoice_link_vals(self):
        return {"property_work_order_id": self.id}
