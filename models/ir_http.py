from odoo import models


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _get_translation_frontend_modules_name(cls):
        # helpdesk_mgmt's new-request form on the portal has JavaScript messages of its own,
        # translated in i18n_extra/zh_CN.po (see code_translations.py).
        return super()._get_translation_frontend_modules_name() + ["helpdesk_mgmt"]
