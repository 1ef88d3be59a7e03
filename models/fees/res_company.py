from odoo import api, fields, models
from odoo.exceptions import ValidationError

BILLING_PERIODS = [("month", "Monthly"), ("quarter", "Quarterly"), ("year", "Yearly")]


class ResCompany(models.Model):
    _inherit = "res.company"

    property_fee_billing_period = fields.Selection(
        BILLING_PERIODS,
        string="Default Billing Period",
        default="month",
        required=True,
    )
    property_meter_review_factor = fields.Float(
        string="Meter Review Factor",
        default=3.0,
        bounds=(1, 100),
        help="A consumption above this many times the meter's recent average is flagged for a "
        "second look.",
    )
    property_meter_review_months = fields.Integer(
        string="Meter Review Months",
        default=6,
        bounds=(1, 36),
        help="How many months of past readings make the meter's average.",
    )

    @api.constrains("property_meter_review_factor", "property_meter_review_months")
    def _check_meter_review(self):
        for company in self:
            if not (
                1 <= company.property_meter_review_factor <= 100
                and 1 <= company.property_meter_review_months <= 36
            ):
                raise ValidationError(
                    self.env._(
                        "The meter review factor is between 1 and 100, and its months between 1 "
                        "and 36."
                    )
                )
