from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    property_reception_day_of_month = fields.Integer(
        related="company_id.property_reception_day_of_month", readonly=False
    )
    property_forum_compile_days = fields.Integer(
        related="company_id.property_forum_compile_days", readonly=False
    )
    property_survey_score_target = fields.Integer(
        related="company_id.property_survey_score_target", readonly=False
    )
