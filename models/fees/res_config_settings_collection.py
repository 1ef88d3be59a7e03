from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    property_fee_reminder_steps = fields.Char(
        related="company_id.property_fee_reminder_steps", readonly=False
    )
    property_fee_late_fee = fields.Boolean(
        related="company_id.property_fee_late_fee", readonly=False
    )
    property_fee_late_fee_rate = fields.Float(
        related="company_id.property_fee_late_fee_rate", readonly=False
    )
    property_fee_late_fee_cap = fields.Float(
        related="company_id.property_fee_late_fee_cap", readonly=False
    )
    property_kpi_collection_target = fields.Float(
        related="company_id.property_kpi_collection_target", readonly=False
    )
