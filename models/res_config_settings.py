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
    property_large_job_threshold = fields.Monetary(
        related="company_id.property_large_job_threshold", readonly=False
    )
    property_pricelist_id = fields.Many2one(
        related="company_id.property_pricelist_id", readonly=False
    )
    property_portal_max_upload_mb = fields.Integer(
        related="company_id.property_portal_max_upload_mb", readonly=False
    )
    property_mail_default_kind = fields.Selection(
        related="company_id.property_mail_default_kind", readonly=False
    )
