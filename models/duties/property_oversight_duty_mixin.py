from odoo import api, fields, models
from odoo.exceptions import UserError

from ...tools.row_claims import lock_rows


class PropertyOversightDutyMixin(models.AbstractModel):
    """A duty of an estate's service centre, on the record (SPEC §8): numbered, due on an
    estate's day, done once by someone (then kept as it was recorded), overdue while not done
    past its day. What was raised on it (`_duty_matters`) becomes requests when it is done.
    Each model lists its `_system_fields` (name, state, done_at, done_by_id and its own)."""

    _name = "property.oversight.duty.mixin"
    _description = "Service Centre Duty"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "property.system.fields.mixin",
        "property.register.mixin",
    ]
    _check_company_auto = True
    _system_sequence_field = "name"
    # The date field the duty is due on (an estate's day), and its One2many of matters raised.
    _duty_due_field = "due_date"
    _duty_matters = None
    # Who may record the duty done (a group xmlid of tools/groups.py).
    _duty_done_group = None

    name = fields.Char(string="Reference", required=True, readonly=True, default="/", copy=False)
    estate_id = fields.Many2one("property.estate", required=True, index=True, check_company=True)
    company_id = fields.Many2one(related="estate_id.company_id", store=True, index=True)
    state = fields.Selection(
        [("planned", "Planned"), ("done", "Done")],
        required=True,
        default="planned",
        tracking=True,
        copy=False,
    )
    done_at = fields.Datetime(readonly=True, copy=False)
    done_by_id = fields.Many2one("res.users", string="Recorded by", readonly=True, copy=False)
    is_overdue = fields.Boolean(
        string="Overdue", compute="_compute_is_overdue", search="_search_is_overdue"
    )

    @api.model_create_multi
    def create(self, vals_list):
        self._assign_number(vals_list, self._name)
        return super().create(vals_list)

    def _compute_is_overdue(self):
        for duty in self:
            due = duty[self._duty_due_field]
            duty.is_overdue = bool(
                duty.state == "planned" and due and due < duty.estate_id._local_date()
            )

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on Overdue."))
        overdue = [
            ("state", "=", "planned"),
            (self._duty_due_field, "<", self.env["property.estate"]._local_date()),
        ]
        return overdue if (operator == "=") == value else ["!", *overdue]

    def _system_frozen(self):
        return self.filtered(lambda duty: duty.state == "done")

    def _kept_on_record(self):
        return self._system_frozen()

    def action_done(self):
        """The duty is done: what was raised on it that needs action becomes requests."""
        self.ensure_one()
        self._check_caller(self._duty_done_group)
        lock_rows(self)
        if self.state != "planned":
            raise UserError(self.env._("%s is already recorded.", self.display_name))
        self._check_done()
        if self._duty_matters:
            self[self._duty_matters]._open_requests()
        self._write_system(
            {"state": "done", "done_at": fields.Datetime.now(), "done_by_id": self.env.uid}
            | self._done_values()
        )
        self.activity_ids.action_feedback()
        return True

    def _check_done(self):
        """Raise a UserError when the duty cannot be recorded done yet."""

    def _done_values(self):
        """More system fields written when the duty is done."""
        return {}

    def _schedule_duty(self, user, summary, deadline=None):
        if user:
            for duty in self:
                duty.activity_schedule(
                    "mail.mail_activity_data_todo",
                    date_deadline=deadline or duty[self._duty_due_field],
                    user_id=user.id,
                    summary=summary,
                )
