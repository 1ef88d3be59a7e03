from odoo import api, fields, models

from ...tools.groups import STAFF
from ...tools.related_counts import count_related, open_related
from ..mechanisms.property_system_fields_mixin import check_caller


class PropertyBuilding(models.Model):
    """A building (楼栋) of an estate."""

    _name = "property.building"
    _description = "Building"
    _order = "estate_id, sequence, name, id"
    _check_company_auto = True

    name = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    estate_id = fields.Many2one(
        "property.estate", required=True, index=True, ondelete="restrict", check_company=True
    )
    company_id = fields.Many2one(related="estate_id.company_id", store=True, index=True)
    floor_count = fields.Integer(string="Floors", bounds=(0, 200))
    business_manager_id = fields.Many2one(
        "res.users",
        help="Business manager (经营管理专员) in charge of this building's area.",
    )
    common_warranty_end_date = fields.Date(
        string="Common Parts Warranty Until",
        help="Overrides the estate's date for the common parts of this building.",
    )
    unit_ids = fields.One2many("property.unit", "building_id", string="Units")
    unit_count = fields.Integer(compute="_compute_unit_count")

    _sql_constraints = [
        (
            "name_estate_uniq",
            "unique(name, estate_id)",
            "A building with this name already exists in this estate.",
        ),
        ("floor_count_positive", "check(floor_count >= 0)", "Floors cannot be negative."),
    ]

    @api.depends("unit_ids")
    def _compute_unit_count(self):
        counts = count_related(self, "property.unit", "building_id")
        for building in self:
            building.unit_count = counts.get(building.id, 0)

    def _common_warranty_end(self):
        """The end of the common parts' warranty: the building's own date, else the estate's."""
        self.ensure_one()
        return self.common_warranty_end_date or self.estate_id.common_warranty_end_date

    def action_view_units(self):
        self.ensure_one()
        check_caller(self, STAFF, access="read")
        return open_related(self, "property.unit", "building_id", self.env._("Units"))
