from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    property_minor_compensation = fields.Monetary(
        string="Minor Complaint Compensation Limit",
        currency_field="currency_id",
        default=300,
        help="A complaint whose compensation is at most this amount is minor.",
    )
    property_major_compensation = fields.Monetary(
        string="Major Complaint Compensation Threshold",
        currency_field="currency_id",
        default=1000,
        help="A complaint whose compensation is at least this amount is major; between the two "
        "limits it is general.",
    )
    property_complaint_scheme = fields.Selection(
        [
            ("severity", "By Severity"),
            ("cause", "By Cause Class"),
            ("both", "Both (cause class deadlines first)"),
        ],
        string="Complaint Deadlines",
        default="severity",
        required=True,
    )
    property_top_manager_id = fields.Many2one(
        "res.users",
        string="Top Management",
        help="Told when an escalated complaint gets no answer in time (default: the estate's "
        "service centre general manager).",
    )

    property_callback_spot_check_rate = fields.Integer(
        string="Callback Spot Checks (%)",
        default=10,
        help="Share of the callbacks of each estate and month put to a supervisor for review.",
    )

    property_large_job_threshold = fields.Monetary(
        string="Large Job Threshold",
        currency_field="currency_id",
        default=500,
        help="Paid work orders above this amount need a signed agreement and a paid "
        "prepayment before dispatch.",
    )
    property_pricelist_id = fields.Many2one(
        "product.pricelist",
        string="Published Price List",
        help="The public charging standard (公开收费项目和标准) of paid services and materials. "
        "Empty: the items' sales prices.",
    )

    property_parcel_notify_channel = fields.Selection(
        [
            ("auto", "SMS if the recipient has a mobile number, else e-mail"),
            ("email", "E-mail"),
            ("sms", "SMS"),
        ],
        string="Notify Parcel Recipients By",
        default="auto",
        required=True,
        help="Default channel of new parcels; the agent can change it per parcel.",
    )
    property_parcel_reminder_days = fields.Integer(
        string="Parcel Reminder (days)",
        default=3,
        help="Remind the recipient of an item uncollected for this many days, and again every "
        "this many days. 0: no reminders.",
    )

    @api.constrains("property_callback_spot_check_rate")
    def _check_property_spot_check_rate(self):
        if any(not 0 <= c.property_callback_spot_check_rate <= 100 for c in self):
            raise ValidationError(self.env._("The spot-check share is a percentage (0 to 100)."))

    @api.constrains("property_minor_compensation", "property_major_compensation")
    def _check_property_compensation_limits(self):
        for company in self:
            minor = company.property_minor_compensation
            if minor < 0 or company.property_major_compensation <= minor:
                raise ValidationError(
                    self.env._(
                        "The major complaint threshold must be above the minor limit, and both "
                        "must be positive."
                    )
                )

    @api.constrains("property_parcel_reminder_days")
    def _check_property_parcel_reminder_days(self):
        if any(c.property_parcel_reminder_days < 0 for c in self):
            raise ValidationError(self.env._("The parcel reminder days cannot be negative."))
