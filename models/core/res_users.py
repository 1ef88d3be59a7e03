from odoo import api, fields, models

from ...tools.personal_data import (
    PHONE_FIELDS,
    mask_export,
    mask_rows,
    partner_wall,
    partners_to_mask,
)


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

    def _property_partner_wall(self):
        """Domain of the contacts this user reads (the record rules of personal data)."""
        self.ensure_one()
        return partner_wall(self)

    def _property_users_wall(self):
        """Domain of the users this user reads: colleagues, and the portal accounts of the
        contacts they read; a portal user reads no other portal account than their own."""
        self.ensure_one()
        if self.share:
            return ["|", ("share", "=", False), ("id", "=", self.id)]
        return ["|", ("share", "=", False), ("partner_id", "any", partner_wall(self))]

    def _read_format(self, fnames, load="_classic_read"):
        rows = super()._read_format(fnames, load)
        fields = [fname for fname in PHONE_FIELDS if fname in fnames]
        if not fields:
            return rows
        return mask_rows(rows, self._property_users_to_mask(), fields)

    def _export_rows(self, fields, *, _is_toplevel_call=True):
        def export(records):
            return super()._export_rows(fields, _is_toplevel_call=_is_toplevel_call)

        return mask_export(self, fields, PHONE_FIELDS, self._property_users_to_mask, export)

    def _property_users_to_mask(self):
        """Among these users, those whose numbers the current user sees masked (as their
        contacts')."""
        partners = self.sudo().partner_id
        masked = partners_to_mask(self.env["res.partner"].browse(partners.ids))
        return {user.id for user in self.sudo() if user.partner_id.id in masked}
