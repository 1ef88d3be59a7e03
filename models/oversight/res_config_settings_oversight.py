from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    property_reception_day_of_month = fields.Integer(
        related="company_id.property_reception_day_of_month", readonly=False
    )
