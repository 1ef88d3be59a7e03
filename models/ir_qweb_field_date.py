from odoo import api, models

# How Chinese papers write a day: 2026年12月7日 (LDML, no leading zeros).
CHINESE_DATE = "y年M月d日"


class IrQwebFieldDate(models.AbstractModel):
    """On the estate's papers (ir.actions.report sets `property_paper`), a day printed in
    Chinese reads 2026年12月7日, as Chinese offices write it."""

    _inherit = "ir.qweb.field.date"

    @api.model
    def value_to_html(self, value, options):
        if (
            self.env.context.get("property_paper")
            and not options.get("format")
            and (self.user_lang().code or "").startswith("zh")
        ):
            options = dict(options, format=CHINESE_DATE)
        return super().value_to_html(value, options)
