from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    property_minor_compensation = fields.Monetary(
        related="company_id.property_minor_compensation", readonly=False
    )
    property_major_compensation = fields.Monetary(
        related="company_id.property_major_compensation", readonly=False
    )
    property_complaint_scheme = fields.Selection(
        related="company_id.property_complaint_scheme", readonly=False
    )
    property_top_manager_id = fields.Many2one(
        related="company_id.property_top_manager_id", readonly=False
    )
    property_callback_spot_check_rate = fields.Integer(
        related="company_id.property_callback_spot_check_rate", readonly=False
    )
    property_courtesy_callback_rate = fields.Integer(
        related="company_id.property_courtesy_callback_rate", readonly=False
    )
    property_large_job_threshold = fields.Monetary(
        related="company_id.property_large_job_threshold", readonly=False
    )
    property_pricelist_id = fields.Many2one(
        related="company_id.property_pricelist_id", readonly=False
    )
    property_parcel_notify_channel = fields.Selection(
        related="company_id.property_parcel_notify_channel", readonly=False
    )
    property_parcel_reminder_days = fields.Integer(
        related="company_id.property_parcel_reminder_days", readonly=False
    )
    property_evaluation_survey_id = fields.Many2one(
        related="company_id.property_evaluation_survey_id", readonly=False
    )
    property_evaluation_issue_day = fields.Integer(
        related="company_id.property_evaluation_issue_day", readonly=False
    )
    property_evaluation_reminder_days = fields.Integer(
        related="company_id.property_evaluation_reminder_days", readonly=False
    )
    property_evaluation_collection_days = fields.Integer(
        related="company_id.property_evaluation_collection_days", readonly=False
    )
    property_evaluation_summary_day = fields.Integer(
        related="company_id.property_evaluation_summary_day", readonly=False
    )
    property_evaluation_target_sample = fields.Integer(
        related="company_id.property_evaluation_target_sample", readonly=False
    )
    property_evaluation_include_tenants = fields.Boolean(
        related="company_id.property_evaluation_include_tenants", readonly=False
    )
    property_kpi_satisfaction_target = fields.Float(
        related="company_id.property_kpi_satisfaction_target", readonly=False
    )
    property_kpi_complaint_rate_target = fields.Float(
        related="company_id.property_kpi_complaint_rate_target", readonly=False
    )
    property_kpi_resolution_target = fields.Float(
        related="company_id.property_kpi_resolution_target", readonly=False
    )
    property_kpi_response_hours_target = fields.Float(
        related="company_id.property_kpi_response_hours_target", readonly=False
    )
    property_kpi_complaint_callback_target = fields.Float(
        related="company_id.property_kpi_complaint_callback_target", readonly=False
    )
    property_kpi_promise_target = fields.Float(
        related="company_id.property_kpi_promise_target", readonly=False
    )
    property_kpi_rework_target = fields.Float(
        related="company_id.property_kpi_rework_target", readonly=False
    )
    property_portal_max_upload_mb = fields.Integer(
        related="company_id.property_portal_max_upload_mb", readonly=False
    )
    property_request_hourly_limit = fields.Integer(
        related="company_id.property_request_hourly_limit", readonly=False
    )
    property_mail_default_kind = fields.Selection(
        related="company_id.property_mail_default_kind", readonly=False
    )
    # Renovation
    property_renovation_deposit = fields.Monetary(
        related="company_id.property_renovation_deposit", readonly=False
    )
    property_renovation_rubbish_fee = fields.Monetary(
        related="company_id.property_renovation_rubbish_fee", readonly=False
    )
    property_renovation_noisy_hours = fields.Char(
        related="company_id.property_renovation_noisy_hours", readonly=False
    )
    property_renovation_inspection_days = fields.Integer(
        related="company_id.property_renovation_inspection_days", readonly=False
    )
    property_renovation_notice_days = fields.Integer(
        related="company_id.property_renovation_notice_days", readonly=False
    )
    property_visit_target = fields.Integer(
        related="company_id.property_visit_target", readonly=False
    )
