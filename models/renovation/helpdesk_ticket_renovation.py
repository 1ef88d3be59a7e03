from odoo import api, fields, models
from odoo.exceptions import ValidationError


class PropertyRequestRenovation(models.AbstractModel):
    """Neighbours' complaints about noise or damage link to the renovation they are about."""

    _name = "property.request.renovation"
    _description = "Request Concern: Renovation"

    renovation_id = fields.Many2one(
        "property.renovation",
        index="btree_not_null",
        tracking=True,
        domain="[('estate_id', '=?', estate_id), ('state', 'in', ('permitted', 'completed'))]",
        help="The renovation a neighbour complains about (noise, damage, rubbish).",
    )

    @api.constrains("renovation_id", "estate_id")
    def _check_renovation_estate(self):
        for ticket in self:
            if ticket.renovation_id and ticket.renovation_id.estate_id != ticket.estate_id:
                raise ValidationError(
                    self.env._("The renovation must be in the estate of the request.")
                )
