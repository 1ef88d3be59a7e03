from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import html2plaintext
from odoo.tools.safe_eval import datetime, safe_eval

from ...tools.request_selections import SEVERITY_LADDER
from ...tools.terms import WHOLE_TERMS_HELP, split_terms, term_found


class PropertyComplaintSeverityRule(models.Model):
    """A fact that makes a complaint at least this severe (SPEC §3), as a filter on requests."""

    _name = "property.complaint.severity.rule"
    _description = "Complaint Severity Rule"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    severity = fields.Selection(
        [("general", "General"), ("major", "Major")],
        string="At Least",
        required=True,
    )
    domain = fields.Char(
        string="Applies When",
        required=True,
        default="[]",
        help="Complaints matching this filter are at least of this severity. The filter may use "
        "`now` and `relativedelta`, e.g. [('received_at', '<', now - relativedelta(months=1))].",
    )
    keywords = fields.Char(
        string="Mentions Any Of",
        help="Words separated by commas: the rule applies only when the complaint's subject or "
        "description mentions one of them (e.g. 漏水, leak). Empty: no condition on words."
        + WHOLE_TERMS_HELP,
    )
    longer_terms = fields.Char(
        string="Not Within",
        help="Longer words, separated by commas, inside which a word of Mentions Any Of does not "
        "count (e.g. 没电梯 for 没电: 'no lift' is not a power cut).",
    )

    @api.constrains("domain")
    def _check_domain(self):
        for rule in self:
            try:
                self.env["helpdesk.ticket"].search_count(rule._domain(), limit=1)
            except Exception as error:
                raise ValidationError(
                    self.env._(
                        "The filter of rule %(rule)s is not valid: %(error)s",
                        rule=rule.name,
                        error=error,
                    )
                ) from error

    def _domain(self):
        context = {
            "now": fields.Datetime.now(),
            "relativedelta": relativedelta,
            "datetime": datetime,
        }
        return safe_eval(self.domain or "[]", context)

    def _keyword_list(self):
        return split_terms(self.keywords)

    def _mentioned_in(self, text):
        words = self._keyword_list()
        longer = split_terms(self.longer_terms)
        return not words or any(term_found(text, word, longer) for word in words)

    def _severity_for(self, ticket):
        """The highest severity among the rules of the ticket's company that match it."""
        text = f"{ticket.name or ''}\n{html2plaintext(ticket.description or '')}".casefold()
        matching = self.filtered(
            lambda rule: (
                rule.company_id == ticket.company_id
                and rule._mentioned_in(text)
                and ticket.filtered_domain(rule._domain())
            )
        )
        return max(matching.mapped("severity") + ["minor"], key=SEVERITY_LADDER.index)
