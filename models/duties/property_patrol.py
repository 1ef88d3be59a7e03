from odoo import fields, models

from ...tools.groups import DESK

PATROL_KINDS = [
    ("environment", "Environment (Cleaning, Greenery)"),
    ("security", "Security"),
    ("maintenance", "Maintenance"),
]


class PropertyPatrol(models.Model):
    """A patrol (巡检) of an estate by the service centre: environment, security or maintenance
    work checked along a route; each finding that needs work becomes a common-area request
    (SPEC §8). Planned weekly per estate and kind; one not done by its due day is overdue."""

    _name = "property.patrol"
    _description = "Patrol"
    _inherit = ["property.oversight.duty.mixin"]
    _order = "due_date desc, estate_id, kind"
    _register_date_field = "due_date"
    _system_fields = ("name", "state", "week", "done_at", "done_by_id")
    _duty_matters = "finding_ids"
    _duty_done_group = DESK

    kind = fields.Selection(PATROL_KINDS, required=True, default="environment", tracking=True)
    route = fields.Text(help="The checkpoints walked, in order.")
    user_id = fields.Many2one(
        "res.users", string="Patrolled by", default=lambda self: self.env.user, tracking=True
    )
    due_date = fields.Date(
        required=True,
        default=lambda self: self.env["property.estate"]._local_date(),
        help="The estate's day by which the patrol is done.",
    )
    week = fields.Date(readonly=True, copy=False, help="Monday of the week it was planned for.")
    finding_ids = fields.One2many("property.patrol.finding", "patrol_id", string="Findings")
    note = fields.Text()
    done_at = fields.Datetime(string="Patrolled at")

    _sql_constraints = [
        (
            "estate_kind_week_uniq",
            "unique(estate_id, kind, week)",
            "This estate's patrol of this kind is already planned for the week.",
        )
    ]
