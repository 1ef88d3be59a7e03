from odoo import api, models
from odoo.exceptions import AccessError


class PropertyAppendOnlyMixin(models.AbstractModel):
    """Records an auditor relies on: anyone may add one, only the superuser may change them."""

    _name = "property.append.only.mixin"
    _description = "Append-only Record"

    def write(self, vals):
        self._check_append_only()
        return super().write(vals)

    @api.ondelete(at_uninstall=True)
    def _unlink_except_superuser(self):
        self._check_append_only()

    def _check_append_only(self):
        if not self.env.su:
            raise AccessError(
                self.env._(
                    "%(record)s is part of the audit history: it cannot be changed or deleted.",
                    record=self._description,
                )
            )
