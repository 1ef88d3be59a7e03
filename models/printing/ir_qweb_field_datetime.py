from odoo import api, models

from .ir_qweb_field_date import CHINESE_DATE, chinese_paper_format


class IrQwebFieldDatetime(models.AbstractModel):
    """On the estate's papers printed in Chinese, a moment reads 2026年12月8日 02:14 (in the
    estate's zone, which the paper names)."""

    _inherit = "ir.qweb.field.datetime"

    @api.model
    def value_to_html(self, value, options):
        pattern = f"{CHINESE_DATE} HH:mm"
        return super().value_to_html(value, chinese_paper_format(self, options, pattern))
