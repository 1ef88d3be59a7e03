from odoo import api, fields, models

from .property_system_fields_mixin import STAFF, check_caller
from .related_counts import count_related

# The complaint owners, from the lowest level to the highest.
COMPLAINT_CHAIN = (
    "project_manager_id",
    "operations_manager_id",
    "division_lead_id",
    "service_centre_manager_id",
)
ROLE_FIELDS = (*COMPLAINT_CHAIN, "engineering_lead_id")


class PropertyEstate(models.Model):
    """An estate (项目/小区) served by the customer service centre."""

    _name = "property.estate"
    _description = "Estate"
    _inherit = ["mail.thread"]
    _order = "name, id"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    code = fields.Char(required=True, tracking=True, help="Short code used in references.")
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    address = fields.Char()
    resource_calendar_id = fields.Many2one(
        "resource.calendar",
        string="Working Hours",
        check_company=True,
        compute="_compute_resource_calendar_id",
        store=True,
        readonly=False,
        help="Working time of the estate's team, used for promises counted in working hours.",
    )
    team_id = fields.Many2one(
        "helpdesk.ticket.team",
        string="Helpdesk Team",
        check_company=True,
        help="Team that receives this estate's requests by default.",
    )
    project_manager_id = fields.Many2one(
        "res.users", tracking=True, help="Owns the estate's minor complaints (项目经理)."
    )
    operations_manager_id = fields.Many2one(
        "res.users",
        string="Operations General Manager",
        tracking=True,
        help="Owns general complaints (营运部总经理).",
    )
    division_lead_id = fields.Many2one(
        "res.users", tracking=True, help="Owns major complaints (分管领导)."
    )
    service_centre_manager_id = fields.Many2one(
        "res.users",
        string="Service Centre General Manager",
        tracking=True,
        help="Owns complaints received through external channels (物业服务中心总经理).",
    )
    engineering_lead_id = fields.Many2one(
        "res.users", tracking=True, help="Dispatches the estate's work orders (工程负责人)."
    )
    business_manager_ids = fields.Many2many(
        "res.users",
        "property_estate_business_manager_rel",
        "estate_id",
        "user_id",
        string="Business Managers",
        help="Own the requests of an area of the estate (经营管理专员).",
    )
    member_ids = fields.Many2many(
        "res.users",
        "property_estate_res_users_rel",
        "estate_id",
        "user_id",
        string="Staff",
        help="Users who see this estate's requests. People named in a role above are added "
        "automatically.",
    )
    building_ids = fields.One2many("property.building", "estate_id", string="Buildings")
    unit_ids = fields.One2many("property.unit", "estate_id", string="Units")
    building_count = fields.Integer(compute="_compute_counts")
    unit_count = fields.Integer(compute="_compute_counts")
    ticket_count = fields.Integer(string="Requests", compute="_compute_counts")

    _sql_constraints = [
        (
            "code_company_uniq",
            "unique(code, company_id)",
            "An estate with this code already exists in this company.",
        )
    ]

    @api.depends("company_id")
    def _compute_resource_calendar_id(self):
        for estate in self:
            if estate.resource_calendar_id.company_id != estate.company_id:
                estate.resource_calendar_id = estate.company_id.resource_calendar_id

    def _compute_counts(self):
        buildings = count_related(self, "property.building", "estate_id")
        units = count_related(self, "property.unit", "estate_id")
        tickets = count_related(self, "helpdesk.ticket", "estate_id")
        for estate in self:
            estate.building_count = buildings.get(estate.id, 0)
            estate.unit_count = units.get(estate.id, 0)
            estate.ticket_count = tickets.get(estate.id, 0)

    @api.model_create_multi
    def create(self, vals_list):
        estates = super().create(vals_list)
        estates._add_role_holders_to_staff()
        return estates

    def write(self, vals):
        roles_changed = {"business_manager_ids", *ROLE_FIELDS} & vals.keys()
        holders_before = (
            {estate: estate._role_holders() for estate in self} if roles_changed else {}
        )
        result = super().write(vals)
        if holders_before:
            self._remove_former_role_holders(holders_before, vals)
        if {"member_ids", "business_manager_ids", *ROLE_FIELDS} & vals.keys():
            self._add_role_holders_to_staff()
            # Estate visibility is part of the cached record rules.
            self.env.registry.clear_cache()
        return result

    def _role_holders(self):
        self.ensure_one()
        holders = self.business_manager_ids
        for role in ROLE_FIELDS:
            holders |= self[role]
        return holders

    def _remove_former_role_holders(self, holders_before, vals):
        """Staff removed from a role leave the estate, unless they hold another role there
        (or are named as staff in the same change)."""
        kept = self.env["res.users"]
        for command in vals.get("member_ids") or []:
            if command[0] == fields.Command.LINK:
                kept |= kept.browse(command[1])
            elif command[0] == fields.Command.SET:
                kept |= kept.browse(command[2])
        for estate, before in holders_before.items():
            leaving = before - estate._role_holders() - kept
            if leaving & estate.member_ids:
                estate.member_ids = [fields.Command.unlink(user.id) for user in leaving]

    def _add_role_holders_to_staff(self):
        for estate in self:
            missing = estate._role_holders() - estate.member_ids
            if missing:
                estate.member_ids = [fields.Command.link(user.id) for user in missing]

    def _complaint_owner_from(self, role):
        """Who holds `role`, or the first holder above it: an empty role passes complaints up
        the chain, up to the service-centre general manager."""
        self.ensure_one()
        return next(
            (self[r] for r in COMPLAINT_CHAIN[COMPLAINT_CHAIN.index(role) :] if self[r]),
            self.env["res.users"],
        )

    def _superior_of(self, user):
        """The next person up the estate's complaint chain (项目经理 → … → 服务中心总经理)."""
        self.ensure_one()
        chain = [self[role] for role in COMPLAINT_CHAIN if self[role]]
        above = chain[chain.index(user) + 1 :] if user in chain else chain
        return above[0] if above else self.env["res.users"]

    def _open_related(self, model, name):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": model,
            "view_mode": "list,kanban,form",
            "domain": [("estate_id", "=", self.id)],
            "context": {"default_estate_id": self.id},
        }

    def action_view_buildings(self):
        check_caller(self, STAFF, access="read")
        return self._open_related("property.building", self.env._("Buildings"))

    def action_view_units(self):
        check_caller(self, STAFF, access="read")
        return self._open_related("property.unit", self.env._("Units"))

    def action_view_tickets(self):
        check_caller(self, STAFF, access="read")
        return self._open_related("helpdesk.ticket", self.env._("Requests"))
