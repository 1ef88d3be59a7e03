from odoo import fields, models


class SurveyUserInput(models.Model):
    """A questionnaire sent in a quarterly evaluation, with the unit it speaks for."""

    _inherit = "survey.user_input"

    evaluation_campaign_id = fields.Many2one(
        "property.evaluation.campaign",
        string="Quarterly Evaluation",
        index="btree_not_null",
        ondelete="restrict",
        readonly=True,
    )
    unit_id = fields.Many2one("property.unit", index="btree_not_null", readonly=True)
    estate_id = fields.Many2one(
        related="evaluation_campaign_id.estate_id", store=True, index="btree_not_null"
    )
