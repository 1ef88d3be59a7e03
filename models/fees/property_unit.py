from odoo import fields, models

UNIT_TYPES = [("residential", "Residential"), ("shop", "Shop"), ("parking", "Parking Space")]


class PropertyUnit(models.Model):
    _inherit = "property.unit"

    unit_type = fields.Selection(
        UNIT_TYPES,
        default="residential",
        required=True,
        help="What the unit is used for: its management fee rate depends on it.",
    )
    fee_unit_item_ids = fields.One2many("property.fee.unit.item", "unit_id", string="Charge Items")
    meter_ids = fields.One2many("property.meter", "unit_id", string="Meters")
