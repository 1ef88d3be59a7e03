from odoo import models


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _get_translation_frontend_modules_name(cls):
        # helpdesk_mgmt's new-request form on the portal has JavaScript messages of its own,
        # translated in i18n_extra/zh_CN.po (see code_translations.py).
        # The portal's chatter is mail's (as website_mail adds it, without the website).
        return super()._get_translation_frontend_modules_name() + ["helpdesk_mgmt", "mail"]
