from odoo import fields, models
from odoo.exceptions import UserError

from ...tools.groups import PROJECT_MANAGER
from .property_evaluation_campaign import PropertyEvaluationCampaign as Base

# Points of each answer of the overall question towards the survey score (out of 100).
SCORE_POINTS = {"satisfied_count": 100, "fair_count": 80, "dissatisfied_count": 0}


class PropertyEvaluationCampaign(models.Model):
    """The survey score against the company's target (≥ 90 points), who issued and collected
    each paper form, and the results fed back to all the estate's staff (SPEC §7)."""

    _inherit = "property.evaluation.campaign"
    _system_fields = (*Base._system_fields, "survey_score", "published_at", "published_by_id")

    survey_score = fields.Float(
        digits=(5, 1),
        readonly=True,
        copy=False,
        help="Average points of the overall answers: satisfied 100, fairly satisfied 80, "
        "dissatisfied 0.",
    )
    score_target = fields.Integer(related="company_id.property_survey_score_target")
    is_score_below_target = fields.Boolean(
        string="Score Below Target", compute="_compute_is_score_below_target"
    )
    published_at = fields.Datetime(string="Published to Staff on", readonly=True, copy=False)
    published_by_id = fields.Many2one(
        "res.users", string="Published to Staff by", readonly=True, copy=False
    )

    def _compute_is_score_below_target(self):
        for campaign in self:
            campaign.is_score_below_target = (
                campaign.state == "summarised" and campaign.survey_score < campaign.score_target
            )

    def _summary_figures(self, lines):
        figures = super()._summary_figures(lines)
        overall = lines.filtered(lambda line: line.line_type == "rating" and line.is_overall)
        answered = sum(overall.mapped("answered_count"))
        points = sum(sum(line[name] for line in overall) * p for name, p in SCORE_POINTS.items())
        figures["survey_score"] = points / answered if answered else 0.0
        return figures

    def action_enter_paper_form(
        self, unit_id, partner_id, answers, issued_by_id=None, collected_by_id=None
    ):
        """Also who handed the form out and who collected it back (default: the caller),
        both staff of the estate."""
        given = self.env["res.users"].browse([i for i in (issued_by_id, collected_by_id) if i])
        members = self.estate_id.sudo().member_ids
        outsiders = given.filtered(
            lambda user: user not in members and not user.property_all_estates
        )
        if given and (given.exists() != given or outsiders):
            raise UserError(
                self.env._("The form is issued and collected by the staff of the estate.")
            )
        issuer = issued_by_id or self.env.uid
        collector = collected_by_id or self.env.uid
        result = super().action_enter_paper_form(unit_id, partner_id, answers)
        answer = self.sudo().user_input_ids.filtered(
            lambda a: a.partner_id.id == partner_id and a.property_paper_form
        )[:1]
        answer.write({"property_issued_by_id": issuer, "property_collected_by_id": collector})
        return result

    def action_publish_to_staff(self):
        """Feed the results back to all the estate's staff: the summary posted to them."""
        self.ensure_one()
        self._check_caller(PROJECT_MANAGER)
        self._check_state("summarised", self.env._("Summarise the evaluation before publishing."))
        if self.published_at:
            raise UserError(self.env._("These results were already published to the staff."))
        staff = self.estate_id.sudo().member_ids.partner_id
        self.sudo().message_post(
            body=self._staff_feedback(),
            partner_ids=staff.ids,
            author_id=self.env.user.partner_id.id,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        self._write_system({"published_at": fields.Datetime.now(), "published_by_id": self.env.uid})
        return True

    def _staff_feedback(self):
        lowest = "、".join(self.summary_line_ids.filtered("is_lowest").mapped("name")) or "-"
        return self.env._(
            "Results of %(name)s: satisfaction %(rate).1f%%, survey score %(score).1f points "
            "(target %(target)s), %(done)s questionnaires completed. Lowest areas: %(lowest)s.",
            name=self.name,
            rate=self.satisfaction_rate,
            score=self.survey_score,
            target=self.score_target,
            done=self.sample_size,
            lowest=lowest,
        )
