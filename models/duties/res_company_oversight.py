from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    property_reception_day_of_month = fields.Integer(
        string="Reception Day of the Month",
        default=15,
        help="Day of each month the estates' managers receive owners (接待日), 1 to 28.",
    )

    property_forum_compile_days = fields.Integer(
        string="Forum Opinions Compiled within (Days)",
        default=7,
        help="Days after a customer forum by which its opinions are compiled.",
    )

    property_survey_score_target = fields.Integer(
        string="Survey Score Target",
        default=90,
        help="Points (out of 100) the quarterly evaluation's survey score should reach.",
    )

    @api.constrains("property_survey_score_target")
    def _check_property_survey_score_target(self):
        if any(not 0 <= c.property_survey_score_target <= 100 for c in self):
            raise ValidationError(self.env._("The survey score target is 0 to 100 points."))

    @api.constrains("property_forum_compile_days")
    def _check_property_forum_compile_days(self):
        if any(not 1 <= c.property_forum_compile_days <= 90 for c in self):
            raise ValidationError(self.env._("Forum opinions are compiled within 1 to 90 days."))

    @api.constrains("property_reception_day_of_month")
    def _check_property_reception_day_of_month(self):
        if any(not 1 <= c.property_reception_day_of_month <= 28 for c in self):
            raise ValidationError(
                self.env._("The reception day is a day of the month from 1 to 28.")
            )
