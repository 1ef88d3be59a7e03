from odoo import api, fields, models

from ..core.property_system_fields_mixin import guard_system_fields

# Set when a campaign invites the customer: an answer does not move to another campaign.
SYSTEM_FIELDS = ("evaluation_campaign_id", "unit_id")


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

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            guard_system_fields(self, SYSTEM_FIELDS, vals)
        return super().create(vals_list)

    def write(self, vals):
        guard_system_fields(self, SYSTEM_FIELDS, vals)
        return super().write(vals)
