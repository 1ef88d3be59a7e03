from odoo import api, models


class PropertyCacheClearingMixin(models.AbstractModel):
    """Records that registering a request looks up once per worker (the promise policies,
    the request number's sequence): any change to them clears the workers' caches."""

    _name = "property.cache.clearing.mixin"
    _description = "Cached Lookup Source"

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        self.env.registry.clear_cache()
        return records

    def write(self, vals):
        result = super().write(vals)
        self.env.registry.clear_cache()
        return result

    def unlink(self):
        result = super().unlink()
        self.env.registry.clear_cache()
        return result
