from odoo import api, models


class ResPartner(models.Model):
    """A person created from an estate's screens (context `property_estate_id`: a unit's owner
    or tenant) starts with the estate's zone and Chinese."""

    _inherit = "res.partner"

    @api.model
    def default_get(self, fields_list):
        defaults = super().default_get(fields_list)
        estate_id = self.env.context.get("property_estate_id")
        if estate_id:
            estate = self.env["property.estate"].browse(estate_id)
            for name, value in estate._new_person_defaults().items():
                if name in fields_list:
                    defaults[name] = value
        return defaults
