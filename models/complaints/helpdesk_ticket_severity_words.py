from odoo import models

from .helpdesk_ticket_complaint import SEVERITY_INPUTS


class HelpdeskTicket(models.Model):
    """Severity rules may look at the words of a complaint (issue 14, point 12)."""

    _inherit = "helpdesk.ticket"

    def _complaints_after_write(self, vals):
        result = super()._complaints_after_write(vals)
        if {"name", "description"} & vals.keys() and not SEVERITY_INPUTS & vals.keys():
            self.filtered(lambda t: t.request_kind == "complaint")._apply_severity_rules()
        return result
