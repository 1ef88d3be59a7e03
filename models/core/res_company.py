import re

import pytz

from odoo import Command, api, fields, models
from odoo.exceptions import ValidationError

from ...tools.request_selections import REQUEST_KINDS
from .property_estate import DEFAULT_TZ

# Quiet hours of renovation works as the settings take them: 12:00-14:00, 22:00-08:00.
NOISY_HOURS = re.compile(
    r"^\s*\d{1,2}:\d{2}\s*-\s*\d{1,2}:\d{2}(\s*,\s*\d{1,2}:\d{2}\s*-\s*\d{1,2}:\d{2})*\s*$"
)
# Quality targets given in percent (SPEC §7).
PERCENT_KPI_TARGETS = (
    "property_kpi_satisfaction_target",
    "property_kpi_complaint_rate_target",
    "property_kpi_resolution_target",
    "property_kpi_complaint_callback_target",
    "property_kpi_promise_target",
    "property_kpi_rework_target",
)

# Shipped defaults every company gets its own copy of, to adapt on its own (issue 14, point 13).
COMPANY_DEFAULT_MODELS = (
    "property.promise.policy",
    "property.callback.rule",
    "property.complaint.severity.rule",
    "property.request.keyword",
    "property.routing.rule",
)


class ResCompany(models.Model):
    _inherit = "res.company"

    property_copied_defaults = fields.Json(
        string="Default Rules Copied",
        readonly=True,
        copy=False,
        groups="base.group_system",
        help="External ids of the shipped policies and rules this company has its copy of; a "
        "copy deleted on purpose is not made again.",
    )

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

    property_visit_target = fields.Integer(
        string="Customer Visits per Month",
        default=10,
        help="Visits (走访) each business manager makes to the customers of their area in a "
        "month; fewer shows them behind target.",
    )

    property_callback_spot_check_rate = fields.Integer(
        string="Callback Spot Checks (%)",
        default=10,
        help="Share of the callbacks of each estate and month put to a supervisor for review.",
    )
    property_courtesy_callback_rate = fields.Integer(
        string="Monthly Courtesy Callbacks (%)",
        default=5,
        help="Share of each estate's households the desk calls each month, whatever their "
        "requests (定期每月回访).",
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

    property_evaluation_survey_id = fields.Many2one(
        "survey.survey",
        string="Evaluation Questionnaire",
        help="The customer evaluation form (客户评议表) sent every quarter. Empty: the standard "
        "questionnaire shipped with the addon.",
    )
    property_evaluation_issue_day = fields.Integer(
        string="Evaluation Issue Day",
        default=15,
        help="Day of the last month of the quarter the questionnaires are sent.",
    )
    property_evaluation_reminder_days = fields.Integer(
        string="Evaluation Reminder (days)",
        default=7,
        help="Days after sending when owners who have not answered are reminded, once.",
    )
    property_evaluation_collection_days = fields.Integer(
        string="Evaluation Collection (days)",
        default=15,
        help="Days after sending during which answers are collected.",
    )
    property_evaluation_summary_day = fields.Integer(
        string="Evaluation Summary Day",
        default=5,
        help="Day of the first month of the next quarter the summary analysis is due.",
    )
    property_evaluation_target_sample = fields.Integer(
        string="Evaluation Target Responses",
        default=300,
        help="Completed questionnaires each quarterly evaluation should collect.",
    )
    property_evaluation_include_tenants = fields.Boolean(
        string="Invite Tenants to Evaluations",
        help="Send the quarterly evaluation to tenants as well as owners.",
    )

    @api.constrains(
        "property_evaluation_issue_day",
        "property_evaluation_reminder_days",
        "property_evaluation_collection_days",
        "property_evaluation_summary_day",
        "property_evaluation_target_sample",
    )
    def _check_property_evaluation_schedule(self):
        for company in self:
            if not (
                1 <= company.property_evaluation_issue_day <= 28
                and 1 <= company.property_evaluation_summary_day <= 28
            ):
                raise ValidationError(
                    self.env._("The evaluation's issue and summary days are days 1 to 28.")
                )
            if not (
                0
                < company.property_evaluation_reminder_days
                < company.property_evaluation_collection_days
            ):
                raise ValidationError(
                    self.env._(
                        "The evaluation reminder must come after sending and before the end of "
                        "the collection."
                    )
                )
            if company.property_evaluation_target_sample < 1:
                raise ValidationError(
                    self.env._("The evaluation's target number of responses must be positive.")
                )

    # Quality targets of SPEC §7; the direction of each (at least / at most) is fixed by the KPI.
    property_kpi_satisfaction_target = fields.Float(
        string="Satisfaction Target (%)",
        default=90.0,
        help="At least this share of the callbacks answered in a month are satisfied.",
    )
    property_kpi_complaint_rate_target = fields.Float(
        string="Complaint Rate Target (%)",
        default=5.0,
        help="At most this share of the requests received in a month are valid complaints.",
    )
    property_kpi_resolution_target = fields.Float(
        string="Complaint Resolution Target (%)",
        default=95.0,
        help="At least this share of the valid complaints received in a month are resolved.",
    )
    property_kpi_response_hours_target = fields.Float(
        string="First Response Target (hours)",
        default=24.0,
        help="The average time to the first response of a month's requests is at most this.",
    )
    property_kpi_complaint_callback_target = fields.Float(
        string="Complaint Callback Target (%)",
        default=100.0,
        help="At least this share of the complaints closed in a month are called back.",
    )
    property_kpi_promise_target = fields.Float(
        string="Promise Compliance Target (%)",
        default=90.0,
        help="At least this share of the promises due in a month are kept in time.",
    )
    property_kpi_rework_target = fields.Float(
        string="Rework Rate Target (%)",
        default=5.0,
        help="At most this share of the work orders done in a month need a rework.",
    )

    property_portal_max_upload_mb = fields.Integer(
        string="Portal Attachment Limit (MB)",
        default=10,
        help="Largest photo or PDF an owner or tenant may attach to a request on the portal.",
    )
    property_request_hourly_limit = fields.Integer(
        string="New Requests per Hour and Account",
        default=20,
        help="Most new requests one portal account, or one sender address by e-mail, may "
        "submit in an hour; past it the customer is asked to call the hotline (the company's "
        "phone). 0: no limit.",
    )
    property_mail_default_kind = fields.Selection(
        REQUEST_KINDS,
        string="Kind of E-mails Without Keyword",
        default="consultation",
        help="Kind given to a request received by e-mail when none of the request keywords "
        "is found in it.",
    )

    def _property_tz(self):
        """The company's zone, the default of its estates: its own address's zone (the
        company partner's), else Asia/Shanghai for a company in China or of no country, else
        the first zone of its country."""
        company = self[:1].sudo() or self.env.company.sudo()
        if company.partner_id.tz:
            return company.partner_id.tz
        code = company.country_id.code
        if not code or code == "CN":
            return DEFAULT_TZ
        return (pytz.country_timezones.get(code) or [DEFAULT_TZ])[0]

    @api.constrains("property_callback_spot_check_rate")
    def _check_property_spot_check_rate(self):
        if any(not 0 <= c.property_callback_spot_check_rate <= 100 for c in self):
            raise ValidationError(self.env._("The spot-check share is a percentage (0 to 100)."))

    @api.constrains("property_courtesy_callback_rate")
    def _check_property_courtesy_callback_rate(self):
        if any(not 0 <= c.property_courtesy_callback_rate <= 100 for c in self):
            raise ValidationError(
                self.env._("The share of households called back is a percentage (0 to 100).")
            )

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

    @api.constrains(*PERCENT_KPI_TARGETS, "property_kpi_response_hours_target")
    def _check_property_kpi_targets(self):
        for company in self:
            if any(not 0 <= company[name] <= 100 for name in PERCENT_KPI_TARGETS):
                raise ValidationError(
                    self.env._("Quality targets in percent must lie between 0 and 100.")
                )
            if company.property_kpi_response_hours_target <= 0:
                raise ValidationError(
                    self.env._("The first response target must be a positive number of hours.")
                )

    @api.constrains("property_portal_max_upload_mb")
    def _check_property_portal_max_upload_mb(self):
        if any(company.property_portal_max_upload_mb <= 0 for company in self):
            raise ValidationError(
                self.env._("The portal attachment limit must be a positive number of MB.")
            )

    @api.constrains("property_request_hourly_limit")
    def _check_property_request_hourly_limit(self):
        if any(company.property_request_hourly_limit < 0 for company in self):
            raise ValidationError(
                self.env._("The number of new requests per hour cannot be negative.")
            )

    # Default rules of every company ----------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        # After the caller's right to create companies is checked: the copies are setup data.
        companies.sudo()._property_copy_default_rules()
        return companies

    @api.model
    def _property_copy_default_rules_everywhere(self):
        """At every install and update: companies get the defaults shipped since they were made."""
        # Every company, archived ones included: a handful of rows.
        companies = self.sudo().with_context(active_test=False).search([])  # pylint: disable=no-search-all
        companies._property_copy_default_rules()

    def _property_copy_default_rules(self):
        shipped = self._property_shipped_defaults()
        for company in self:
            copied = set(company.property_copied_defaults or [])
            for xmlid, record in shipped:
                if xmlid in copied:
                    continue
                if record.company_id != company and not company._property_has_own(record):
                    record.copy(company._property_copy_values(record))
                copied.add(xmlid)
            company.property_copied_defaults = sorted(copied)

    def _property_has_own(self, record):
        """A request keyword is unique per company: one the company made itself is kept."""
        if record._name != "property.request.keyword":
            return False
        return bool(
            record.search_count(
                [
                    ("company_id", "=", self.id),
                    ("keyword", "=", record.keyword),
                    ("request_kind", "=", record.request_kind),
                ],
                limit=1,
            )
        )

    def _property_copy_values(self, record):
        """The company's copy: no estate or working-time calendar of another company."""
        values = {"company_id": self.id}
        if "estate_ids" in record._fields:
            values["estate_ids"] = [Command.clear()]
        if "calendar_id" in record._fields:
            values["calendar_id"] = False
        return values

    def _property_shipped_defaults(self):
        """The shipped records (archived ones too), each owned by a company: the shared request
        keywords become the main company's, as every other company gets its own copy."""
        main_company = self.env.ref("base.main_company")
        shipped = []
        for data in (
            self.env["ir.model.data"]
            .sudo()
            .search(
                [("module", "=", "property_service_desk"), ("model", "in", COMPANY_DEFAULT_MODELS)],
                order="model, id",
            )
        ):
            record = self.env[data.model].sudo().with_context(active_test=False).browse(data.res_id)
            if not record.exists():
                continue
            if not record.company_id:
                record.company_id = main_company
            shipped.append((data.complete_name, record))
        return shipped

    # Renovation (装修, SPEC §8) -------------------------------------------------------------
    property_renovation_deposit = fields.Monetary(
        string="Renovation Deposit",
        currency_field="currency_id",
        default=3000,
        help="Refundable deposit (装修押金) invoiced when a renovation is approved.",
    )
    property_renovation_rubbish_fee = fields.Monetary(
        string="Renovation Rubbish Removal Fee",
        currency_field="currency_id",
        default=500,
        help="Invoiced with the deposit (0: not charged).",
    )
    property_renovation_noisy_hours = fields.Char(
        string="Noisy Works Allowed",
        default="08:00-12:00, 14:00-18:00",
        required=True,
        help="Hours of working days when noisy works are allowed, printed on the permit.",
    )
    property_renovation_inspection_days = fields.Integer(
        string="Renovation Inspection Interval (days)",
        default=7,
        help="A routine inspection of the works is scheduled every this many days.",
    )
    property_renovation_notice_days = fields.Integer(
        string="Rectification Deadline (days)",
        default=3,
        help="Days given to rectify a violation found at an inspection.",
    )

    @api.constrains(
        "property_renovation_deposit",
        "property_renovation_rubbish_fee",
        "property_renovation_inspection_days",
        "property_renovation_notice_days",
        "property_renovation_noisy_hours",
    )
    def _check_property_renovation_settings(self):
        for company in self:
            if (
                company.property_renovation_deposit < 0
                or company.property_renovation_rubbish_fee < 0
            ):
                raise ValidationError(self.env._("Renovation amounts cannot be negative."))
            if (
                company.property_renovation_inspection_days <= 0
                or company.property_renovation_notice_days <= 0
            ):
                raise ValidationError(
                    self.env._(
                        "The inspection interval and the rectification deadline are positive "
                        "numbers of days."
                    )
                )
            if not NOISY_HOURS.match(company.property_renovation_noisy_hours or ""):
                raise ValidationError(
                    self.env._(
                        "Write the noisy-works hours as ranges, e.g. 08:00-12:00, 14:00-18:00."
                    )
                )

    @api.constrains("property_visit_target")
    def _check_property_visit_target(self):
        if any(c.property_visit_target < 0 for c in self):
            raise ValidationError(
                self.env._("The monthly customer visit target cannot be negative.")
            )
