from odoo import models

from ...tools.groups import STAFF
from ..mechanisms.property_system_fields_mixin import check_caller


class PropertyUnit(models.Model):
    """The archive of a unit (业户档案): its household and everything the estate did for it."""

    _name = "property.unit"
    _inherit = ["property.unit", "property.archive.mixin"]

    def _archive_scope(self):
        # The ids only name the unit's invoices: what the caller sees is searched with their
        # own rights in _compute_archive_sections.
        unit = [("unit_id", "=", self.id)]
        orders = (
            self.env["property.work.order"].sudo().search([("ticket_id.unit_id", "=", self.id)])
        )
        services = self.env["property.convenience.service"].sudo().search(unit)
        return {
            "helpdesk.ticket": unit,
            "property.parcel": unit,
            "account.move": [
                "|",
                ("property_work_order_id", "in", orders.ids),
                ("invoice_origin", "in", services.mapped("name") or [""]),
            ],
            "property.vacant.inspection": unit,
            "property.lending": unit,
            "property.convenience.service": unit,
            "property.customer.visit": unit,
            "property.move.in": unit,
            "property.key.set": unit,
            "property.key.log": unit,
            "property.key.authorisation": unit,
            "property.renovation": unit,
        }

    def _archive_household(self):
        people = self.owner_id | self.tenant_ids | self.household_ids
        return people | people.child_ids

    def action_open_archive(self):
        self.ensure_one()
        check_caller(self, STAFF, access="read")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Owner Archive"),
            "res_model": "property.unit",
            "res_id": self.id,
            "view_mode": "form",
            "views": [
                (self.env.ref("property_service_desk.property_unit_view_form_archive").id, "form")
            ],
        }

    def action_print_archive(self):
        check_caller(self, STAFF, access="read")
        return self.env.ref("property_service_desk.property_unit_report_archive").report_action(
            self
        )
