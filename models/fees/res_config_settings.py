from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    property_fee_billing_period = fields.Selection(
        related="company_id.property_fee_billing_period", readonly=False
    )
    property_meter_review_factor = fields.Float(
        related="company_id.property_meter_review_factor", readonly=False
    )
    property_meter_review_months = fields.Integer(
        related="company_id.property_meter_review_months", readonly=False
    )
