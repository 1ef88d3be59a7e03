import re

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.osv import expression

from ...tools.groups import STAFF
from ...tools.related_counts import count_related, open_related
from ..mechanisms.property_input_guard import QUANTITY
from ..mechanisms.property_system_fields_mixin import check_caller

# A unit as people write it: its building, maybe a separator, then its number ("2栋-402",
# "2栋402", "2-402", "A1 1201"). A building is named "2栋", "2号楼", "2幢"…, or just "2".
UNIT_REFERENCE = re.compile(r"^\s*(?P<building>.*?\D)[\s\-－—_/]*(?P<number>\d+[A-Za-z]?)\s*$")
BUILDING_NOISE = re.compile(r"[\s\-－—_/栋幢座号楼]")


class PropertyUnit(models.Model):
    """A dwelling or shop (房号) in a building, with its owner and tenants."""

    _name = "property.unit"
    _description = "Unit"
    _inherit = ["mail.thread"]
    _order = "estate_id, building_id, floor, name, id"
    _rec_names_search = ["name", "building_id.name", "owner_id.name"]
    _check_company_auto = True

    name = fields.Char(string="Unit Number", required=True, tracking=True)
    active = fields.Boolean(default=True)
    building_id = fields.Many2one(
        "property.building",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        check_company=True,
    )
    estate_id = fields.Many2one(
        related="building_id.estate_id", store=True, index=True, string="Estate"
    )
    company_id = fields.Many2one(related="building_id.company_id", store=True, index=True)
    floor = fields.Integer(bounds=(-10, 200))
    floor_area = fields.Float(string="Floor Area (m²)", digits=(10, 2), bounds=QUANTITY)
    owner_id = fields.Many2one("res.partner", index="btree_not_null", tracking=True)
    tenant_ids = fields.Many2many(
        "res.partner",
        "property_unit_tenant_rel",
        "unit_id",
        "partner_id",
        string="Tenants",
    )
    is_vacant = fields.Boolean(
        string="Vacant", tracking=True, help="Nobody lives in the unit (空置房)."
    )
    warranty_end_date = fields.Date(
        string="Warranty Until",
        tracking=True,
        help="Repairs of the private part are free until this date unless the damage was "
        "caused by the household.",
    )
    ticket_ids = fields.One2many("helpdesk.ticket", "unit_id", string="Requests")
    ticket_count = fields.Integer(string="Request Count", compute="_compute_ticket_count")

    _sql_constraints = [
        (
            "name_building_uniq",
            "unique(name, building_id)",
            "This unit number already exists in this building.",
        ),
        ("floor_area_positive", "check(floor_area >= 0)", "The floor area cannot be negative."),
    ]

    @api.depends("name", "building_id.name")
    def _compute_display_name(self):
        for unit in self:
            unit.display_name = (
                f"{unit.building_id.name}-{unit.name}" if unit.building_id else unit.name
            )

    @api.model
    def _search_display_name(self, operator, value):
        domain = super()._search_display_name(operator, value)
        match = operator in ("ilike", "=ilike", "=") and UNIT_REFERENCE.match(value or "")
        if not match:
            return domain
        written = BUILDING_NOISE.sub("", match["building"]).lower()
        if not written:
            return domain
        candidates = self.env["property.building"].search_fetch(
            [("name", "ilike", written)], ["name"]
        )
        buildings = candidates.filtered(
            lambda building: BUILDING_NOISE.sub("", building.name).lower() == written
        )
        if not buildings:
            return domain
        return expression.OR(
            [
                domain,
                [("building_id", "in", buildings.ids), ("name", "=ilike", match["number"])],
            ]
        )

    @api.constrains("is_vacant", "tenant_ids")
    def _check_vacant_has_no_tenant(self):
        for unit in self:
            if unit.is_vacant and unit.tenant_ids:
                raise ValidationError(
                    self.env._(
                        "Unit %(unit)s is marked vacant but has tenants: remove the tenants "
                        "or clear the vacant flag.",
                        unit=unit.display_name,
                    )
                )

    def _compute_ticket_count(self):
        counts = count_related(self, "helpdesk.ticket", "unit_id")
        for unit in self:
            unit.ticket_count = counts.get(unit.id, 0)

    def _default_customer(self):
        """The person a request about this unit is usually from: the occupant, else the owner."""
        self.ensure_one()
        return self.tenant_ids[:1] or self.owner_id

    def action_view_tickets(self):
        self.ensure_one()
        check_caller(self, STAFF, access="read")
        return open_related(self, "helpdesk.ticket", "unit_id", self.env._("Requests"))

    # Renovations of the unit (装修, SPEC §8), for the owner archive screen.
    renovation_ids = fields.One2many("property.renovation", "unit_id", string="Renovations")
    # Move-in and keys (SPEC §8), shown in the owner archive ---------------------------------
    household_ids = fields.Many2many(
        "res.partner",
        "property_unit_household_rel",
        "unit_id",
        "partner_id",
        help="Household members and contacts, recorded at move-in.",
    )
    move_in_ids = fields.One2many("property.move.in", "unit_id", string="Move-in Files")
    key_set_ids = fields.One2many("property.key.set", "unit_id", string="Key Sets")
