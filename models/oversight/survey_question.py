from odoo import fields, models


class SurveyQuestion(models.Model):
    _inherit = "survey.question"

    is_evaluation_overall = fields.Boolean(
        string="Overall Satisfaction Question",
        help="In a quarterly customer evaluation, this question gives the satisfaction rate of "
        "the quarter.",
    )
