from odoo import fields, models

from ...tools.groups import STAFF
from ...tools.related_counts import count_related


class PropertyRequestWorkOrder(models.AbstractModel):
    """Work orders (客户报事办理单) of a repair or special-service request."""

    _name = "property.request.work.order"
    _description = "Request Concern: Work Orders"

    work_order_ids = fields.One2many("property.work.order", "ticket_id", string="Work Orders")
    work_order_count = fields.Integer(compute="_compute_work_order_count")

    def _compute_work_order_count(self):
        counts = count_related(self, "property.work.order", "ticket_id")
        for ticket in self:
            ticket.work_order_count = counts.get(ticket.id, 0)

    def action_view_work_orders(self):
        self.ensure_one()
        self._check_caller(STAFF, access="read")
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "property_service_desk.property_work_order_action"
        )
        action.update(
            domain=[("ticket_id", "=", self.id)],
            context={"default_ticket_id": self.id, "default_description": self.name},
        )
        if self.work_order_count == 0:
            action.update(view_mode="form", views=[(False, "form")])
        return action
