from odoo import api, fields, models

from .property_system_fields_mixin import guard_system_fields

# Written by the invoicing actions of work orders and renovations only.
SYSTEM_FIELDS = ("property_work_order_id", "property_is_prepayment", "property_renovation_id")


class AccountMove(models.Model):
    _inherit = "account.move"

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

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            guard_system_fields(self, SYSTEM_FIELDS, vals)
        return super().create(vals_list)

    def write(self, vals):
        guard_system_fields(self, SYSTEM_FIELDS, vals)
        return super().write(vals)
