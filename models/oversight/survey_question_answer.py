from odoo import fields, models

RATINGS = [
    ("satisfied", "Satisfied"),
    ("fair", "Fairly Satisfied"),
    ("dissatisfied", "Dissatisfied"),
]


class SurveyQuestionAnswer(models.Model):
    _inherit = "survey.question.answer"

    evaluation_rating = fields.Selection(
        RATINGS,
        help="What choosing this answer means in a quarterly customer evaluation: satisfied "
        "(满意), fairly satisfied (基本满意) or dissatisfied (不满意). Answers without a rating "
        "are not counted in the satisfaction rate.",
    )
