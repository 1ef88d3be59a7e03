from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

from ...tools.groups import DESK
from ..mechanisms.property_input_guard import AMOUNT, QUANTITY
from .property_priced_line_mixin import category_domain

REPAIR_CATEGORY = "property_service_desk.product_category_repair"
# Orders whose lines are part of the official record (the signed document, the invoice).
FROZEN_ORDER_STATES = ("signed", "closed", "cancelled")


class PropertyWorkOrderLine(models.Model):
    """A service item or material at its published price (公开收费项目和标准)."""

    _name = "property.work.order.line"
    _description = "Work Order Line"
    _inherit = ["property.system.fields.mixin", "property.priced.line.mixin"]
    _order = "order_id, sequence, id"
    _system_fields = ("order_id",)  # a line does not move to another order
    _system_intake_fields = ("order_id",)

    order_id = fields.Many2one("property.work.order", required=True, index=True, ondelete="cascade")
    sequence = fields.Integer(default=10)
    company_id = fields.Many2one(related="order_id.company_id", store=True)
    currency_id = fields.Many2one(related="order_id.currency_id")
    product_id = fields.Many2one(
        "product.product",
        string="Item",
        required=True,
        domain=lambda self: [("sale_ok", "=", True), *category_domain(self.env, REPAIR_CATEGORY)],
    )
    name = fields.Char(string="Description", compute="_compute_name", store=True, readonly=False)
    quantity = fields.Float(default=1.0, digits="Product Unit of Measure", bounds=QUANTITY)
    published_price = fields.Float(
        compute="_compute_published_price",
        digits="Product Price",
        help="Price of the item on the published price list of the Settings.",
    )
    price_unit = fields.Float(
        string="Unit Price",
        compute="_compute_price_unit",
        store=True,
        readonly=False,
        digits="Product Price",
        bounds=AMOUNT,
    )
    tax_ids = fields.Many2many(
        "account.tax",
        string="Taxes",
        compute="_compute_tax_ids",
        store=True,
        readonly=False,
        domain="[('type_tax_use', '=', 'sale'), ('company_id', 'parent_of', company_id)]",
    )
    price_subtotal = fields.Monetary(compute="_compute_amounts", store=True)
    price_total = fields.Monetary(compute="_compute_amounts", store=True)

    # Who edits the lines ---------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        orders = self.env["property.work.order"].browse(
            [vals["order_id"] for vals in vals_list if vals.get("order_id")]
        )
        self._check_line_editor(orders)
        lines = super().create(vals_list)
        lines.order_id._follow_prepayment()
        return lines

    def write(self, vals):
        self._check_line_editor(self.order_id)
        result = super().write(vals)
        self.order_id._follow_prepayment()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_only_by_line_editor(self):
        self._check_line_editor(self.order_id)

    def unlink(self):
        orders = self.order_id
        result = super().unlink()
        orders.exists()._follow_prepayment()
        return result

    @api.model
    def _check_line_editor(self, orders):
        """The lines of an order are the record of what was done: its technicians and the desk
        edit them while the order is open; once signed, invoiced or cancelled they are kept."""
        if self._is_system_write():
            return
        if frozen := orders.filtered(lambda o: o.state in FROZEN_ORDER_STATES or o.invoice_move_id):
            raise AccessError(self._frozen_orders_message(frozen))
        if self.env.user.has_group(DESK):
            return
        if not_mine := orders.filtered(lambda o: self.env.user not in o.technician_ids):
            raise AccessError(
                self.env._(
                    "Only the technicians of work order %s or the desk may change its services "
                    "and materials.",
                    ", ".join(not_mine.mapped("name")),
                )
            )

    def _frozen_orders_message(self, orders):
        return self.env._(
            "Work order %s is signed, invoiced or cancelled: its services and materials can no "
            "longer be changed.",
            ", ".join(orders.mapped("name")),
        )

    def _kept_on_record(self):
        return self.filtered(
            lambda line: line.order_id.state in FROZEN_ORDER_STATES or line.order_id.invoice_move_id
        )

    @api.depends("product_id", "quantity", "order_id.partner_id")
    def _compute_published_price(self):
        for line in self:
            line.published_price = line._published_price()

    @api.depends("published_price")
    def _compute_price_unit(self):
        for line in self:
            line.price_unit = line.published_price

    def _priced_line_partner(self):
        return self.order_id.partner_id

    @api.constrains("price_unit")
    def _check_published_price(self):
        allowed = (
            self.env.user.has_group("property_service_desk.group_property_accountant")
            or self.env.su
        )
        for line in self:
            if not allowed and line.currency_id.compare_amounts(
                line.price_unit, line.published_price
            ):
                raise ValidationError(
                    self.env._(
                        "%(item)s is charged at its published price %(price)s; only the "
                        "accountant may change it.",
                        item=line.name,
                        price=line.published_price,
                    )
                )
