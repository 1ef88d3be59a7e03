from odoo import models

from .helpdesk_ticket_complaint import SEVERITY_INPUTS


class PropertyRequestSeverityWords(models.AbstractModel):
    """Severity rules may look at the words of a complaint (issue 14, point 12)."""

    _name = "property.request.severity.words"
    _description = "Request Concern: Severity from Words"

    def _severity_words_after_write(self, vals):
        """New words re-apply the rules (unless the facts changed too: they were applied)."""
        if {"name", "description"} & vals.keys() and not SEVERITY_INPUTS & vals.keys():
            self.filtered(lambda t: t.request_kind == "complaint")._apply_severity_rules()
