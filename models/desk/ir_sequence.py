from odoo import models


class IrSequence(models.Model):
    """A sequence created, changed or deleted: the request numbers look theirs up again."""

    _name = "ir.sequence"
    _inherit = ["ir.sequence", "property.cache.clearing.mixin"]
