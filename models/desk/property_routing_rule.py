from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ...tools.request_selections import AREA_SCOPES, REQUEST_KINDS

HANDLERS = [
    ("complaint_owner", "Complaint Owner by Severity"),
    ("business_manager", "Business Manager of the Area"),
    ("engineering_lead", "Engineering Lead of the Estate"),
    ("project_manager", "Project Manager of the Estate"),
    ("user", "A Named User"),
]


class PropertyRoutingRule(models.Model):
    """Who handles a new request (SPEC §1, §3, §4): per estate, kind and area, proposed at
    registration; the desk confirms the proposal or chooses another handler."""

    _name = "property.routing.rule"
    _description = "Routing Rule"
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    estate_id = fields.Many2one(
        "property.estate",
        check_company=True,
        help="Empty: every estate. A rule of the request's estate goes before the general ones.",
    )
    request_kind = fields.Selection(REQUEST_KINDS, help="Empty: any kind.")
    area_scope = fields.Selection(AREA_SCOPES, string="Area", help="Empty: any area.")
    handler = fields.Selection(HANDLERS, required=True, default="business_manager")
    user_id = fields.Many2one(
        "res.users",
        string="Named Handler",
        domain=[("share", "=", False)],
        help="The handler when the rule names one.",
    )

    @api.constrains("handler", "user_id")
    def _check_named_handler(self):
        for rule in self:
            if rule.handler == "user" and not rule.user_id:
                raise ValidationError(
                    self.env._("Routing rule “%s” names a user: choose the user.", rule.name)
                )

    def _matches(self, ticket):
        self.ensure_one()
        return (
            (not self.estate_id or self.estate_id == ticket.estate_id)
            and (not self.request_kind or self.request_kind == ticket.request_kind)
            and (not self.area_scope or self.area_scope == ticket.area_scope)
        )

    @api.model
    def _handler_for(self, ticket):
        """The handler the first matching rule proposes (the estate's own rules first), else
        the business manager of the request's area."""
        company = ticket.company_id or self.env.company
        rules = self.sudo().search([("company_id", "=", company.id)])
        rules = rules.sorted(lambda rule: (not rule.estate_id, rule.sequence, rule.id))
        rule = next((rule for rule in rules if rule._matches(ticket)), None)
        return rule._handler(ticket) if rule else ticket._business_manager()

    def _handler(self, ticket):
        self.ensure_one()
        if self.handler == "complaint_owner":
            return ticket._complaint_owner_for(ticket.complaint_severity or "minor")
        if self.handler == "engineering_lead":
            return ticket.estate_id.engineering_lead_id or ticket._business_manager()
        if self.handler == "project_manager":
            return ticket.estate_id.project_manager_id or ticket._business_manager()
        if self.handler == "user":
            return self.user_id
        return ticket._business_manager()
