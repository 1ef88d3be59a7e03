from odoo import fields, models


class PropertyComplaintHistory(models.Model):
    """Who changed a complaint's severity, owner, deadline or decision, when and why."""

    _name = "property.complaint.history"
    _description = "Complaint History"
    _inherit = ["property.append.only.mixin", "property.system.fields.mixin"]
    # Written by the complaint's actions only: nobody adds a row with another author or trigger.
    _system_fields = (
        "date",
        "ticket_id",
        "change",
        "old_value",
        "new_value",
        "reason",
        "trigger",
        "user_id",
    )
    _order = "date desc, id desc"

    date = fields.Datetime(
        string="When", required=True, readonly=True, default=fields.Datetime.now, index=True
    )
    ticket_id = fields.Many2one(
        "helpdesk.ticket",
        string="Complaint",
        required=True,
        index=True,
        ondelete="cascade",
        readonly=True,
    )
    change = fields.Selection(
        [
            ("severity", "Severity"),
            ("owner", "Complaint Owner"),
            ("deadline", "Solution Deadline"),
            ("solution", "Solution"),
            ("decision", "Customer's Decision"),
        ],
        required=True,
        readonly=True,
    )
    old_value = fields.Char(string="From", readonly=True)
    new_value = fields.Char(string="To", readonly=True)
    reason = fields.Text(string="Why", readonly=True)
    trigger = fields.Selection(
        [("person", "A Person"), ("scheduled", "Scheduled Action")],
        string="Triggered By",
        required=True,
        readonly=True,
    )
    user_id = fields.Many2one("res.users", string="Who", required=True, readonly=True)
