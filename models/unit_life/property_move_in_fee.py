from odoo import api, fields, models

from ..mechanisms.property_input_guard import QUANTITY


class PropertyMoveInFee(models.Model):
    """A fee due at move-in (e.g. the first months of the property fee), at its published price."""

    _name = "property.move.in.fee"
    _description = "Move-in Fee"
    _inherit = [
        "property.move.in.part.mixin",
        "property.system.fields.mixin",
        "property.priced.line.mixin",
    ]
    _order = "move_in_id, id"
    _system_fields = ("move_in_id", "price_unit")
    _system_intake_fields = ("move_in_id",)

    currency_id = fields.Many2one(related="move_in_id.currency_id")
    product_id = fields.Many2one(
        "product.product", required=True, domain="[('sale_ok', '=', True)]", ondelete="restrict"
    )
    name = fields.Char(
        string="Description",
        compute="_compute_name",
        store=True,
        readonly=False,
        required=True,
        precompute=True,
    )
    quantity = fields.Float(default=1.0, digits="Product Unit of Measure", bounds=QUANTITY)
    price_unit = fields.Float(
        string="Published Price",
        compute="_compute_price_unit",
        store=True,
        readonly=True,
        precompute=True,
        digits="Product Price",
        help="From the published price list of the Settings (else the product's sales price).",
    )
    tax_ids = fields.Many2many("account.tax", compute="_compute_tax_ids", string="Taxes")
    price_subtotal = fields.Monetary(compute="_compute_amounts", store=True, precompute=True)
    price_total = fields.Monetary(compute="_compute_amounts", store=True, precompute=True)

    @api.depends("product_id", "quantity")
    def _compute_price_unit(self):
        for line in self:
            line.price_unit = line._published_price()

    def _priced_line_partner(self):
        return self.move_in_id.partner_id

    def _kept_on_record(self):
        return self.filtered(lambda line: line.move_in_id.invoice_move_id)

    def _closed_files(self, files):
        return files.filtered(lambda f: f.invoice_move_id or f.state != "open")

    def _closed_files_message(self, files):
        return self.env._(
            "The move-in fees of %s are invoiced: they can no longer be changed.",
            ", ".join(files.mapped("name")),
        )
