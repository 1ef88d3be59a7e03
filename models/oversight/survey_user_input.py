from odoo import fields, models

# Set when a campaign invites the customer: an answer does not move to another campaign.
SYSTEM_FIELDS = ("evaluation_campaign_id", "unit_id")


class SurveyUserInput(models.Model):
    """A questionnaire sent in a quarterly evaluation, with the unit it speaks for."""

    _name = "survey.user_input"
    _inherit = ["survey.user_input", "property.system.fields.mixin"]
    _system_fields = SYSTEM_FIELDS

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
