from odoo import fields, models


class PropertyEvaluationPaperWizardLine(models.TransientModel):
    """One answer of a paper evaluation form: a question (or a row of a rating table)."""

    _name = "property.evaluation.paper.wizard.line"
    _description = "Answer of a Paper Evaluation Form"

    wizard_id = fields.Many2one(
        "property.evaluation.paper.wizard", required=True, ondelete="cascade"
    )
    question_id = fields.Many2one("survey.question", required=True, readonly=True)
    question_type = fields.Selection(related="question_id.question_type")
    matrix_row_id = fields.Many2one("survey.question.answer", string="Row", readonly=True)
    answer_id = fields.Many2one(
        "survey.question.answer",
        domain="[('question_id', '=', question_id)]",
    )
    text_value = fields.Text(string="Written Answer")
