from odoo import api, fields, models
from odoo.exceptions import UserError

from ...tools.request_selections import REQUEST_KINDS
from .property_customer_visit import CHANNEL


class PropertyCustomerVisitOpinion(models.Model):
    """An opinion heard on a visit; it becomes a request when the visit is recorded."""

    _name = "property.customer.visit.opinion"
    _description = "Customer Visit Opinion"
    _inherit = ["property.system.fields.mixin"]
    _order = "visit_id, id"
    _system_fields = ("ticket_id",)

    visit_id = fields.Many2one(
        "property.customer.visit", required=True, index=True, ondelete="cascade"
    )
    estate_id = fields.Many2one(related="visit_id.estate_id", store=True, index=True)
    company_id = fields.Many2one(related="visit_id.company_id", store=True, index=True)
    request_kind = fields.Selection(REQUEST_KINDS, required=True, default="suggestion")
    content = fields.Text(string="Opinion", required=True)
    ticket_id = fields.Many2one("helpdesk.ticket", string="Request", readonly=True, copy=False)

    @api.model_create_multi
    def create(self, vals_list):
        opinions = super().create(vals_list)
        opinions._check_visit_open()
        return opinions

    def write(self, vals):
        if not self._is_system_write():
            self._check_visit_open()
        return super().write(vals)

    def _check_visit_open(self):
        if self.visit_id.filtered(lambda visit: visit.state == "done"):
            raise UserError(
                self.env._("This visit is recorded: its opinions can no longer be changed.")
            )

    def _kept_on_record(self):
        return self.filtered(lambda opinion: opinion.visit_id.state == "done")

    def _check_complete(self):
        if not (self.content or "").strip():
            raise UserError(self.env._("Write the customer's opinion."))

    def _open_request(self):
        visit = self.visit_id
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": (self.content or "").strip().splitlines()[0][:80],
                "description": self.content,
                "unit_id": visit.unit_id.id,
                "partner_id": visit.partner_id.id,
                "company_id": visit.company_id.id,
                "request_kind": self.request_kind,
                "channel_id": self.env.ref(CHANNEL).id,
            }
        )
        self._write_system({"ticket_id": ticket.id})
        return ticket
