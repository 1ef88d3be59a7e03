from odoo import api, fields, models

from ...tools.request_selections import REQUEST_KINDS
from ...tools.terms import WHOLE_TERMS_HELP, split_terms, term_found


class PropertyRequestKeyword(models.Model):
    """A word that, found in an e-mail, tells the kind of request (漏水 → repair)."""

    _name = "property.request.keyword"
    _description = "Request Kind Keyword"
    _order = "sequence, id"

    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    keyword = fields.Char(
        required=True,
        help="Looked for in the subject and the text of incoming e-mails, ignoring case."
        + WHOLE_TERMS_HELP,
    )
    longer_terms = fields.Char(
        string="Not Within",
        help="Longer words, separated by commas, inside which the keyword does not count "
        "(e.g. 维修基金 for 维修: a question about the maintenance fund is not a repair).",
    )
    request_kind = fields.Selection(REQUEST_KINDS, string="Kind", required=True)
    company_id = fields.Many2one(
        "res.company",
        help="Empty: used by every company.",
    )

    _sql_constraints = [
        (
            "keyword_kind_company_uniq",
            "unique(keyword, request_kind, company_id)",
            "This keyword already points to this kind.",
        ),
    ]

    @api.model
    def _guess_kind(self, text, company=None):
        """The kind of the first keyword (by sequence) found in the text, or False."""
        text = (text or "").casefold()
        if not text:
            return False
        company = company or self.env.company
        keywords = self.search([("company_id", "in", [False, company.id])])
        for keyword in keywords:
            term = keyword.keyword.strip().casefold()
            if term_found(text, term, split_terms(keyword.longer_terms)):
                return keyword.request_kind
        return False
