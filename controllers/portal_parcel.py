from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

from ..models.parcels.property_parcel import OPEN_STATES

PARCELS_PER_PAGE = 20


class PropertyParcelPortal(CustomerPortal):
    """My Parcels: the items of the units an owner or tenant owns or rents, or addressed to them.

    What a portal user may see is decided by the record rules of property.parcel; the pages
    only read what those rules let through, and read it as superuser afterwards.
    """

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "parcel_count" in counters:  # the tile says "waiting for you at the service centre"
            Parcel = request.env["property.parcel"]
            values["parcel_count"] = (
                Parcel.search_count(self._parcel_domain("waiting"))
                if Parcel.has_access("read")
                else 0
            )
        return values

    def _parcel_domain(self, filterby="all"):
        if filterby == "waiting":
            return [("direction", "=", "incoming"), ("state", "in", OPEN_STATES)]
        return []

    def _parcel_searchbar_filters(self):
        return {
            "all": {"label": request.env._("All"), "filterby": "all"},
            "waiting": {"label": request.env._("Waiting for Me"), "filterby": "waiting"},
        }

    @http.route(
        ["/my/parcels", "/my/parcels/page/<int:page>"], type="http", auth="user", website=True
    )
    def portal_my_parcels(self, page=1, filterby="all", **kw):
        Parcel = request.env["property.parcel"]
        filters = self._parcel_searchbar_filters()
        filterby = filterby if filterby in filters else "all"
        domain = self._parcel_domain(filterby)
        count = Parcel.search_count(domain) if Parcel.has_access("read") else 0
        pager = portal_pager(
            url="/my/parcels",
            url_args={"filterby": filterby},
            total=count,
            page=page,
            step=PARCELS_PER_PAGE,
        )
        parcels = (
            Parcel.search(
                domain,
                order="received_at desc, id desc",
                limit=PARCELS_PER_PAGE,
                offset=pager["offset"],
            )
            if count
            else Parcel
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "parcels": parcels.sudo(),
                "page_name": "parcel",
                "pager": pager,
                "default_url": "/my/parcels",
                "searchbar_filters": filters,
                "filterby": filterby,
            }
        )
        return request.render("property_service_desk.portal_my_parcels", values)

    @http.route(["/my/parcels/<int:parcel_id>"], type="http", auth="public", website=True)
    def portal_my_parcel(self, parcel_id, access_token=None, **kw):
        try:
            # check_access (or the access token) first, then read as superuser.
            parcel_sudo = self._document_check_access(
                "property.parcel", parcel_id, access_token=access_token
            )
        except (AccessError, MissingError) as error:
            raise NotFound() from error
        values = self._get_page_view_values(
            parcel_sudo,
            access_token,
            {"page_name": "parcel", "parcel": parcel_sudo},
            "my_parcels_history",
            False,
            **kw,
        )
        return request.render("property_service_desk.portal_my_parcel", values)
