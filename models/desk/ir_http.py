from markupsafe import Markup
from werkzeug.exceptions import RequestEntityTooLarge

from odoo import models
from odoo.http import Response, request


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _get_translation_frontend_modules_name(cls):
        # helpdesk_mgmt's new-request form on the portal has JavaScript messages of its own,
        # translated in i18n_extra/zh_CN.po (see code_translations.py).
        # The portal's chatter is mail's (as website_mail adds it, without the website).
        return super()._get_translation_frontend_modules_name() + ["helpdesk_mgmt", "mail"]

    @classmethod
    def _handle_error(cls, exception):
        # A form over the server's limit is refused by werkzeug before any route runs, and Odoo
        # answers a bare "413" page.
        if isinstance(exception, RequestEntityTooLarge) and request.db:
            return cls._upload_too_large()
        return super()._handle_error(exception)

    @classmethod
    def _upload_too_large(cls):
        limit = request.httprequest.max_content_length or 0
        size = f"{limit / 1024 / 1024:g}"
        env = request.env
        message = env._(
            "The file is too large: uploads are limited to %(size)s MB in all. Choose a smaller "
            "file (a photo at a lower resolution, a compressed PDF) or send the files one by one.",
            size=size,
        )
        if not getattr(request, "is_frontend", False):
            # The web client's uploads read {"error": …} (mail's own uploads know the 413).
            return request.make_json_response({"error": message}, status=413)
        back = env._("Back")
        page = Markup(
            '<!DOCTYPE html><html><head><meta charset="utf-8"/>'
            '<meta name="viewport" content="width=device-width, initial-scale=1"/>'
            "<title>%s</title></head><body><p>%s</p>"
            '<p><a href="javascript:history.back()">%s</a></p></body></html>'
        ) % (message, message, back)
        return Response(str(page), status=413, content_type="text/html; charset=utf-8")
