from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.osv import expression

from ...tools.groups import TECHNICIAN
from ..mechanisms.property_system_fields_mixin import check_caller


def month_start(day):
    return fields.Date.to_date(day).replace(day=1)


class PropertyMeter(models.Model):
    """A water, electricity or gas meter of a unit, or a common meter of a building (公摊表)."""

    _name = "property.meter"
    _description = "Meter"
    _inherit = ["mail.thread"]
    _order = "building_id, unit_id, item_id, id"
    _rec_name = "serial"
    _check_company_auto = True

    serial = fields.Char(string="Meter Number", required=True, tracking=True)
    active = fields.Boolean(default=True)
    is_common = fields.Boolean(
        string="Common Meter",
        help="A meter of the building's common parts, apportioned among its units by floor area.",
    )
    unit_id = fields.Many2one(
        "property.unit", index="btree_not_null", ondelete="cascade", check_company=True
    )
    building_id = fields.Many2one(
        "property.building",
        compute="_compute_building_id",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        ondelete="cascade",
    )
    estate_id = fields.Many2one(related="building_id.estate_id", store=True, index=True)
    company_id = fields.Many2one(related="building_id.company_id", store=True, index=True)
    item_id = fields.Many2one(
        "property.fee.item",
        string="Charge Item",
        required=True,
        ondelete="restrict",
        domain="[('estate_id', '=', estate_id), ('kind', 'in', ('metered', 'shared'))]",
    )
    reading_ids = fields.One2many("property.meter.reading", "meter_id", string="Readings")
    last_value = fields.Float(
        string="Last Reading", compute="_compute_last_reading", digits=(12, 2)
    )
    last_period = fields.Date(string="Last Read Month", compute="_compute_last_reading")
    to_read = fields.Boolean(
        string="To Read This Month", compute="_compute_to_read", search="_search_to_read"
    )

    _sql_constraints = [
        (
            "unit_or_common",
            "check((is_common AND unit_id IS NULL) OR (NOT is_common AND unit_id IS NOT NULL))",
            "A meter is either a unit's meter or a common meter of a building.",
        ),
        ("serial_uniq", "unique(serial, company_id)", "This meter number already exists."),
    ]

    @api.depends("unit_id")
    def _compute_building_id(self):
        for meter in self:
            if meter.unit_id:
                meter.building_id = meter.unit_id.building_id

    @api.constrains("building_id", "item_id", "is_common")
    def _check_item(self):
        for meter in self:
            if not meter.building_id:
                raise ValidationError(self.env._("A common meter needs its building."))
            expected = "shared" if meter.is_common else "metered"
            if meter.item_id.estate_id != meter.estate_id or meter.item_id.kind != expected:
                raise ValidationError(
                    self.env._(
                        "Meter %(meter)s needs a %(kind)s charge item of its own estate.",
                        meter=meter.serial,
                        kind=dict(meter.item_id._fields["kind"]._description_selection(self.env))[
                            expected
                        ],
                    )
                )

    def _compute_last_reading(self):
        for meter in self:
            last = meter.reading_ids.sorted("period")[-1:]
            meter.last_value = last.value
            meter.last_period = last.period

    def _current_period(self):
        return month_start(self.estate_id._local_date())

    def _compute_to_read(self):
        for meter in self:
            period = meter._current_period()
            meter.to_read = not meter.reading_ids.filtered(lambda r, p=period: r.period == p)

    def _search_to_read(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise ValidationError(self.env._("Unsupported search on the meters to read."))
        by_period = {}
        zones = self.env["property.estate"]._read_group([], ["tz", "company_id"], ["id:recordset"])
        for _tz, _company, estates in zones:
            by_period.setdefault(month_start(estates[:1]._local_date()), []).extend(estates.ids)
        read = expression.OR(
            [
                [("estate_id", "in", estate_ids), ("reading_ids.period", "=", period)]
                for period, estate_ids in by_period.items()
            ]
            or [expression.FALSE_LEAF]
        )
        wanted = (operator == "=") == value
        return ["!", *read] if wanted else read

    def action_new_reading(self):
        """The reading of this month, on a phone: the previous reading is shown."""
        self.ensure_one()
        check_caller(self, TECHNICIAN, access="read")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Meter Reading"),
            "res_model": "property.meter.reading",
            "view_mode": "form",
            "target": "current",
            "context": {"default_meter_id": self.id},
        }
