from odoo import api, models, tools


class PropertySlaPolicy(models.Model):
    """The policies of a company, looked up once per worker instead of once per request
    registered: every registration needs them, and they change seldom (any change clears it)."""

    _name = "property.sla.policy"
    _inherit = ["property.sla.policy", "property.cache.clearing.mixin"]

    @api.model
    def _of_companies(self, companies):
        """The active policies of `companies`, in the model's order (what a search returns)."""
        return self.sudo().browse(self._policy_ids_of_companies(tuple(sorted(companies.ids))))

    @api.model
    @tools.ormcache("company_ids")
    def _policy_ids_of_companies(self, company_ids):
        policies = self.sudo().with_context(active_test=True)
        return tuple(policies.search([("company_id", "in", list(company_ids))]).ids)
