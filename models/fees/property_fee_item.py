from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..mechanisms.property_input_guard import AMOUNT
from .res_company import BILLING_PERIODS

FEE_KINDS = [
    ("area", "By Floor Area"),
    ("fixed", "Fixed"),
    ("metered", "Metered"),
    ("shared", "Shared (Common Meter)"),
]
# How many months each billing period covers; a period starts in a month divisible by it.
PERIOD_MONTHS = {"month": 1, "quarter": 3, "year": 12}


class PropertyFeeItem(models.Model):
    """A charge item of an estate (收费项目): what is billed, and how its amount is found."""

    _name = "property.fee.item"
    _description = "Charge Item"
    _inherit = ["mail.thread"]
    _order = "estate_id, sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    estate_id = fields.Many2one(
        "property.estate", required=True, index=True, ondelete="cascade", check_company=True
    )
    company_id = fields.Many2one(related="estate_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    kind = fields.Selection(FEE_KINDS, required=True, default="area", tracking=True)
    product_id = fields.Many2one(
        "product.product",
        required=True,
        ondelete="restrict",
        check_company=True,
        help="The product written on the bill's line (its income account, its taxes).",
    )
    billing_period = fields.Selection(
        BILLING_PERIODS,
        required=True,
        default=lambda self: self.env.company.property_fee_billing_period,
        tracking=True,
    )
    # By floor area (¥/㎡·month), by the unit's type.
    rate_residential = fields.Monetary(
        string="Rate Residential (per m² and month)", bounds=AMOUNT, tracking=True
    )
    rate_shop = fields.Monetary(string="Rate Shop (per m² and month)", bounds=AMOUNT, tracking=True)
    rate_parking = fields.Monetary(
        string="Rate Parking (per m² and month)", bounds=AMOUNT, tracking=True
    )
    # Fixed, per unit (or parking space) and month.
    fixed_amount = fields.Monetary(string="Amount per Month", bounds=AMOUNT, tracking=True)
    # Metered and shared: consumption × price, by tiers when there are any.
    price = fields.Monetary(string="Unit Price", bounds=AMOUNT, tracking=True)
    tier_ids = fields.One2many("property.fee.item.tier", "item_id", string="Tiers", copy=True)
    minimum_amount = fields.Monetary(
        string="Minimum Charge",
        bounds=AMOUNT,
        help="Billed when the consumption costs less (0: no minimum).",
    )
    uom_label = fields.Char(string="Unit of Consumption", help="m³, kWh…")
    vacant_discount = fields.Float(
        string="Vacant Discount (%)",
        bounds=(0, 100),
        tracking=True,
        help="Taken off this item for a vacant unit (空置房), e.g. on the management fee.",
    )
    on_behalf = fields.Boolean(
        string="Collected on Behalf",
        tracking=True,
        help="Collected for others (e.g. the maintenance fund 本体维修基金): booked on its own "
        "account, apart from the company's income.",
    )
    account_id = fields.Many2one(
        "account.account",
        check_company=True,
        tracking=True,
        help="Where the item's amounts are booked; required for an item collected on behalf.",
    )

    _sql_constraints = [
        (
            "vacant_discount_range",
            "check(vacant_discount >= 0 and vacant_discount <= 100)",
            "The vacant discount is a percentage between 0 and 100.",
        ),
    ]

    @api.constrains("on_behalf", "account_id", "product_id")
    def _check_on_behalf_account(self):
        for item in self:
            if not item.on_behalf:
                continue
            income = item.product_id.product_tmpl_id._get_product_accounts()["income"]
            if not item.account_id or item.account_id == income:
                raise ValidationError(
                    self.env._(
                        "Charge item %(item)s is collected on behalf of others: give it an "
                        "account of its own, apart from the company's income.",
                        item=item.name,
                    )
                )

    def _months(self):
        return PERIOD_MONTHS[self.billing_period]

    def _due_in(self, period_start):
        """Whether the item is billed in the period starting on `period_start` (quarterly
        items in January, April, July and October; yearly items in January)."""
        return (period_start.month - 1) % self._months() == 0

    def _area_rate(self, unit):
        return self[f"rate_{unit.unit_type}"]

    def _consumption_amount(self, consumption):
        """The price of a consumption: by tiers when the item has some, at least the minimum."""
        self.ensure_one()
        if not consumption:
            return 0.0
        amount = self.tier_ids._price_of(consumption) if self.tier_ids else consumption * self.price
        return max(amount, self.minimum_amount)


class PropertyFeeItemTier(models.Model):
    """A step of a tiered price (阶梯价): the price of the consumption up to `up_to`."""

    _name = "property.fee.item.tier"
    _description = "Charge Item Tier"
    _order = "item_id, up_to_zero_last, up_to, id"

    item_id = fields.Many2one("property.fee.item", required=True, index=True, ondelete="cascade")
    up_to = fields.Float(bounds=(0, 10**8), help="The consumption this tier ends at (0: no end).")
    up_to_zero_last = fields.Boolean(compute="_compute_up_to_zero_last", store=True)
    price = fields.Monetary(bounds=AMOUNT, required=True)
    currency_id = fields.Many2one(related="item_id.currency_id")

    @api.depends("up_to")
    def _compute_up_to_zero_last(self):
        for tier in self:
            tier.up_to_zero_last = not tier.up_to

    def _price_of(self, consumption):
        amount, start = 0.0, 0.0
        for tier in self.sorted(lambda tier: (not tier.up_to, tier.up_to)):
            end = tier.up_to or consumption
            if consumption <= start:
                break
            amount += (min(consumption, end) - start) * tier.price
            start = end
        return amount
