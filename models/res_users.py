from odoo import api, fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    property_estate_ids = fields.Many2many(
        "property.estate",
        "property_estate_res_users_rel",
        "user_id",
        "estate_id",
        string="Estates",
        help="Estates whose requests this user sees.",
    )
    property_all_estates = fields.Boolean(
        string="Sees All Estates",
        compute="_compute_property_all_estates",
        help="Portal users are limited by their own rules; staff by their estates unless "
        "they belong to the group 'See all estates'.",
    )

    @api.depends_context("uid")
    @api.depends("groups_id")
    def _compute_property_all_estates(self):
        for user in self:
            user.property_all_estates = user.share or user.has_group(
                "property_service_desk.group_property_all_estates"
            )

    def write(self, vals):
        result = super().write(vals)
        if "property_estate_ids" in vals:
            # Estate visibility is part of the cached record rules.
            self.env.registry.clear_cache()
        return result
