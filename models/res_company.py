from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .helpdesk_ticket import REQUEST_KINDS


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

    property_portal_max_upload_mb = fields.Integer(
        string="Portal Attachment Limit (MB)",
        default=10,
        help="Largest photo or PDF an owner or tenant may attach to a request on the portal.",
    )
    property_mail_default_kind = fields.Selection(
        REQUEST_KINDS,
        string="Kind of E-mails Without Keyword",
        default="consultation",
        help="Kind given to a request received by e-mail when none of the request keywords "
        "is found in it.",
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

    @api.constrains("property_portal_max_upload_mb")
    def _check_property_portal_max_upload_mb(self):
        if any(company.property_portal_max_upload_mb <= 0 for company in self):
            raise ValidationError(
                self.env._("The portal attachment limit must be a positive number of MB.")
            )
