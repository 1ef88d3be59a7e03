"""Renovations on the portal (SPEC §8): the owner (or a tenant with the owner's consent) applies,
follows the application, downloads the permit and sees the inspections, the rectification notices
and the refund of the deposit. State changes are POST with Odoo's CSRF token."""

import base64
import re

from werkzeug.exceptions import NotFound

from odoo import fields, http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.http import request
from odoo.tools.mimetypes import guess_mimetype

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

from .portal import ALLOWED_ATTACHMENT_TYPES

RENOVATIONS_PER_PAGE = 20
MAX_WORKERS = 30
PERMIT_STATES = ("permitted", "completed", "accepted", "refunded")
TEXT_FIELDS = (
    "scope",
    "contractor_name",
    "contractor_licence",
    "contractor_manager",
    "contractor_phone",
)
RISKY_FLAGS = (
    "touches_load_bearing",
    "touches_facade",
    "touches_waterproofing",
    "touches_common_pipes",
    "touches_wiring",
)


class PropertyRenovationPortal(CustomerPortal):
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "renovation_count" in counters:
            Renovation = request.env["property.renovation"]
            values["renovation_count"] = (
                Renovation.search_count([]) if Renovation.has_access("read") else 0
            )
        return values

    def _renovation_units(self):
        # The portal record rule limits units to those the user owns or rents.
        return request.env["property.unit"].search([])

    def _customer_renovation(self, renovation_id):
        """The user's renovation (record rules decide), as superuser; else 404."""
        renovation = request.env["property.renovation"].browse(renovation_id).exists()
        if not renovation:
            raise NotFound()
        try:
            renovation.check_access("read")
        except AccessError as error:
            raise NotFound() from error
        return renovation.sudo()

    def _renovation_redirect(self, renovation, **query):
        params = "&".join(f"{key}={value}" for key, value in query.items())
        return request.redirect(
            f"/my/renovations/{renovation.id}" + (f"?{params}" if params else "")
        )

    # Pages ----------------------------------------------------------------------------------

    @http.route(
        ["/my/renovations", "/my/renovations/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_renovations(self, page=1, **kw):
        Renovation = request.env["property.renovation"]
        count = Renovation.search_count([]) if Renovation.has_access("read") else 0
        pager = portal_pager(
            url="/my/renovations", total=count, page=page, step=RENOVATIONS_PER_PAGE
        )
        renovations = (
            Renovation.search([], limit=RENOVATIONS_PER_PAGE, offset=pager["offset"])
            if count
            else Renovation
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "renovations": renovations.sudo(),
                "page_name": "renovation",
                "pager": pager,
                "default_url": "/my/renovations",
                "can_apply": bool(self._renovation_units()),
            }
        )
        return request.render("property_service_desk.portal_my_renovations", values)

    @http.route("/my/renovations/<int:renovation_id>", type="http", auth="user", website=True)
    def portal_my_renovation(self, renovation_id, message=None, error=None, **kw):
        renovation = self._customer_renovation(renovation_id)
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "renovation": renovation,
                "page_name": "renovation",
                "inspections": renovation.inspection_ids.filtered(lambda i: i.state == "done"),
                "notices": renovation.notice_ids,
                "can_print_permit": renovation.state in PERMIT_STATES,
                "property_message": message,
                "property_error": error,
            }
        )
        return request.render("property_service_desk.portal_my_renovation", values)

    @http.route("/my/renovations/new", type="http", auth="user", website=True, methods=["GET"])
    def portal_renovation_new(self, **kw):
        return self._render_application_form({}, False)

    def _render_application_form(self, form, error, status=200):
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "renovation",
                "units": self._renovation_units(),
                "form": form,
                "property_error": error,
                "partner": request.env.user.partner_id,
            }
        )
        return request.render(
            "property_service_desk.portal_renovation_application", values, status=status
        )

    @http.route(
        "/my/renovations/new",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
        csrf=True,
    )
    def portal_renovation_create(self, **kw):
        """The application, checked on the server; created and submitted as superuser once the
        user is known to own or rent the unit."""
        env = request.env
        try:
            with env.cr.savepoint():
                vals = self._application_values(kw)
                renovation = env["property.renovation"].sudo().create(vals)
                renovation._submit()
        except (UserError, ValidationError) as error:
            return self._render_application_form(kw, str(error.args[0]), status=400)
        return self._renovation_redirect(renovation, message="submitted")

    def _application_values(self, kw):
        env = request.env
        unit_id = kw.get("unit") or ""
        if not unit_id.isdigit():
            raise UserError(env._("Choose the unit to renovate."))
        unit = self._renovation_units().filtered(lambda u: u.id == int(unit_id))
        if not unit:
            raise NotFound()
        vals = {
            "unit_id": unit.id,
            "partner_id": env.user.partner_id.id,
            "start_date": self._parse_date(kw.get("start_date")),
            "end_date": self._parse_date(kw.get("end_date")),
            **{name: (kw.get(name) or "").strip() for name in TEXT_FIELDS},
            **{name: bool(kw.get(name)) for name in RISKY_FLAGS},
            "worker_ids": [fields.Command.create(worker) for worker in self._workers(kw)],
        }
        plans = self._uploads("plans")
        vals["plan_attachment_ids"] = [
            fields.Command.create({"name": name, "raw": data, "res_model": "property.renovation"})
            for name, data in plans
        ]
        if consent := self._uploads("owner_consent")[:1]:
            vals["owner_consent_filename"] = consent[0][0]
            vals["owner_consent_file"] = base64.b64encode(consent[0][1])
        return vals

    def _parse_date(self, value):
        try:
            return fields.Date.to_date(value) if value else False
        except ValueError as error:
            raise UserError(request.env._("Write the dates as YYYY-MM-DD.")) from error

    def _workers(self, kw):
        """worker_name_0, worker_id_0, worker_phone_0…: the rows the owner filled in."""
        workers = []
        for index in range(MAX_WORKERS):
            name = (kw.get(f"worker_name_{index}") or "").strip()
            number = (kw.get(f"worker_id_{index}") or "").strip()
            if not (name or number):
                continue
            if not (name and number):
                raise UserError(request.env._("Give each worker's name and ID number."))
            phone = re.sub(r"[^\d+ -]", "", kw.get(f"worker_phone_{index}") or "")
            workers.append({"name": name, "id_number": number, "phone": phone or False})
        return workers

    def _uploads(self, field):
        env = request.env
        limit_mb = env.company.property_portal_max_upload_mb
        files = []
        for upload in request.httprequest.files.getlist(field):
            if not upload.filename:
                continue
            data = upload.read()
            if len(data) > limit_mb * 1024 * 1024:
                raise UserError(
                    env._(
                        "The file “%(name)s” is larger than %(limit)s MB.",
                        name=upload.filename,
                        limit=limit_mb,
                    )
                )
            if guess_mimetype(data) not in ALLOWED_ATTACHMENT_TYPES:
                raise UserError(
                    env._(
                        "The file “%(name)s” cannot be attached: only photos and PDF documents "
                        "are accepted.",
                        name=upload.filename,
                    )
                )
            files.append((upload.filename, data))
        return files

    # Actions of the customer (POST) -----------------------------------------------------------

    @http.route(
        "/my/renovations/<int:renovation_id>/complete",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
        csrf=True,
    )
    def portal_renovation_complete(self, renovation_id, **kw):
        """The applicant or the owner declares the works finished: engineering then accepts."""
        renovation = self._customer_renovation(renovation_id)
        if renovation.state != "permitted":
            return self._renovation_redirect(renovation, error="state")
        renovation.with_context(lang=request.env.lang)._complete()
        return self._renovation_redirect(renovation, message="completed")

    @http.route(
        "/my/renovations/<int:renovation_id>/permit", type="http", auth="user", website=True
    )
    def portal_renovation_permit(self, renovation_id, **kw):
        renovation = self._customer_renovation(renovation_id)
        if renovation.state not in PERMIT_STATES:
            raise NotFound()
        # The customer's access to the renovation is checked above; the report action itself is
        # not readable by portal users.
        report = request.env.ref("property_service_desk.property_renovation_report_permit").sudo()
        pdf, _kind = report._render_qweb_pdf(report.report_name, renovation.ids)
        filename = f"permit-{renovation.permit_number}.pdf"
        return request.make_response(
            pdf,
            headers=[
                ("Content-Type", "application/pdf"),
                ("Content-Length", len(pdf)),
                ("Content-Disposition", f'attachment; filename="{filename}"'),
            ],
        )
