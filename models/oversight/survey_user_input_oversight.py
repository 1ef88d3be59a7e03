from odoo import api, fields, models

from ..property_system_fields_mixin import guard_system_fields

# Set when the desk enters a paper form: who handed it out and who collected it back (SPEC §7).
HANDLING_FIELDS = ("property_issued_by_id", "property_collected_by_id")


class SurveyUserInput(models.Model):
    _inherit = "survey.user_input"

    property_issued_by_id = fields.Many2one(
        "res.users", string="Issued by", readonly=True, copy=False, help="Handed the form out."
    )
    property_collected_by_id = fields.Many2one(
        "res.users", string="Collected by", readonly=True, copy=False, help="Collected it back."
    )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            guard_system_fields(self, HANDLING_FIELDS, vals)
        return super().create(vals_list)

    def write(self, vals):
        guard_system_fields(self, HANDLING_FIELDS, vals)
        return super().write(vals)
