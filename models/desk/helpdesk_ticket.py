from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..core.property_system_fields_mixin import DESK

REQUEST_KINDS = [
    ("basic", "Basic Service"),
    ("repair", "Repair"),
    ("special", "Special Service"),
    ("dispute", "Dispute Mediation"),
    ("consultation", "Consultation"),
    ("suggestion", "Suggestion"),
    ("parcel", "Parcel / Mail"),
    ("complaint", "Complaint"),
]
URGENCIES = [("general", "General"), ("urgent", "Urgent")]
AREA_SCOPES = [("private", "Private Unit"), ("common", "Common Area")]
SEVERITIES = [
    ("minor", "Minor"),
    ("general", "General"),
    ("major", "Major"),
    ("invalid", "Invalid"),
]
# Escalation order of the valid severities (an invalid complaint is out of the chain).
SEVERITY_LADDER = ["minor", "general", "major"]
CAUSE_CLASSES = [
    ("class_1", "Class 1: Own Management or Service"),
    ("class_2", "Class 2: Housing Quality"),
    ("class_3", "Class 3: Outside the Planning Red Line"),
]


class HelpdeskTicket(models.Model):
    """A customer request (客户需求) of an estate: kind, urgency, place, channel, decline."""

    _name = "helpdesk.ticket"
    _inherit = ["helpdesk.ticket", "property.register.mixin", "property.system.fields.mixin"]
    _register_date_field = "received_at"
    # Kept by the actions of this file, of complaints and of callbacks (the clocks and their
    # milestones are guarded by the service-time concern).
    _system_fields = (
        "settled_on_the_spot",
        "is_declined",
        "decline_reason",
        "declined_date",
        "declined_by_id",
        "complaint_severity",
        "complaint_owner_id",
        "solution",
        "solution_proposed_at",
        "solution_decision",
        "rejection_reason",
        "escalation_count",
        "callback_requirement",
        "callback_required_rate",
        "callback_sample_position",
        "callback_decided",
    )

    estate_id = fields.Many2one(
        "property.estate",
        compute="_compute_estate_id",
        store=True,
        precompute=True,
        readonly=False,
        index=True,
        tracking=True,
        check_company=True,
    )
    unit_id = fields.Many2one(
        "property.unit",
        index="btree_not_null",
        tracking=True,
        check_company=True,
        domain="[('estate_id', '=?', estate_id)]",
    )
    building_id = fields.Many2one(related="unit_id.building_id", store=True, precompute=True)
    request_kind = fields.Selection(
        REQUEST_KINDS, required=True, default="basic", index=True, tracking=True
    )
    urgency = fields.Selection(
        URGENCIES,
        required=True,
        default="general",
        tracking=True,
        help="Urgent: threatens life or property, or seriously harms the company's image.",
    )
    area_scope = fields.Selection(
        AREA_SCOPES,
        compute="_compute_area_scope",
        store=True,
        precompute=True,
        readonly=False,
        help="Private unit (专有部分) or common area / shared facility (公区).",
    )
    is_external = fields.Boolean(
        related="channel_id.is_external", store=True, precompute=True, string="External Channel"
    )
    # Computed before the row is inserted rather than updated just after: registering a request
    # writes its row once (see bench/).
    stage_id = fields.Many2one(compute="_compute_stage_id", store=True, precompute=True)
    unattended = fields.Boolean(related="stage_id.unattended", store=True, precompute=True)
    team_id = fields.Many2one(compute="_compute_team_id", store=True, precompute=True)
    user_id = fields.Many2one(compute="_compute_user_id", store=True, precompute=True)
    commercial_partner_id = fields.Many2one(
        related="partner_id.commercial_partner_id", store=True, precompute=True
    )
    is_declined = fields.Boolean(string="Declined", readonly=True, copy=False)
    decline_reason = fields.Text(readonly=True, copy=False, tracking=True)
    declined_date = fields.Datetime(readonly=True, copy=False)
    declined_by_id = fields.Many2one("res.users", readonly=True, copy=False)

    # One create and one write for the whole addon --------------------------------------------
    # The concerns of a request live in their own files (service times, complaints, callbacks)
    # and hook in here, in the order stated below: no behaviour depends on the order in which
    # models/__init__.py imports them.

    @api.model_create_multi
    def create(self, vals_list):
        self._check_clock_fields(vals_list, intake=True)
        tickets = super().create(vals_list)
        tickets._after_create()
        return tickets

    def write(self, vals):
        self._check_clock_fields([vals])
        result = super().write(vals)
        self._after_write(vals)
        return result

    def _after_create(self):
        """After intake, in this order: the promises start and the relay is reached when a
        handler was chosen at intake (service times); then the complaint rules set the severity
        and the owner, which restarts the complaint's deadlines (complaints); last, a complaint
        made outside the desk reaches the desk and the owner's superior (service times)."""
        self._service_times_after_create()
        self._complaints_after_create()
        self.filtered("outside_desk")._reach_at_registration(fields.Datetime.now())

    def _after_write(self, vals):
        """After a change, in this order: the promises follow the new facts (service times);
        the complaint's severity and owner follow them (complaints); a request just done has
        its callbacks decided (callbacks), after the stage's own service-time events."""
        self._service_times_after_write(vals)
        self._complaints_after_write(vals)
        self._callbacks_after_write(vals)

    @api.depends("unit_id")
    def _compute_estate_id(self):
        for ticket in self:
            if ticket.unit_id:
                ticket.estate_id = ticket.unit_id.estate_id

    @api.depends("unit_id")
    def _compute_area_scope(self):
        for ticket in self:
            ticket.area_scope = "private" if ticket.unit_id else (ticket.area_scope or "common")

    @api.onchange("unit_id")
    def _onchange_unit_id_set_customer(self):
        if self.unit_id and not self.partner_id:
            self.partner_id = self.unit_id._default_customer()

    @api.constrains("unit_id", "estate_id")
    def _check_unit_in_estate(self):
        for ticket in self:
            if ticket.unit_id and ticket.unit_id.estate_id != ticket.estate_id:
                raise ValidationError(
                    self.env._(
                        "Unit %(unit)s belongs to estate %(unit_estate)s, not to %(estate)s.",
                        unit=ticket.unit_id.display_name,
                        unit_estate=ticket.unit_id.estate_id.name,
                        estate=ticket.estate_id.name or self.env._("(no estate)"),
                    )
                )

    @api.constrains("is_declined", "decline_reason")
    def _check_decline_reason(self):
        for ticket in self:
            if ticket.is_declined and not (ticket.decline_reason or "").strip():
                raise ValidationError(
                    self.env._(
                        "Request %(number)s cannot be declined without a written reason for "
                        "the customer.",
                        number=ticket.number,
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_kept_on_record(self):
        if self.filtered(lambda t: t.is_declined or t._has_audit_history()):
            raise UserError(
                self.env._(
                    "Declined requests and requests with a history of appointments or "
                    "complaint handling are kept on record and cannot be deleted."
                )
            )
        if promised := self.filtered("milestone_ids"):
            raise UserError(
                self.env._(
                    "Request %s has service-time promises on record (met, broken or running): "
                    "it cannot be deleted.",
                    ", ".join(promised.mapped("number")),
                )
            )

    def _has_audit_history(self):
        """Overridden by the concerns that keep an append-only history of the request."""
        return False

    def action_decline(self, reason):
        """Decline (需求婉拒) requests outside the service scope; the customer is told why."""
        self._check_caller(DESK)
        reason = (reason or "").strip()
        if not reason:
            raise UserError(self.env._("Write the reason for declining: the customer receives it."))
        if already := self.filtered("is_declined"):
            raise UserError(
                self.env._(
                    "Request %(numbers)s is already declined.",
                    numbers=", ".join(already.mapped("number")),
                )
            )
        stage = self.env.ref("property_service_desk.helpdesk_ticket_stage_declined")
        self._write_system(
            {
                "is_declined": True,
                "decline_reason": reason,
                "declined_date": fields.Datetime.now(),
                "declined_by_id": self.env.uid,
                "stage_id": stage.id,
            }
        )
        self._notify_customer_of_decline()
        return True

    def _notify_customer_of_decline(self):
        template = self.env.ref("property_service_desk.mail_template_request_declined")
        for ticket in self.filtered("partner_id"):
            ticket.message_post_with_source(
                template,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                partner_ids=ticket.partner_id.ids,
            )

    def action_open_decline_wizard(self):
        self._check_caller(DESK)
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Decline Request"),
            "res_model": "property.request.decline.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_ticket_ids": self.ids},
        }
