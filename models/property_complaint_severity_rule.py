import re

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import html2plaintext
from odoo.tools.safe_eval import datetime, safe_eval

from ..tools.request_selections import SEVERITY_LADDER

TERM_SEPARATORS = r"[,，、;；\n]"
WHOLE_TERMS_HELP = (
    " A term matches as a whole: a Latin word only at the start of a word (leak finds leaks "
    "and leaking, not bleak), and no term where it is part of a longer word listed under Not "
    "Within (with 没电梯 there, 没电 is not found in 没电梯)."
)


def split_terms(terms):
    return [
        term.strip().casefold() for term in re.split(TERM_SEPARATORS, terms or "") if term.strip()
    ]


def term_found(text, term, longer_terms=()):
    """Whether `term` occurs in `text` (both casefolded) as a whole term: a Latin word at the
    start of a word, and not inside an occurrence of one of `longer_terms` (Chinese has no
    spaces between words: the administrator lists the longer words to leave out)."""
    pattern = re.escape(term)
    if term[:1].isascii() and term[:1].isalnum():
        pattern = r"(?<![a-z0-9])" + pattern
    excluded = [
        (match.start(), match.end())
        for longer in longer_terms
        if term in longer
        for match in re.finditer(re.escape(longer), text)
    ]
    return any(
        not any(start <= match.start() and match.end() <= end for start, end in excluded)
        for match in re.finditer(pattern, text)
    )


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
