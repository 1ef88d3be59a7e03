from odoo import fields, models


class PropertyReceptionMatter(models.Model):
    """A matter an owner raised on a reception day: who was received, about which unit."""

    _name = "property.reception.matter"
    _description = "Reception Day Matter"
    _inherit = ["property.raised.matter.mixin"]
    _order = "reception_day_id, id"
    _matter_parent = "reception_day_id"
    _system_fields = ("ticket_id",)

    reception_day_id = fields.Many2one(
        "property.reception.day", required=True, index=True, ondelete="cascade"
    )
    estate_id = fields.Many2one(related="reception_day_id.estate_id", store=True, index=True)
    company_id = fields.Many2one(related="reception_day_id.company_id", store=True, index=True)
    partner_id = fields.Many2one("res.partner", string="Owner Received", required=True)
    unit_id = fields.Many2one("property.unit", domain="[('estate_id', '=', estate_id)]")
    content = fields.Text(string="Matter")
