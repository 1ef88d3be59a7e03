from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..mechanisms.property_input_guard import READING
from .property_meter import month_start


class PropertyMeterReading(models.Model):
    """A monthly reading of a meter (抄表). A reading below the last one is refused unless the meter
    was changed (the old meter's final reading and the new one's initial reading)."""

    _name = "property.meter.reading"
    _description = "Meter Reading"
    _inherit = ["property.system.fields.mixin", "property.register.mixin"]
    _register_date_field = "period"
    _order = "period desc, meter_id, id"
    _rec_name = "meter_id"
    _check_company_auto = True
    _system_fields = ("previous_value", "consumption", "average_consumption", "needs_review")

    meter_id = fields.Many2one(
        "property.meter", required=True, index=True, ondelete="cascade", check_company=True
    )
    unit_id = fields.Many2one(related="meter_id.unit_id", store=True, index="btree_not_null")
    building_id = fields.Many2one(related="meter_id.building_id", store=True, index=True)
    estate_id = fields.Many2one(related="meter_id.estate_id", store=True, index=True)
    company_id = fields.Many2one(related="meter_id.company_id", store=True)
    item_id = fields.Many2one(related="meter_id.item_id", store=True)
    period = fields.Date(
        string="Month",
        required=True,
        compute="_compute_period",
        store=True,
        readonly=False,
        precompute=True,
        help="The first day of the month read, on the estate's calendar.",
    )
    reading_date = fields.Date(
        string="Read On",
        compute="_compute_period",
        store=True,
        readonly=False,
        precompute=True,
    )
    reader_id = fields.Many2one(
        "res.users", string="Read By", default=lambda self: self.env.user, required=True
    )
    value = fields.Float(string="Reading", required=True, digits=(12, 2), bounds=READING)
    is_meter_change = fields.Boolean(
        string="Meter Changed", help="The meter was replaced this month (换表)."
    )
    final_value = fields.Float(string="Old Meter Final Reading", digits=(12, 2), bounds=READING)
    initial_value = fields.Float(string="New Meter Initial Reading", digits=(12, 2), bounds=READING)
    previous_value = fields.Float(
        string="Previous Reading",
        digits=(12, 2),
        compute="_compute_previous_value",
        store=True,
        precompute=True,
    )
    consumption = fields.Float(
        digits=(12, 2), compute="_compute_consumption", store=True, precompute=True
    )
    average_consumption = fields.Float(
        string="Recent Average",
        digits=(12, 2),
        compute="_compute_consumption",
        store=True,
        precompute=True,
        help="The meter's average consumption of the months before (see Settings).",
    )
    needs_review = fields.Boolean(
        string="To Check",
        compute="_compute_consumption",
        store=True,
        precompute=True,
        help="The consumption is far above the meter's recent average: read it again.",
    )

    _sql_constraints = [
        ("meter_period_uniq", "unique(meter_id, period)", "This meter is already read this month.")
    ]

    @api.depends("meter_id")
    def _compute_period(self):
        for reading in self:
            today = reading.meter_id.estate_id._local_date() if reading.meter_id else None
            if today and not reading.period:
                reading.period = month_start(today)
            if today and not reading.reading_date:
                reading.reading_date = today

    def _earlier(self):
        """The readings of the same meter before this one's month, latest first."""
        return self.search(
            [("meter_id", "=", self.meter_id.id), ("period", "<", self.period)],
            order="period desc",
        )

    @api.depends("meter_id", "period")
    def _compute_previous_value(self):
        for reading in self:
            earlier = reading._earlier()[:1] if reading.meter_id and reading.period else None
            reading.previous_value = earlier.value if earlier else 0.0

    @api.depends(
        "value", "previous_value", "is_meter_change", "final_value", "initial_value", "period"
    )
    def _compute_consumption(self):
        for reading in self:
            if reading.is_meter_change:
                used = (reading.final_value - reading.previous_value) + (
                    reading.value - reading.initial_value
                )
            else:
                used = reading.value - reading.previous_value
            reading.consumption = max(used, 0.0)
            average = reading._recent_average()
            reading.average_consumption = average
            factor = reading.company_id.property_meter_review_factor or 3.0
            reading.needs_review = bool(average) and reading.consumption > factor * average

    def _recent_average(self):
        if not (self.meter_id and self.period):
            return 0.0
        months = self.company_id.property_meter_review_months or 6
        since = fields.Date.to_date(self.period) - relativedelta(months=months)
        earlier = self._earlier().filtered(lambda r: r.period >= since)
        return sum(earlier.mapped("consumption")) / len(earlier) if earlier else 0.0

    @api.constrains("period")
    def _check_period(self):
        for reading in self:
            if reading.period.day != 1:
                raise ValidationError(self.env._("A reading's month starts on its first day."))
            later = self.search_count(
                [("meter_id", "=", reading.meter_id.id), ("period", ">", reading.period)], limit=1
            )
            if later:
                raise ValidationError(
                    self.env._(
                        "Meter %(meter)s already has a reading of a later month: readings are "
                        "entered in order.",
                        meter=reading.meter_id.serial,
                    )
                )

    @api.constrains("value", "previous_value", "is_meter_change", "final_value", "initial_value")
    def _check_not_below_last(self):
        for reading in self:
            if reading.is_meter_change:
                if reading.final_value < reading.previous_value:
                    raise ValidationError(
                        self.env._(
                            "The old meter's final reading (%(final)s) cannot be below its "
                            "previous reading (%(previous)s).",
                            final=reading.final_value,
                            previous=reading.previous_value,
                        )
                    )
                if reading.value < reading.initial_value:
                    raise ValidationError(
                        self.env._(
                            "The reading (%(value)s) cannot be below the new meter's initial "
                            "reading (%(initial)s).",
                            value=reading.value,
                            initial=reading.initial_value,
                        )
                    )
            elif reading.value < reading.previous_value:
                raise ValidationError(
                    self.env._(
                        "The reading of meter %(meter)s (%(value)s) is below its previous "
                        "reading (%(previous)s). If the meter was changed, record the change "
                        "with the old meter's final reading and the new one's initial reading.",
                        meter=reading.meter_id.serial,
                        value=reading.value,
                        previous=reading.previous_value,
                    )
                )
