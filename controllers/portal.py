"""Owners' and tenants' portal (SPEC §2–§4), built on helpdesk_mgmt's own portal routes."""

from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request
from odoo.tools.mimetypes import guess_mimetype

from odoo.addons.helpdesk_mgmt.controllers.main import HelpdeskTicketController
from odoo.addons.helpdesk_mgmt.controllers.myaccount import CustomerPortalHelpdesk

from ..models.parcels.property_parcel import OPEN_STATES as PARCEL_OPEN_STATES
from ..tools.request_selections import AREA_SCOPES, URGENCIES

# Photos and PDF documents; anything else (HTML, SVG, office files, archives…) is refused.
ALLOWED_ATTACHMENT_TYPES = {
    "image/jpeg": "JPEG",
    "image/png": "PNG",
    "image/gif": "GIF",
    "image/webp": "WebP",
    "application/pdf": "PDF",
}


def _checked_record(model_name, record_id):
    """The record if the current user may read it, as sudo (keeping the user for the
    history); otherwise 404, so that another unit's records do not even show they exist."""
    record = request.env[model_name].browse(record_id)
    try:
        record.check_access("read")
        if not record.exists():
            raise MissingError(model_name)
    except (AccessError, MissingError) as error:
        raise NotFound() from error
    return record.sudo()


def customer_ticket(ticket_id):
    """The request, as sudo, if the current user is its customer; otherwise 404. Reading a
    request (the unit's, for an owner or a tenant) is not enough to decide on it."""
    ticket = _checked_record("helpdesk.ticket", ticket_id)
    if not ticket._property_is_customer(request.env.user):
        raise NotFound()
    return ticket


class PropertyHelpdeskTicketController(HelpdeskTicketController):
    """Submission: unit, kind, urgency, area, description and photos, checked on the server."""

    def _property_portal_units(self):
        # The portal record rule limits units to those the user owns or rents.
        return request.env["property.unit"].search([])

    def _get_create_new_ticket_values(self, **kw):
        values = super()._get_create_new_ticket_values(**kw)
        company = request.env.company
        limit = company.property_portal_max_upload_mb * 1024 * 1024
        ticket_model = request.env["helpdesk.ticket"]
        values.update(
            {
                "property_units": self._property_portal_units(),
                "property_kinds": ticket_model._property_portal_kinds(),
                "property_urgencies": ticket_model._property_selection_labels("urgency"),
                "property_areas": ticket_model._property_selection_labels("area_scope"),
                "max_upload_size": min(values.get("max_upload_size") or limit, limit),
                "property_form": kw,
                "property_error": False,
            }
        )
        return values

    def _prepare_submit_ticket_vals(self, **kw):
        vals = super()._prepare_submit_ticket_vals(**kw)
        unit = request.env["property.unit"].browse(int(kw["unit"]))
        vals.update(
            {
                "unit_id": unit.id,
                "estate_id": unit.estate_id.id,
                "company_id": unit.company_id.id,
                "request_kind": kw["request_kind"],
                "urgency": kw["urgency"],
                "area_scope": kw["area_scope"],
            }
        )
        if not vals.get("team_id") and unit.estate_id.team_id:
            team = unit.estate_id.sudo().team_id
            vals["team_id"] = team.id
            vals["stage_id"] = team._get_applicable_stages()[:1].id or vals.get("stage_id")
        return vals

    # State changes on POST only, with Odoo's CSRF token (GET is never CSRF-checked).
    @http.route(methods=["POST"], csrf=True)
    def submit_ticket(self, **kw):
        error = self._property_check_submission(kw)
        if error:
            values = self._get_create_new_ticket_values(**kw)
            values["property_error"] = error
            return request.render("helpdesk_mgmt.portal_create_ticket", values, status=400)
        for upload in request.httprequest.files.getlist("attachment"):
            upload.seek(0)
        return super().submit_ticket(**kw)

    def _property_check_submission(self, kw):
        """Refuse what the form cannot send honestly: a unit that is not the user's (403),
        an unknown kind, urgency or area, attachments of a wrong type or too large."""
        env = request.env
        unit_id = kw.get("unit") or ""
        if not unit_id.isdigit():
            return env._("Choose the unit the request is about.")
        if int(unit_id) not in self._property_portal_units().ids:
            raise NotFound()
        kinds = dict(env["helpdesk.ticket"]._property_portal_kinds())
        if kw.get("request_kind") not in kinds:
            return env._("Choose the kind of request.")
        kw.setdefault("urgency", "general")
        kw.setdefault("area_scope", "private")
        if kw["urgency"] not in dict(URGENCIES) or kw["area_scope"] not in dict(AREA_SCOPES):
            return env._("Choose the urgency and whether it is about your unit or a common area.")
        if not (kw.get("subject") or "").strip() or not (kw.get("description") or "").strip():
            return env._("Write a title and a description of the request.")
        return (
            env["helpdesk.ticket"]._property_portal_flood_message()
            or self._property_check_attachments()
        )

    def _property_check_attachments(self):
        env = request.env
        limit_mb = env.company.property_portal_max_upload_mb
        for upload in request.httprequest.files.getlist("attachment"):
            if not upload.filename:
                continue
            data = upload.read()
            if len(data) > limit_mb * 1024 * 1024:
                return env._(
                    "The file “%(name)s” is larger than %(limit)s MB: attach a smaller photo "
                    "or document.",
                    name=upload.filename,
                    limit=limit_mb,
                )
            if guess_mimetype(data) not in ALLOWED_ATTACHMENT_TYPES:
                return env._(
                    "The file “%(name)s” cannot be attached: only photos (JPEG, PNG, GIF, "
                    "WebP) and PDF documents are accepted.",
                    name=upload.filename,
                )
        return False

    @http.route(methods=["POST"], csrf=True)
    def support_ticket_close(self, **kw):
        # helpdesk_mgmt closes by id as superuser: only the request's customer may withdraw it
        # (another unit's request is not found, a co-occupant's is not theirs to close), to a
        # stage open to the portal, while it is open.
        ticket_id, stage_id = kw.get("ticket_id") or "", kw.get("stage_id") or ""
        if not (ticket_id.isdigit() and stage_id.isdigit()):
            raise NotFound()
        ticket = customer_ticket(int(ticket_id))
        stage = request.env["helpdesk.ticket.stage"].sudo().browse(int(stage_id)).exists()
        if ticket.closed_date or stage not in ticket._property_portal_close_stages():
            raise NotFound()
        return super().support_ticket_close(ticket_id=ticket_id, stage_id=stage_id)


class PropertyCustomerPortal(CustomerPortalHelpdesk):
    """Tracking a request, the customer's decisions, signatures and callback answers."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if not counters:  # the home page itself (the tiles' counters come later, by script)
            values["property_waiting"] = self._property_waiting()
        return values

    def _property_waiting(self):
        """What waits for the customer, as (label, count, url): the one record when there is
        one, the list otherwise."""
        env, user = request.env, request.env.user
        tickets = env["helpdesk.ticket"].search([("solution_decision", "=", "pending")])
        to_decide = tickets.filtered(
            lambda t: t._property_is_customer(user) and t._property_awaits_customer_decision()
        )
        to_sign = (
            env["property.work.order"]
            .search([("state", "=", "done"), ("customer_signature", "=", False)])
            .filtered(self._property_is_order_customer)
        )
        to_answer = (
            env["property.callback"]
            .search([("state", "=", "to_do")])
            .filtered(
                lambda c: (
                    c._property_answerable_on_portal() and c.ticket_id._property_is_customer(user)
                )
            )
        )
        parcels = env["property.parcel"].search_count(
            [("direction", "=", "incoming"), ("state", "in", PARCEL_OPEN_STATES)]
        )
        waiting = [
            (env._("Complaint solutions to decide"), to_decide, to_decide, "/my/ticket/%s"),
            (env._("Work orders to sign"), to_sign, to_sign, "/my/work_order/%s"),
            (env._("Callbacks to answer"), to_answer, to_answer.ticket_id, "/my/ticket/%s"),
        ]
        items = [
            (label, len(records), page % pages.id if len(pages) == 1 else "/my/tickets")
            for label, records, pages, page in waiting
            if records
        ]
        if parcels:
            items.append((env._("Parcels to pick up"), parcels, "/my/parcels?filterby=waiting"))
        return items

    @http.route()
    def portal_my_ticket(self, ticket_id, access_token=None, **kw):
        try:
            self._document_check_access("helpdesk.ticket", ticket_id, access_token=access_token)
        except (AccessError, MissingError) as error:
            raise NotFound() from error
        return super().portal_my_ticket(ticket_id, access_token=access_token, **kw)

    def _ticket_get_page_view_values(self, ticket, access_token, **kwargs):
        values = super()._ticket_get_page_view_values(ticket, access_token, **kwargs)
        user = request.env.user
        is_customer = ticket._property_is_customer(user)
        callbacks = (
            ticket.callback_ids.filtered(lambda c: c._property_answerable_on_portal())
            if is_customer
            else ticket.callback_ids.browse()
        )
        values.update(
            {
                # helpdesk_mgmt's close buttons: a withdrawal, for the customer only.
                "closed_stages": ticket._property_portal_close_stages() if is_customer else [],
                "property_labels": {
                    field: ticket._property_selection_labels(field)
                    for field in ("request_kind", "urgency", "area_scope")
                },
                "property_promises": ticket._property_portal_promises(),
                "property_promise_labels": ticket.promise_ids._fields[
                    "kind"
                ]._description_selection(request.env),
                "property_work_orders": ticket.work_order_ids.filtered(
                    lambda o: o.state != "cancelled"
                ),
                "property_can_decide": is_customer and ticket._property_awaits_customer_decision(),
                "property_callbacks": callbacks,
                "property_satisfaction": callbacks._fields["satisfaction"]._description_selection(
                    request.env
                ),
                "property_score_fields": self._property_callback_score_fields(ticket),
                "property_message": kwargs.get("property_message"),
                "property_error": kwargs.get("property_error"),
            }
        )
        return values

    def _property_callback_score_fields(self, ticket):
        """The scores the customer gives: fees for repairs, professionalism for complaints."""
        names = ["attitude_score", "quality_score", "efficiency_score"]
        if ticket.request_kind in ("repair", "special"):
            names.append("fee_score")
        if ticket.request_kind == "complaint":
            names.append("professionalism_score")
        fields = request.env["property.callback"]._fields
        return [(name, fields[name]._description_string(request.env)) for name in names]

    def _property_ticket_redirect(self, ticket, **query):
        url = f"/my/ticket/{ticket.id}"
        if query:
            url += "?" + "&".join(f"{key}={value}" for key, value in query.items())
        return request.redirect(url)

    def _property_act(self, ticket, action, done, refused):
        """Run the customer's `action`, then back to the request's page saying `done`, or
        `refused` where the request no longer allows it (the action raised a UserError)."""
        try:
            action()
        except UserError:
            return self._property_ticket_redirect(ticket, property_error=refused)
        return self._property_ticket_redirect(ticket, property_message=done)

    @http.route(
        "/my/ticket/<int:ticket_id>/solution/accept",
        type="http",
        auth="user",
        methods=["POST"],
        csrf=True,
        website=True,
    )
    def portal_property_accept_solution(self, ticket_id, **kw):
        ticket = customer_ticket(ticket_id)
        return self._property_act(ticket, ticket.action_accept_solution, "accepted", "decided")

    @http.route(
        "/my/ticket/<int:ticket_id>/solution/reject",
        type="http",
        auth="user",
        methods=["POST"],
        csrf=True,
        website=True,
    )
    def portal_property_reject_solution(self, ticket_id, reason=None, **kw):
        ticket = customer_ticket(ticket_id)
        if not (reason or "").strip():
            return self._property_ticket_redirect(ticket, property_error="reason")
        return self._property_act(
            ticket, lambda: ticket.action_reject_solution(reason), "rejected", "decided"
        )

    @http.route(
        "/my/callback/<int:callback_id>/answer",
        type="http",
        auth="user",
        methods=["POST"],
        csrf=True,
        website=True,
    )
    def portal_property_answer_callback(self, callback_id, **kw):
        callback = _checked_record("property.callback", callback_id)
        ticket = callback.ticket_id
        if not ticket._property_is_customer(request.env.user):
            raise NotFound()
        return self._property_act(
            ticket, lambda: callback.action_answer_from_portal(kw), "callback", "callback"
        )

    @http.route("/my/work_order/<int:order_id>", type="http", auth="user", website=True)
    def portal_property_work_order(self, order_id, **kw):
        order = _checked_record("property.work.order", order_id)
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "property_work_order",
                "work_order": order,
                "ticket": order.ticket_id,
                "property_can_sign": order._property_signable_on_portal()
                and self._property_is_order_customer(order),
                "property_states": dict(order._fields["state"]._description_selection(request.env)),
            }
        )
        return request.render("property_service_desk.portal_property_work_order_page", values)

    def _property_is_order_customer(self, order):
        partner = order.partner_id.commercial_partner_id
        return bool(partner) and partner == request.env.user.commercial_partner_id

    @http.route("/my/work_order/<int:order_id>/sign", type="json", auth="user", website=True)
    def portal_property_sign_work_order(self, order_id, name=None, signature=None):
        try:
            order = _checked_record("property.work.order", order_id)
        except NotFound:
            return {"error": request.env._("This work order does not exist.")}
        if not self._property_is_order_customer(order):
            return {"error": request.env._("Only the customer of this work order can sign it.")}
        try:
            order.action_sign_from_portal(signature)
        except UserError as error:
            return {"error": str(error)}
        return {"force_refresh": True, "redirect_url": f"/my/work_order/{order.id}"}
