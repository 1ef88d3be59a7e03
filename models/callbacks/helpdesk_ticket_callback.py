from datetime import timedelta

from odoo import fields, models

from .property_callback import systematic_sample_hit


class PropertyRequestCallback(models.AbstractModel):
    """Callbacks (回访) scheduled when a request is done, and what an unhappy answer does."""

    _name = "property.request.callback"
    _description = "Request Concern: Callbacks"

    high_quality_demand = fields.Boolean(
        string="Large Job or High Quality Demand",
        help="Large repairs and demanding customers get a second callback (SPEC §5).",
    )
    callback_ids = fields.One2many("property.callback", "ticket_id", string="Callbacks")
    callback_requirement = fields.Selection(
        [("required", "Required"), ("sampled", "Sampled"), ("not_sampled", "Not Sampled")],
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="Whether this request is called back: always, or chosen by the sampling rule.",
    )
    callback_required_rate = fields.Integer(readonly=True, copy=False)
    callback_sample_position = fields.Integer(
        readonly=True,
        copy=False,
        help="Order of this request among the estate's requests of the month under sampling: "
        "it is selected when ceil(position × rate) grows.",
    )

    callback_decided = fields.Boolean(
        readonly=True,
        copy=False,
        help="The callbacks of the request's latest completion are decided (scheduled, or not "
        "sampled). Reopening after an unsatisfied callback clears it.",
    )

    def _callbacks_after_write(self, vals):
        if "stage_id" in vals:
            self.filtered(
                lambda t: t.stage_id.schedules_callbacks and not t.is_declined
            )._schedule_callbacks()

    def _schedule_callbacks(self, when=None):
        """Schedule the callbacks of SPEC §5 for requests just done. A completion is decided
        once: the work order's end and the request's Done stage do not call back twice, and a
        request not sampled is not drawn again. Reopening after a callback starts a new one."""
        when = when or fields.Datetime.now()
        rules = (
            self.env["property.callback.rule"]
            .sudo()
            .search([("company_id", "in", self.company_id.ids)])
        )
        for ticket in self.filtered(lambda t: not t.callback_decided):
            rule = rules._rule_for(ticket)
            if rule and ticket._selected_for_callback(rule, when):
                ticket._create_callbacks(rule, when)

    def _selected_for_callback(self, rule, when):
        vals = {"callback_required_rate": rule.required_rate, "callback_requirement": "required"}
        if rule.required_rate < 100 and self.estate_id:
            position = self.env["property.sample.counter"]._next_position(
                self.estate_id, when, "callback"
            )
            hit = systematic_sample_hit(position, rule.required_rate)
            vals.update(
                callback_sample_position=position,
                callback_requirement="sampled" if hit else "not_sampled",
            )
        self.sudo().write(dict(vals, callback_decided=True))
        return self.callback_requirement != "not_sampled"

    def _create_callbacks(self, rule, when):
        caller = self._callback_caller()
        # A large common-area repair is still verified on site, whichever rule sets its dates.
        on_site_only = rule._on_site_required(self)
        delays = [("first", rule.first_delay_days)]
        if rule.second_delay_days:
            delays.append(("second", rule.second_delay_days))
        callbacks = (
            self.env["property.callback"]
            .sudo()
            .create(
                [
                    {
                        "ticket_id": self.id,
                        "rule_id": rule.id,
                        "sequence": sequence,
                        "user_id": caller.id,
                        **self._callback_due(rule, days, when),
                        "on_site_only": on_site_only,
                    }
                    for sequence, days in delays
                ]
            )
        )
        for callback in callbacks.filtered("user_id"):
            callback.activity_schedule(
                "property_service_desk.mail_activity_type_callback",
                date_deadline=callback.due_date,
                user_id=callback.user_id.id,
                summary=self.env._("Call back %s", self.partner_id.name or self.number),
            )
        return callbacks

    def _callback_due(self, rule, days, when):
        """The deadline, to the hour: `days` × 24 h after completion, or the end of the
        `days`-th working day of the estate's calendar after the day of completion."""
        due = when + timedelta(days=days)
        if rule.working_days:
            calendar = (
                self.estate_id._working_calendar()
                if self.estate_id
                else self.company_id.resource_calendar_id
            )
            due = calendar._property_working_days_end(when, days) or due
        return {"due_at": due, "due_date": self.estate_id._local_date(due)}

    def _callback_caller(self):
        """Complaints: their owner by severity (external: the service centre GM); requests: the
        business manager of the area."""
        if self.request_kind == "complaint" and self.complaint_owner_id:
            return self.complaint_owner_id
        return self._business_manager()

    def _on_unsatisfied_callback(self, callback):
        """Customer still unsatisfied: a complaint goes up the chain, a request is reopened."""
        reason = self.env._("Customer unsatisfied at callback %s", callback.name)
        self._reopen(reason)
        if self.request_kind == "complaint" and self.complaint_severity != "invalid":
            self._escalate(reason)
        elif responsible := self._service_responsible():
            self.activity_schedule(
                "property_service_desk.mail_activity_type_follow_up",
                date_deadline=self.estate_id._local_date(),
                user_id=responsible.id,
                summary=reason,
            )

    def _reopen(self, reason):
        self.sudo().callback_decided = False  # the next completion is called back anew
        self.stage_id = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_in_progress")
        self._sync_promises(restart=("handled",))
        self.message_post(body=self.env._("Reopened: %s", reason), subtype_xmlid="mail.mt_note")
