from odoo import api, fields, models
from odoo.exceptions import UserError

from ..property_system_fields_mixin import DESK
from ..property_unit_life import estate_local_today
from ..row_claims import lock_rows

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
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "property.system.fields.mixin",
        "property.register.mixin",
    ]
    _order = "due_date desc, estate_id, kind"
    _register_date_field = "due_date"
    _check_company_auto = True
    _system_sequence_field = "name"
    _system_fields = ("name", "state", "week", "done_at", "done_by_id")

    name = fields.Char(string="Reference", required=True, readonly=True, default="/", copy=False)
    estate_id = fields.Many2one("property.estate", required=True, index=True, check_company=True)
    company_id = fields.Many2one(related="estate_id.company_id", store=True, index=True)
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
    state = fields.Selection(
        [("planned", "Planned"), ("done", "Done")],
        required=True,
        default="planned",
        tracking=True,
        copy=False,
    )
    finding_ids = fields.One2many("property.patrol.finding", "patrol_id", string="Findings")
    note = fields.Text()
    done_at = fields.Datetime(string="Patrolled at", readonly=True, copy=False)
    done_by_id = fields.Many2one("res.users", string="Recorded by", readonly=True, copy=False)
    is_overdue = fields.Boolean(
        string="Overdue", compute="_compute_is_overdue", search="_search_is_overdue"
    )

    _sql_constraints = [
        (
            "estate_kind_week_uniq",
            "unique(estate_id, kind, week)",
            "This estate's patrol of this kind is already planned for the week.",
        )
    ]

    @api.model_create_multi
    def create(self, vals_list):
        self._assign_number(vals_list, "property.patrol")
        return super().create(vals_list)

    @api.depends("state", "due_date")
    def _compute_is_overdue(self):
        for patrol in self:
            patrol.is_overdue = patrol.state == "planned" and patrol.due_date < estate_local_today(
                patrol.estate_id
            )

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on Overdue."))
        overdue = [
            ("state", "=", "planned"),
            ("due_date", "<", self.env["property.estate"]._local_date()),
        ]
        return overdue if (operator == "=") == value else ["!", *overdue]

    def _system_frozen(self):
        return self.filtered(lambda patrol: patrol.state == "done")

    def _kept_on_record(self):
        return self._system_frozen()

    def action_done(self):
        """The patrol is walked: each finding that needs work becomes a request."""
        self.ensure_one()
        self._check_caller(DESK)
        lock_rows(self)
        if self.state != "planned":
            raise UserError(self.env._("Patrol %s is already recorded.", self.name))
        self.finding_ids._open_requests()
        self._write_system(
            {"state": "done", "done_at": fields.Datetime.now(), "done_by_id": self.env.uid}
        )
        self.activity_ids.action_feedback()
        return True
