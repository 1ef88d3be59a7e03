from odoo import api, fields, models

from ..mechanisms.property_input_guard import COUNT

ITEM_KINDS = [
    ("tool", "Tool"),
    ("umbrella", "Umbrella"),
    ("trolley", "Trolley"),
    ("other", "Other"),
]


class PropertyLendingItem(models.Model):
    """An item the service centre lends to customers (便民服务: tools, umbrellas, trolleys)."""

    _name = "property.lending.item"
    _description = "Lending Item"
    _order = "estate_id, kind, name, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    kind = fields.Selection(ITEM_KINDS, required=True, default="tool")
    active = fields.Boolean(default=True)
    estate_id = fields.Many2one(
        "property.estate", required=True, index=True, check_company=True, ondelete="restrict"
    )
    company_id = fields.Many2one(related="estate_id.company_id", store=True, index=True)
    quantity = fields.Integer(
        string="Quantity Held",
        required=True,
        default=1,
        bounds=COUNT,
        help="How many the centre holds.",
    )
    loan_hours = fields.Integer(
        string="Loan Period (hours)",
        required=True,
        default=24,
        bounds=(0, 24 * 366),
        help="When a lent item is due back, counted from when it is lent.",
    )
    lending_ids = fields.One2many("property.lending", "item_id", string="Lendings")
    available_quantity = fields.Integer(string="Available", compute="_compute_available_quantity")

    _sql_constraints = [
        ("quantity_positive", "check(quantity > 0)", "The quantity held must be at least 1."),
        ("loan_hours_positive", "check(loan_hours > 0)", "The loan period must be positive."),
    ]

    @api.depends("quantity", "lending_ids.state", "lending_ids.quantity")
    def _compute_available_quantity(self):
        out = dict(
            self.env["property.lending"]
            .sudo()
            ._read_group(
                [("item_id", "in", self.ids), ("state", "=", "lent")],
                ["item_id"],
                ["quantity:sum"],
            )
        )
        for item in self:
            item.available_quantity = item.quantity - out.get(item, 0)
