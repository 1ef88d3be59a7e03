"""Renovations on the portal: the owner applies (a tenant with the owner's consent), follows the
application, downloads the permit and declares the works finished; every change is a POST with
Odoo's CSRF token, and another unit's renovation does not even show it exists."""

import base64

from odoo import http
from odoo.tests import HttpCase, tagged

from ..common import QUIET, ServiceDeskCase
from ..renovation_common import ID_NUMBERS, PNG, make_renovation

REFUSED = (400, 403, 404, 405)


@tagged("post_install", "-at_install")
class TestPortalRenovation(ServiceDeskCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Users = cls.env["res.users"].with_context(**QUIET)
        portal = cls.env.ref("base.group_portal")
        for login, partner in (("psd_ren_owner", cls.owner_a), ("psd_ren_tenant", cls.tenant_a)):
            Users.create(
                {
                    "login": login,
                    "password": login,
                    "partner_id": partner.id,
                    "groups_id": [(6, 0, portal.ids)],
                }
            )
        cls.other = make_renovation(cls.env, cls.unit_b)

    def csrf(self):
        return http.Request.csrf_token(self)

    def application(self, token=True, attachments=None, **extra):
        attachments = attachments or {}
        data = {
            "unit": str(self.unit_a.id),
            "scope": "New bathroom",
            "start_date": "2026-12-10",
            "end_date": "2027-01-20",
            "contractor_name": "Jumei Decoration",
            "contractor_licence": "91330100MA2H3K7X1Q",
            "contractor_manager": "Zhou Jianguo",
            "contractor_phone": "13905710001",
            "touches_waterproofing": "on",
            "worker_name_0": "Qian Xiaowei",
            "worker_id_0": ID_NUMBERS[0],
            **extra,
        }
        if token:
            data["csrf_token"] = self.csrf()
        files = {"plans": ("plan.png", base64.b64decode(PNG), "image/png"), **attachments}
        return self.url_open("/my/renovations/new", data=data, files=files, allow_redirects=False)

    def mine(self):
        return self.env["property.renovation"].search(
            [("unit_id", "=", self.unit_a.id)], order="id desc", limit=1
        )

    def test_the_owner_applies_and_follows_the_application(self):
        self.authenticate("psd_ren_owner", "psd_ren_owner")
        self.assertEqual(self.url_open("/my/renovations/new").status_code, 200)
        self.assertIn(self.application(token=False).status_code, REFUSED)
        self.assertFalse(self.mine())
        response = self.application()
        self.assertIn(response.status_code, (302, 303), response.text[:300])
        renovation = self.mine()
        self.assertEqual(renovation.state, "submitted")
        self.assertEqual(renovation.partner_id, self.owner_a)
        self.assertTrue(renovation.touches_waterproofing)
        self.assertEqual(renovation.worker_ids.id_number, ID_NUMBERS[0])
        self.assertEqual(len(renovation.plan_attachment_ids), 1)
        page = self.url_open(f"/my/renovations/{renovation.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn(renovation.name, page.text)
        self.assertNotIn(ID_NUMBERS[0], page.text)  # the workers' identities stay with the staff
        self.assertIn(renovation.name, self.url_open("/my/renovations").text)

    def test_a_tenant_applies_with_the_owners_consent_only(self):
        self.authenticate("psd_ren_tenant", "psd_ren_tenant")
        response = self.application()
        self.assertEqual(response.status_code, 400)
        self.assertIn("consent", response.text)
        self.assertFalse(self.mine())
        consent = {"owner_consent": ("consent.png", base64.b64decode(PNG), "image/png")}
        response = self.application(attachments=consent)
        self.assertIn(response.status_code, (302, 303), response.text[:300])
        self.assertEqual(self.mine().state, "submitted")

    def test_another_units_renovation_is_not_found(self):
        self.authenticate("psd_ren_owner", "psd_ren_owner")
        self.assertEqual(self.url_open(f"/my/renovations/{self.other.id}").status_code, 404)
        foreign_unit = self.application(unit=str(self.unit_b.id))
        self.assertEqual(foreign_unit.status_code, 404)

    def test_the_permit_once_the_deposit_is_paid_and_the_works_declared_finished(self):
        renovation = make_renovation(self.env, self.unit_a, "approved")
        self.authenticate("psd_ren_owner", "psd_ren_owner")
        self.assertEqual(self.url_open(f"/my/renovations/{renovation.id}/permit").status_code, 404)
        works = make_renovation(self.env, self.unit_a, "permitted")
        permit = self.url_open(f"/my/renovations/{works.id}/permit")
        self.assertEqual(permit.status_code, 200)
        self.assertEqual(permit.headers["Content-Type"], "application/pdf")
        url = f"/my/renovations/{works.id}/complete"
        self.assertIn(self.url_open(url, allow_redirects=False).status_code, REFUSED)
        self.assertIn(self.url_open(url, data={}, allow_redirects=False).status_code, REFUSED)
        works.invalidate_recordset()
        self.assertEqual(works.state, "permitted")
        response = self.url_open(url, data={"csrf_token": self.csrf()}, allow_redirects=False)
        self.assertIn(response.status_code, (302, 303))
        works.invalidate_recordset()
        self.assertEqual(works.state, "completed")
