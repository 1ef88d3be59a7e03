from odoo import api, fields, models

# Question types a paper form can be entered for; other questions stay unanswered.
PAPER_QUESTION_TYPES = ("simple_choice", "matrix", "text_box", "char_box")


class PropertyEvaluationPaperWizard(models.TransientModel):
    """Enter a paper evaluation form (客户评议表) on the customer's behalf."""

    _name = "property.evaluation.paper.wizard"
    _description = "Enter a Paper Evaluation Form"

    campaign_id = fields.Many2one(
        "property.evaluation.campaign", string="Evaluation", required=True, readonly=True
    )
    estate_id = fields.Many2one(related="campaign_id.estate_id")
    unit_id = fields.Many2one(
        "property.unit", required=True, domain="[('estate_id', '=', estate_id)]"
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        compute="_compute_partner_id",
        store=True,
        readonly=False,
        help="Who filled in the paper form: the unit's owner (or a tenant).",
    )
    line_ids = fields.One2many(
        "property.evaluation.paper.wizard.line", "wizard_id", string="Answers"
    )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        campaign = self.env["property.evaluation.campaign"].browse(values.get("campaign_id"))
        if campaign and "line_ids" in fields_list:
            values["line_ids"] = [
                fields.Command.create(line) for line in self._line_values(campaign.survey_id)
            ]
        return values

    @api.model
    def _line_values(self, survey):
        lines = []
        for question in survey.question_ids.filtered(
            lambda q: q.question_type in PAPER_QUESTION_TYPES
        ):
            if question.question_type == "matrix":
                lines += [
                    {"question_id": question.id, "matrix_row_id": row.id}
                    for row in question.matrix_row_ids
                ]
            else:
                lines.append({"question_id": question.id})
        return lines

    @api.depends("unit_id")
    def _compute_partner_id(self):
        for wizard in self:
            wizard.partner_id = wizard.unit_id.owner_id

    def action_confirm(self):
        self.ensure_one()
        self.campaign_id.action_enter_paper_form(
            self.unit_id.id, self.partner_id.id, self._answers()
        )
        return {"type": "ir.actions.act_window_close"}

    def _answers(self):
        """The answers as the survey saves them: {question id: value}."""
        answers = {}
        for line in self.line_ids:
            question = line.question_id
            if question.question_type == "matrix" and line.answer_id:
                rows = answers.setdefault(question.id, {})
                rows[line.matrix_row_id.id] = [line.answer_id.id]
            elif question.question_type == "simple_choice" and line.answer_id:
                answers[question.id] = line.answer_id.id
            elif question.question_type in ("text_box", "char_box") and line.text_value:
                answers[question.id] = line.text_value
        return answers
