from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ...tools.groups import DESK
from ...tools.request_selections import AREA_SCOPES, REQUEST_KINDS, URGENCIES

# The concerns of a request, each an abstract model in its own file. They are imported here so
# that they exist before the request that composes them, whatever imports this file first.
from ..callbacks import helpdesk_ticket_callback  # noqa: F401
from ..complaints import helpdesk_ticket_complaint, helpdesk_ticket_severity_words  # noqa: F401
from ..mechanisms.property_input_guard import AMOUNT
from ..oversight import helpdesk_ticket_paper_trail  # noqa: F401
from ..oversight.helpdesk_ticket_owner_record import ENTRY_SYSTEM_FIELDS
from ..promises import helpdesk_ticket_promise, helpdesk_ticket_sms  # noqa: F401
from ..renovation import helpdesk_ticket_renovation  # noqa: F401
from ..repairs import helpdesk_ticket_on_the_spot, helpdesk_ticket_work_order  # noqa: F401
from ..repairs.helpdesk_ticket_warranty import WARRANTY_SYSTEM_FIELDS
from . import (  # noqa: F401
    helpdesk_ticket_flood,
    helpdesk_ticket_mail_intake,
    helpdesk_ticket_number,
    helpdesk_ticket_portal,
)


class HelpdeskTicket(models.Model):
    """A customer request (客户需求) of an estate: kind, urgency, place, channel, decline; and
    the one place where the request is composed from its concerns.

    Each concern is an abstract model whose fields and methods the request takes; no two
    concerns define the same name (tests/test_request_composition.py). Where several concerns
    act at one moment (create, write, a broken or recurring promise, the system fields, the
    mail gateway, the number), the methods below call them explicitly, in the order they state:
    no behaviour depends on the order of the list or of the imports."""

    _name = "helpdesk.ticket"
    _inherit = [
        "helpdesk.ticket",
        "property.register.mixin",
        "property.system.fields.mixin",
        # The concerns, from intake to the paper trail:
        "property.request.number",  # the request number from its sequence
        "property.request.mail.intake",  # a mail to the helpdesk alias becomes a request
        "property.request.flood",  # the hourly limit of the public doors
        "property.request.portal",  # what the owners' portal shows and allows
        "property.request.promise",  # promises, their clocks and events
        "property.request.complaint",  # severity, owner, solution, the overdue chain
        "property.request.severity.words",  # the words of a complaint re-apply its rules
        "property.request.on.the.spot",  # fixed or settled on the spot
        "property.request.work.order",  # the work orders of a repair
        "property.request.warranty",  # a housing-quality complaint's warranty repair
        "property.request.renovation",  # the renovation a neighbour complains about
        "property.request.callback",  # callbacks when a request is done
        "property.request.sms",  # the progress notice by SMS
        "property.request.owner.record",  # the owner complaint/suggestion record's entry
        "property.request.paper.trail",  # contact sheets and the director's sign-off
    ]
    _register_date_field = "received_at"
    # The time of the call may be given when the request is logged (see the clock guards).
    _system_intake_fields = ("received_at",)
    # Kept by the actions of this file, of complaints, callbacks, the owner record and the
    # warranty repair (the clocks and their promises are guarded by the promises concern).
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
        *ENTRY_SYSTEM_FIELDS,
        *WARRANTY_SYSTEM_FIELDS,
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
    # Of the complaints concern (a monetary field needs the company's currency, which an
    # abstract model cannot relate to).
    company_currency_id = fields.Many2one(related="company_id.currency_id")
    compensation_amount = fields.Monetary(
        currency_field="company_currency_id",
        bounds=AMOUNT,
        help="Compensation involved in the complaint: decides the severity with the thresholds "
        "of the Settings.",
    )

    def init(self):
        # Few requests have a broken promise: index only those (the "Breached" filter).
        self.env.cr.execute(
            "CREATE INDEX IF NOT EXISTS helpdesk_ticket_has_breach_idx"
            " ON helpdesk_ticket (id) WHERE has_breach"
        )

    # One create and one write for the whole addon --------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        self._check_portal_flood(len(vals_list))
        self._check_clock_fields(vals_list, intake=True)
        tickets = super().create(vals_list)
        tickets._after_create()
        tickets._owner_record_after_create(vals_list)
        return tickets

    def write(self, vals):
        record_entry = self._owner_record_entry_in(vals)
        self._check_clock_fields([vals])
        result = super().write(vals)
        self._after_write(vals)
        if record_entry:
            self._stamp_record_entry()
        return result

    def _after_create(self):
        """After intake, in this order: the promises start and the relay is reached when a
        handler was chosen at intake (promises); then the complaint rules set the severity
        and the owner, which restarts the complaint's deadlines (complaints); last, a complaint
        made outside the desk reaches the desk and the owner's superior (promises)."""
        self._promises_after_create()
        self._complaints_after_create()
        self.filtered("outside_desk")._reach_at_registration(fields.Datetime.now())

    def _after_write(self, vals):
        """After a change, in this order: the promises follow the new facts (promises);
        the complaint's severity and owner follow them, then its words (complaints, severity
        words); a request just done has its callbacks decided (callbacks), after the stage's
        own promise events."""
        self._promises_after_write(vals)
        self._complaints_after_write(vals)
        self._severity_words_after_write(vals)
        self._callbacks_after_write(vals)

    def _check_system_fields_on_create(self, vals):
        self._check_clocks_on_create(vals)
        return super()._check_system_fields_on_create(vals)

    def _check_system_fields_on_write(self, vals):
        self._check_clocks_on_write(vals)
        return super()._check_system_fields_on_write(vals)

    # Where several concerns act at one moment ------------------------------------------------

    def _has_audit_history(self):
        """An append-only history: the complaint's changes or the appointments agreed."""
        return bool(self.complaint_history_ids or self.reappointment_ids)

    def _breach_actions_of(self, promise):
        """What a broken promise does (the job acts on whole batches through this): a
        complaint's missed solution deadline runs the overdue chain (complaints), any other
        broken promise its policy's actions (promises)."""
        if self._is_overdue_complaint(promise):
            return self._overdue_chain_actions(promise)
        return self._policy_breach_actions(promise)

    def _recurring_actions_of(self, promise):
        """A recurring promise due: the progress notice by SMS to a customer reached by SMS
        (sms), else the follow-up or the progress notice by e-mail (promises)."""
        if self._progress_notice_by_sms(promise):
            return []
        return self._follow_up_actions_of(promise)

    @api.model
    def message_new(self, msg, custom_values=None):
        msg, values, guessed = self._mail_intake_values(msg, custom_values)
        ticket = super().message_new(msg, custom_values=values)
        ticket._after_mail_intake(guessed)
        return ticket

    @api.model
    def _routing_check_route(self, message, message_dict, route, raise_exception=True):
        route = super()._routing_check_route(message, message_dict, route, raise_exception)
        if self._mail_route_past_flood(message, message_dict, route):
            return False
        return route

    @api.model
    def _prepare_ticket_number(self, values):
        number = self._number_from_known_sequence(values)
        return super()._prepare_ticket_number(values) if number is None else number

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
        if promised := self.filtered("promise_ids"):
            raise UserError(
                self.env._(
                    "Request %s has promises on record (kept, broken or running): it cannot be "
                    "deleted.",
                    ", ".join(promised.mapped("number")),
                )
            )

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
