from odoo import api, fields, models
from odoo.exceptions import UserError

from ...tools.request_selections import REQUEST_KINDS

STAFF_ON_SITE = "property_service_desk.helpdesk_ticket_channel_staff_on_site"


class PropertyRaisedMatterMixin(models.AbstractModel):
    """A matter raised on a duty of the service centre (an owner's at a reception day, an
    opinion at a customer forum, a patrol's finding): one that needs action becomes a request
    linked back when its record is done. Frozen with its record. (Each model lists `ticket_id`
    in its `_system_fields`: the access model names the guarded fields of concrete models.)"""

    _name = "property.raised.matter.mixin"
    _description = "Matter Raised on a Duty"
    _inherit = ["property.system.fields.mixin"]
    # The record the matter was raised on (a Many2one field of the model), done in state "done".
    _matter_parent = None
    _matter_default_kind = "suggestion"

    content = fields.Text(required=True)
    request_kind = fields.Selection(
        REQUEST_KINDS, required=True, default=lambda self: self._matter_default_kind
    )
    needs_action = fields.Boolean(
        default=True, help="It becomes a request when its record is done."
    )
    ticket_id = fields.Many2one(
        "helpdesk.ticket", string="Request", readonly=True, copy=False, index="btree_not_null"
    )

    def _parents(self):
        return self.mapped(self._matter_parent)

    @api.model_create_multi
    def create(self, vals_list):
        matters = super().create(vals_list)
        matters._check_parent_open()
        return matters

    def write(self, vals):
        if not self._is_system_write():
            self._check_parent_open()
        return super().write(vals)

    def _check_parent_open(self):
        if self._parents().filtered(lambda parent: parent.state == "done"):
            raise UserError(
                self.env._("This record is done: what was raised on it can no longer change.")
            )

    def _kept_on_record(self):
        return self.filtered(lambda matter: matter[self._matter_parent].state == "done")

    def _open_requests(self):
        """Each matter that needs action becomes a request, linked back."""
        for matter in self.filtered("needs_action"):
            ticket = self.env["helpdesk.ticket"].create(matter._request_values())
            matter._write_system({"ticket_id": ticket.id})

    def _request_values(self):
        parent = self[self._matter_parent]
        unit = self.unit_id if "unit_id" in self else self.env["property.unit"]
        partner = self.partner_id if "partner_id" in self else self.env["res.partner"]
        vals = {
            "name": self.content.strip().splitlines()[0][:80],
            "description": self.content,
            "estate_id": parent.estate_id.id,
            "company_id": parent.company_id.id,
            "request_kind": self.request_kind,
            "channel_id": self.env.ref(STAFF_ON_SITE).id,
        }
        if unit:
            vals.update(unit_id=unit.id, partner_id=(partner or unit._default_customer()).id)
        else:
            vals.update(area_scope="common", partner_id=partner.id)
        return vals
