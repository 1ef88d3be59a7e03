from odoo import api, fields, models


class PropertyEvaluationSummaryLine(models.Model):
    """One row of the summary analysis (汇总分析) of a quarterly evaluation: the ratings of a
    question (or of one row of a matrix question), or one comment of a customer."""

    _name = "property.evaluation.summary.line"
    _description = "Evaluation Summary Line"
    _inherit = ["property.system.fields.mixin"]
    # The summary counts the customers' answers: only the summary itself writes it.
    _system_fields = (
        "campaign_id",
        "line_type",
        "sequence",
        "question_id",
        "matrix_row_id",
        "is_overall",
        "satisfied_count",
        "fair_count",
        "dissatisfied_count",
        "is_lowest",
        "unit_id",
        "comment",
    )
    _order = "campaign_id, line_type desc, sequence, id"

    campaign_id = fields.Many2one(
        "property.evaluation.campaign",
        string="Quarterly Evaluation",
        required=True,
        index=True,
        ondelete="cascade",
    )
    line_type = fields.Selection(
        [("rating", "Rating"), ("comment", "Comment")], required=True, default="rating"
    )
    sequence = fields.Integer()
    question_id = fields.Many2one("survey.question", ondelete="set null")
    matrix_row_id = fields.Many2one(
        "survey.question.answer",
        string="Area",
        ondelete="set null",
        help="The row of a matrix question: the service area rated.",
    )
    name = fields.Char(string="Question or Area", compute="_compute_name", compute_sudo=True)
    is_overall = fields.Boolean(string="Overall Satisfaction")
    satisfied_count = fields.Integer(string="Satisfied")
    fair_count = fields.Integer(string="Fairly Satisfied")
    dissatisfied_count = fields.Integer(string="Dissatisfied")
    answered_count = fields.Integer(string="Answers", compute="_compute_rates", store=True)
    satisfaction_rate = fields.Float(
        string="Satisfaction Rate (%)",
        digits=(5, 1),
        compute="_compute_rates",
        store=True,
        help="(Satisfied + fairly satisfied) / answers.",
    )
    is_lowest = fields.Boolean(
        string="Lowest Area", help="Among the lowest-rated service areas of the quarter."
    )
    unit_id = fields.Many2one("property.unit", ondelete="set null")
    comment = fields.Text()

    def _kept_on_record(self):
        return self

    @api.depends("question_id.title", "matrix_row_id.value")
    def _compute_name(self):
        for line in self:
            line.name = line.matrix_row_id.value or line.question_id.title or ""

    @api.depends("satisfied_count", "fair_count", "dissatisfied_count")
    def _compute_rates(self):
        for line in self:
            answered = line.satisfied_count + line.fair_count + line.dissatisfied_count
            line.answered_count = answered
            line.satisfaction_rate = (
                100.0 * (line.satisfied_count + line.fair_count) / answered if answered else 0.0
            )
