from unittest.mock import patch

from odoo import http
from odoo.tests import HttpCase, new_test_user, tagged

from ..common import PropertyCase


@tagged("post_install", "-at_install")
class TestUploadLimit(PropertyCase, HttpCase):
    """An upload over the server's limit is explained in the user's language (SPEC §9), on a
    portal form and in the web client, instead of a bare "413" page."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        new_test_user(cls.env, login="psd_big_owner", groups="base.group_portal", lang="zh_CN")
        cls.agent_a.lang = "zh_CN"

    def test_portal_form_explains_the_limit(self):
        self.authenticate("psd_big_owner", "psd_big_owner")
        with patch.object(http, "DEFAULT_MAX_CONTENT_LENGTH", 4096):
            response = self.url_open(
                "/my/renovations/new",
                data={"scope": "x"},
                files={"plans": ("plan.png", b"\0" * 8192, "image/png")},
            )
        self.assertEqual(response.status_code, 413)
        self.assertIn("文件过大", response.text)
        self.assertIn("0.00390625 MB", response.text)

    def test_web_client_gets_the_message(self):
        self.authenticate(self.agent_a.login, self.agent_a.login)
        with patch.object(http, "DEFAULT_MAX_CONTENT_LENGTH", 4096):
            response = self.url_open(
                "/web/binary/upload_attachment",
                data={"model": "res.partner", "id": "0"},
                files={"ufile": ("plan.png", b"\0" * 8192, "image/png")},
            )
        self.assertEqual(response.status_code, 413)
        self.assertIn("文件过大", response.json()["error"])
