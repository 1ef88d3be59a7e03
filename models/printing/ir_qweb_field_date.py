from odoo import api, models

# How Chinese papers write a day: 2026年12月7日 (LDML, no leading zeros).
CHINESE_DATE = "y年M月d日"


def chinese_paper_format(converter, options, pattern):
    """`options` with `pattern` on the estate's papers (ir.actions.report sets
    `property_paper`) printed in Chinese, when the template names no format of its own."""
    if (
        converter.env.context.get("property_paper")
        and not options.get("format")
        and (converter.user_lang().code or "").startswith("zh")
    ):
        return dict(options, format=pattern)
    return options


class IrQwebFieldDate(models.AbstractModel):
    """On the estate's papers (ir.actions.report sets `property_paper`), a day printed in
    Chinese reads 2026年12月7日, as Chinese offices write it."""

    _inherit = "ir.qweb.field.date"

    @api.model
    def value_to_html(self, value, options):
        return super().value_to_html(value, chinese_paper_format(self, options, CHINESE_DATE))
