from odoo import fields, models


class PropertyMoveInChecklistItem(models.Model):
    """An item of the move-in inspection checklist, which the administrator edits."""

    _name = "property.move.in.checklist.item"
    _description = "Move-in Checklist Item"
    _order = "sequence, id"

    sequence = fields.Integer(default=10)
    room = fields.Char(required=True, translate=True)
    name = fields.Char(string="Item", required=True, translate=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", help="Empty: used by every company.", default=lambda self: self.env.company
    )
