from odoo import fields, models

from ...tools.groups import MANAGERS


class PropertyReceptionDay(models.Model):
    """A reception day (接待日): the estate's managers receive owners on a set day (default
    monthly, in Settings); each matter raised that needs action becomes a request (SPEC §8)."""

    _name = "property.reception.day"
    _description = "Reception Day"
    _inherit = ["property.oversight.duty.mixin"]
    _order = "day desc, estate_id"
    _register_date_field = "day"
    _system_fields = ("name", "state", "month", "done_at", "done_by_id")
    _duty_due_field = "day"
    _duty_matters = "matter_ids"
    _duty_done_group = MANAGERS

    day = fields.Date(
        required=True,
        default=lambda self: self.env["property.estate"]._local_date(),
        help="The estate's day owners are received.",
    )
    month = fields.Date(readonly=True, copy=False, help="Month it was planned for.")
    place = fields.Char(help="Where owners are received.")
    host_ids = fields.Many2many(
        "res.users",
        string="Received by",
        default=lambda self: self.env.user,
        help="The managers who receive owners.",
    )
    matter_ids = fields.One2many(
        "property.reception.matter", "reception_day_id", string="Matters Raised"
    )
    matter_count = fields.Integer(compute="_compute_matter_count")

    _sql_constraints = [
        (
            "estate_month_uniq",
            "unique(estate_id, month)",
            "This estate's reception day is already planned for the month.",
        )
    ]

    def _compute_matter_count(self):
        for day in self:
            day.matter_count = len(day.matter_ids)
