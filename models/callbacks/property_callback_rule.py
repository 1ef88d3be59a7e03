from odoo import fields, models

from ...tools.request_selections import AREA_SCOPES, REQUEST_KINDS


class PropertyCallbackRule(models.Model):
    """When to call the customer back after a request is done, how often, at what rate (SPEC §5)."""

    _name = "property.callback.rule"
    _description = "Callback Rule"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    request_kind = fields.Selection(REQUEST_KINDS, help="Empty: any kind.")
    area_scope = fields.Selection(AREA_SCOPES, string="Area", help="Empty: any area.")
    large_only = fields.Boolean(
        string="Large or Demanding Jobs Only",
        help="Applies only to large repairs and requests marked with a high quality demand.",
    )
    first_delay_days = fields.Integer(
        string="First Callback Within (days)", default=3, bounds=(0, 366)
    )
    second_delay_days = fields.Integer(
        string="Second Callback Within (days)", help="0: no second callback.", bounds=(0, 366)
    )
    working_days = fields.Boolean(
        help="Count working days of the estate's calendar instead of calendar days."
    )
    required_rate = fields.Integer(
        string="Required Rate (%)",
        default=100,
        bounds=(0, 100),
        help="Share of the requests to call back. Below 100, requests are sampled by a rule an "
        "auditor can reproduce.",
    )
    on_site_only = fields.Boolean(help="The callback must be an on-site visit (e.g. common areas).")

    _sql_constraints = [
        (
            "rate_range",
            "check(required_rate > 0 and required_rate <= 100)",
            "The required rate is a percentage between 1 and 100.",
        ),
        (
            "delays_positive",
            "check(first_delay_days >= 0 and second_delay_days >= 0)",
            "Callback delays cannot be negative.",
        ),
    ]

    def _matches(self, ticket):
        self.ensure_one()
        return (
            (not self.request_kind or self.request_kind == ticket.request_kind)
            and (not self.area_scope or self.area_scope == ticket.area_scope)
            and (not self.large_only or ticket.high_quality_demand)
        )

    def _on_site_required(self, ticket):
        """On site when any active rule of the company matching the request asks for it."""
        rules = self.search(
            [("company_id", "=", ticket.company_id.id), ("on_site_only", "=", True)]
        )
        return any(rule._matches(ticket) for rule in rules)

    def _rule_for(self, ticket):
        """The most specific rule in self, of the ticket's company, that matches it."""
        matching = self.filtered(
            lambda rule: rule.company_id == ticket.company_id and rule._matches(ticket)
        )
        return matching.sorted(
            lambda r: (-(bool(r.request_kind) + bool(r.area_scope) + r.large_only), r.sequence)
        )[:1]
