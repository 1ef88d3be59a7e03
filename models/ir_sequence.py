from odoo import api, models


class IrSequence(models.Model):
    """A sequence created, changed or deleted: the request numbers look theirs up again."""

    _inherit = "ir.sequence"

    @api.model_create_multi
    def create(self, vals_list):
        sequences = super().create(vals_list)
        self.env.registry.clear_cache()
        return sequences

    def write(self, vals):
        result = super().write(vals)
        self.env.registry.clear_cache()
        return result

    def unlink(self):
        result = super().unlink()
        self.env.registry.clear_cache()
        return result
