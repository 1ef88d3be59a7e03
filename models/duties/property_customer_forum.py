from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from ...tools.groups import MANAGERS


class PropertyCustomerForum(models.Model):
    """A customer forum (客户座谈会) held by an estate: who attended and the opinions heard.
    The opinions are compiled within 7 days (company setting) of the forum, on the estate's
    days: the organiser gets an activity, the forum is overdue past the deadline and a late
    compilation stays marked; opinions needing action become requests (SPEC §8)."""

    _name = "property.customer.forum"
    _description = "Customer Forum"
    _inherit = ["property.oversight.duty.mixin"]
    _order = "held_on desc, estate_id"
    _register_date_field = "held_on"
    _system_fields = ("name", "state", "compile_deadline", "compiled_late", "done_at", "done_by_id")
    _duty_due_field = "compile_deadline"
    _duty_matters = "opinion_ids"
    _duty_done_group = MANAGERS

    state = fields.Selection([("planned", "To Compile"), ("done", "Compiled")])
    held_on = fields.Date(
        required=True,
        default=lambda self: self.env["property.estate"]._local_date(),
        help="The estate's day the forum was held.",
    )
    topics = fields.Char(required=True)
    organiser_id = fields.Many2one(
        "res.users", required=True, default=lambda self: self.env.user, tracking=True
    )
    attendee_ids = fields.Many2many("res.partner", string="Attendees")
    attendee_count = fields.Integer(compute="_compute_attendee_count")
    opinion_ids = fields.One2many(
        "property.customer.forum.opinion", "forum_id", string="Opinions Collected"
    )
    compile_deadline = fields.Date(readonly=True, copy=False)
    summary = fields.Html(string="Compiled Summary", help="The opinions compiled, and measures.")
    compiled_late = fields.Boolean(readonly=True, copy=False)
    done_at = fields.Datetime(string="Compiled at")
    done_by_id = fields.Many2one(string="Compiled by")

    @api.depends("attendee_ids")
    def _compute_attendee_count(self):
        for forum in self:
            forum.attendee_count = len(forum.attendee_ids)

    @api.model_create_multi
    def create(self, vals_list):
        forums = super().create(vals_list)
        for forum in forums:
            forum._check_held()
            days = forum.company_id.property_forum_compile_days
            forum._write_system({"compile_deadline": forum.held_on + timedelta(days=days)})
            forum._schedule_duty(
                forum.organiser_id, self.env._("Compile the opinions of %s", forum.display_name)
            )
        return forums

    def write(self, vals):
        if "held_on" in vals and not self._is_system_write():
            raise UserError(self.env._("The day a forum was held cannot be changed."))
        return super().write(vals)

    def _check_held(self):
        if self.held_on > self.estate_id._local_date():
            raise UserError(self.env._("A forum is recorded once it has been held."))

    def _check_done(self):
        if not self.summary or not self.summary.striptags().strip():
            raise UserError(self.env._("Write the compiled summary of the opinions."))

    def _done_values(self):
        return {"compiled_late": self.estate_id._local_date() > self.compile_deadline}
