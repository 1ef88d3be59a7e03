from odoo import fields, models

# Written by the invoicing actions of work orders and renovations only.
SYSTEM_FIELDS = ("property_work_order_id", "property_is_prepayment", "property_renovation_id")


class AccountMove(models.Model):
    _name = "account.move"
    _inherit = ["account.move", "property.system.fields.mixin"]
    _system_fields = SYSTEM_FIELDS

    property_work_order_id = fields.Many2one(
        "property.work.order",
        string="Work Order",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )
    property_is_prepayment = fields.Boolean(
        string="Work Order Prepayment",
        readonly=True,
        copy=False,
        help="A large job's prepayment, deducted from the work order's final invoice.",
    )
    # The deposit invoice, the fee invoice and the deposit's credit note of a renovation.
    property_renovation_id = fields.Many2one(
        "property.renovation",
        string="Renovation",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )
