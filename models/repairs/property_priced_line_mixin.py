from odoo import api, fields, models
from odoo.exceptions import ValidationError


def category_domain(env, xmlid):
    """The products of a catalogue of the addon (a product category, its subcategories too)."""
    category = env.ref(xmlid, raise_if_not_found=False) or env["product.category"]
    return [("categ_id", "child_of", category.ids)]


class PropertyPricedLineMixin(models.AbstractModel):
    """A line priced from a product, as on an invoice: its taxes and amounts. The lines of work
    orders and the fees of move-in files share it; each says who the customer is."""

    _name = "property.priced.line.mixin"
    _description = "Priced Line"

    def _priced_line_partner(self):
        """The customer the line is charged to (for the taxes that depend on the partner)."""
        raise NotImplementedError

    @api.depends("product_id")
    def _compute_name(self):
        for line in self:
            line.name = line.product_id.display_name

    def _published_price(self):
        """The unit price of the published price list of the Settings, else the product's
        sales price."""
        self.ensure_one()
        pricelist = self.company_id.property_pricelist_id
        if pricelist and self.product_id:
            return pricelist._get_product_price(self.product_id, self.quantity or 1.0)
        return self.product_id.lst_price

    @api.constrains("quantity")
    def _check_quantity(self):
        for line in self:
            if line.quantity <= 0:
                raise ValidationError(
                    self.env._("The quantity of %s must be positive.", line.name or "")
                )

    @api.depends("product_id", "company_id")
    def _compute_tax_ids(self):
        for line in self:
            line.tax_ids = line.product_id.taxes_id.filtered(
                lambda tax, line=line: tax.company_id in line.company_id.parent_ids
            )

    @api.depends("quantity", "price_unit", "tax_ids")
    def _compute_amounts(self):
        for line in self:
            taxes = line.tax_ids.compute_all(
                line.price_unit,
                line.currency_id,
                line.quantity,
                product=line.product_id,
                partner=line._priced_line_partner(),
            )
            line.price_subtotal = taxes["total_excluded"]
            line.price_total = taxes["total_included"]

    def _invoice_line_vals(self):
        """The line on the customer invoice, as priced here."""
        return {
            "product_id": self.product_id.id,
            "name": self.name,
            "quantity": self.quantity,
            "price_unit": self.price_unit,
            "tax_ids": [fields.Command.set(self.tax_ids.ids)],
        }
