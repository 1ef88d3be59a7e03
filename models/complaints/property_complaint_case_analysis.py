from odoo import fields, models


class PropertyComplaintCaseAnalysis(models.Model):
    """Case analysis of a class 1 complaint, kept for staff training (案例分析)."""

    _name = "property.complaint.case.analysis"
    _description = "Complaint Case Analysis"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"

    name = fields.Char(string="Title", required=True)
    ticket_id = fields.Many2one(
        "helpdesk.ticket", string="Complaint", required=True, index=True, ondelete="restrict"
    )
    estate_id = fields.Many2one(related="ticket_id.estate_id", store=True)
    company_id = fields.Many2one(related="ticket_id.company_id", store=True)
    date = fields.Date(
        required=True, default=lambda self: self.env["property.estate"]._local_date()
    )
    author_id = fields.Many2one("res.users", default=lambda self: self.env.user, required=True)
    what_happened = fields.Html(required=True)
    causes = fields.Html(string="Root Causes")
    measures = fields.Html(string="Measures Taken")
    training_points = fields.Html(string="Lessons for Training")
    used_in_training = fields.Boolean()
