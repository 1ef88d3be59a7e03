from odoo import fields, models


class PropertyCustomerForumOpinion(models.Model):
    """An opinion heard at a customer forum."""

    _name = "property.customer.forum.opinion"
    _description = "Customer Forum Opinion"
    _inherit = ["property.raised.matter.mixin"]
    _order = "forum_id, id"
    _matter_parent = "forum_id"
    _system_fields = ("ticket_id",)

    forum_id = fields.Many2one(
        "property.customer.forum", required=True, index=True, ondelete="cascade"
    )
    estate_id = fields.Many2one(related="forum_id.estate_id", store=True, index=True)
    company_id = fields.Many2one(related="forum_id.company_id", store=True, index=True)
    partner_id = fields.Many2one("res.partner", string="Customer")
    unit_id = fields.Many2one("property.unit", domain="[('estate_id', '=', estate_id)]")
    content = fields.Text(string="Opinion")
