from odoo import fields, models

# Set when the desk enters a paper form: who handed it out and who collected it back (SPEC §7).
HANDLING_FIELDS = ("property_issued_by_id", "property_collected_by_id")


class SurveyUserInput(models.Model):
    _inherit = "survey.user_input"
    _system_fields = HANDLING_FIELDS

    property_issued_by_id = fields.Many2one(
        "res.users", string="Issued by", readonly=True, copy=False, help="Handed the form out."
    )
    property_collected_by_id = fields.Many2one(
        "res.users", string="Collected by", readonly=True, copy=False, help="Collected it back."
    )
