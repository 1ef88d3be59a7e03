from odoo import fields, models

# Set when the desk enters a paper form (issue 14, point 11): nobody changes them afterwards.
PAPER_FIELDS = ("property_paper_form", "property_entered_by_id")


class SurveyUserInput(models.Model):
    """A quarterly evaluation answered on paper and entered by the desk."""

    _inherit = "survey.user_input"
    _system_fields = PAPER_FIELDS

    property_paper_form = fields.Boolean(
        string="Paper Form", readonly=True, copy=False, help="Entered by the desk from paper."
    )
    property_entered_by_id = fields.Many2one(
        "res.users", string="Entered By", readonly=True, copy=False
    )
