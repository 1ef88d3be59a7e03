from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ...tools.request_selections import REQUEST_KINDS
from .property_suggestion_box import CHANNEL


class PropertySuggestionItem(models.Model):
    """A note found in the suggestion box; it becomes a request when the box is recorded."""

    _name = "property.suggestion.item"
    _description = "Suggestion Box Item"
    _inherit = ["property.system.fields.mixin"]
    _order = "box_id, id"
    _check_company_auto = True
    _system_fields = ("ticket_id",)

    box_id = fields.Many2one(
        "property.suggestion.box", required=True, index=True, ondelete="cascade"
    )
    estate_id = fields.Many2one(related="box_id.estate_id", store=True, index=True)
    company_id = fields.Many2one(related="box_id.company_id", store=True, index=True)
    unit_id = fields.Many2one(
        "property.unit",
        check_company=True,
        domain="[('estate_id', '=', estate_id)]",
    )
    partner_id = fields.Many2one("res.partner", string="Customer", help="Empty if anonymous.")
    request_kind = fields.Selection(REQUEST_KINDS, required=True, default="suggestion")
    content = fields.Text(required=True)
    ticket_id = fields.Many2one("helpdesk.ticket", string="Request", readonly=True, copy=False)

    @api.constrains("unit_id", "box_id")
    def _check_unit_in_estate(self):
        for item in self:
            if item.unit_id and item.unit_id.estate_id != item.estate_id:
                raise ValidationError(
                    self.env._(
                        "Unit %(unit)s is not in estate %(estate)s.",
                        unit=item.unit_id.display_name,
                        estate=item.estate_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        items = super().create(vals_list)
        items._check_box_open()
        return items

    def write(self, vals):
        if set(vals) - {"ticket_id"} or not self._is_system_write():
            self._check_box_open()
        return super().write(vals)

    def _check_box_open(self):
        if self.box_id.filtered(lambda box: box.state != "to_open"):
            raise UserError(
                self.env._("This box opening is recorded: its items can no longer be changed.")
            )

    def _kept_on_record(self):
        return self.filtered(lambda item: item.box_id.state == "opened")

    def _check_complete(self):
        if not (self.content or "").strip():
            raise UserError(self.env._("Write what the note in the box says."))

    def _open_request(self):
        unit = self.unit_id
        ticket = self.env["helpdesk.ticket"].create(
            {
                "name": (self.content or "").strip().splitlines()[0][:80],
                "description": self.content,
                "estate_id": self.estate_id.id,
                "unit_id": unit.id,
                "partner_id": (self.partner_id or (unit and unit._default_customer())).id,
                "company_id": self.company_id.id,
                "request_kind": self.request_kind,
                "channel_id": self.env.ref(CHANNEL).id,
            }
        )
        self._write_system({"ticket_id": ticket.id})
        return ticket
