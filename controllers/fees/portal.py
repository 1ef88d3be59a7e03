from odoo import http
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal


class PropertyFeePortal(CustomerPortal):
    """My Fees: each of the owner's units with its bills, payments, balance and arrears.

    The bills are those Odoo's record rules show the portal user (her own invoices); they are
    read as superuser only afterwards, and paid on Odoo's invoice page (/my/invoices/<id>)
    through the company's payment providers."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "fee_count" in counters:  # the tile counts the bills still to pay
            Move = request.env["account.move"]
            values["fee_count"] = (
                Move.search_count(self._fee_bill_domain(unpaid=True))
                if Move.has_access("read")
                else 0
            )
        return values

    def _fee_bill_domain(self, unpaid=False):
        partner = request.env.user.partner_id.commercial_partner_id
        domain = [
            ("property_is_fee_bill", "=", True),
            ("move_type", "=", "out_invoice"),
            ("state", "=", "posted"),
            ("partner_id", "child_of", partner.id),
        ]
        if unpaid:
            domain.append(("payment_state", "in", ("not_paid", "partial")))
        return domain

    @http.route("/my/fees", type="http", auth="user", website=True)
    def portal_my_fees(self, **kw):
        Move = request.env["account.move"]
        bills = (
            Move.search(self._fee_bill_domain(), order="property_fee_period desc, id desc")
            if Move.has_access("read")
            else Move
        )
        partner = request.env.user.partner_id.commercial_partner_id
        units = bills.sudo().property_unit_id | request.env["property.unit"].sudo().search(
            [("owner_id", "child_of", partner.id)]
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "fees",
                "fee_units": [self._fee_unit_values(unit, bills.sudo(), partner) for unit in units],
            }
        )
        return request.render("property_service_desk.portal_my_fees", values)

    def _fee_unit_values(self, unit, bills, partner):
        today = unit.estate_id._local_date()
        unit_bills = bills.filtered(lambda b: b.property_unit_id == unit)
        unpaid = unit_bills.filtered(lambda b: b.payment_state in ("not_paid", "partial"))
        overdue = unpaid.filtered(lambda b: b.invoice_date_due and b.invoice_date_due < today)
        prepaid = unit._property_prepaid(partner)
        due = sum(unpaid.mapped("amount_residual"))
        return {
            "unit": unit,
            "bills": unit_bills,
            "payments": unit._property_fee_payments(partner),
            "due": due,
            "arrears": sum(overdue.mapped("amount_residual")),
            "prepaid": prepaid,
            "balance": due - prepaid,
            "currency": (unit.company_id or request.env.company).currency_id,
        }
