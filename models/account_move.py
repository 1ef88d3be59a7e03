from odoo import fields, models


class AccountMove(models.Model):
    _inherit = "account.move"

    property_work_order_id = fields.Many2one(
        "property.work.order", string="Work Order", readonly=True, copy=False,
        index="btree_not_null",
    )
