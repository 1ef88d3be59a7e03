from odoo import api, fields, models
from odoo.exceptions import ValidationError


class PropertyFeeUnitItem(models.Model):
    """A charge item that applies to a unit from a date, and who pays it."""

    _name = "property.fee.unit.item"
    _description = "Unit Charge Item"
    _order = "unit_id, item_id, date_start"
    _check_company_auto = True

    unit_id = fields.Many2one(
        "property.unit", required=True, index=True, ondelete="cascade", check_company=True
    )
    estate_id = fields.Many2one(related="unit_id.estate_id", store=True, index=True)
    company_id = fields.Many2one(related="unit_id.company_id", store=True)
    item_id = fields.Many2one(
        "property.fee.item",
        string="Charge Item",
        required=True,
        index=True,
        ondelete="restrict",
        domain="[('estate_id', '=', estate_id)]",
    )
    date_start = fields.Date(string="From", required=True)
    date_end = fields.Date(string="Until")
    payer_id = fields.Many2one(
        "res.partner",
        compute="_compute_payer_id",
        store=True,
        readonly=False,
        precompute=True,
        help="Who is billed: the unit's owner unless a tenant is agreed.",
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "dates_in_order",
            "check(date_end IS NULL OR date_end >= date_start)",
            "A charge item cannot end before it starts.",
        ),
    ]

    @api.depends("unit_id")
    def _compute_payer_id(self):
        for line in self:
            if not line.payer_id:
                line.payer_id = line.unit_id.owner_id

    @api.constrains("unit_id", "item_id")
    def _check_same_estate(self):
        for line in self:
            if line.item_id.estate_id != line.unit_id.estate_id:
                raise ValidationError(
                    self.env._(
                        "Charge item %(item)s belongs to another estate than unit %(unit)s.",
                        item=line.item_id.name,
                        unit=line.unit_id.display_name,
                    )
                )

    @api.constrains("unit_id", "item_id", "date_start", "date_end")
    def _check_no_overlap(self):
        for line in self:
            domain = [
                ("id", "!=", line.id),
                ("unit_id", "=", line.unit_id.id),
                ("item_id", "=", line.item_id.id),
                "|",
                ("date_end", "=", False),
                ("date_end", ">=", line.date_start),
            ]
            if line.date_end:
                domain.append(("date_start", "<=", line.date_end))
            if self.search_count(domain, limit=1):
                raise ValidationError(
                    self.env._(
                        "Charge item %(item)s already applies to unit %(unit)s in these dates.",
                        item=line.item_id.name,
                        unit=line.unit_id.display_name,
                    )
                )

    @api.model
    def _in_period_domain(self, period_start, period_end):
        return [
            ("date_start", "<=", period_end),
            "|",
            ("date_end", "=", False),
            ("date_end", ">=", period_start),
        ]
