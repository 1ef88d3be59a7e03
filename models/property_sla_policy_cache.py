from odoo import api, models, tools


class PropertySlaPolicy(models.Model):
    """The policies of a company, looked up once per worker instead of once per request
    registered: every registration needs them, and they change seldom (any change clears it)."""

    _inherit = "property.sla.policy"

    @api.model
    def _of_companies(self, companies):
        """The active policies of `companies`, in the model's order (what a search returns)."""
        return self.sudo().browse(self._policy_ids_of_companies(tuple(sorted(companies.ids))))

    @api.model
    @tools.ormcache("company_ids")
    def _policy_ids_of_companies(self, company_ids):
        policies = self.sudo().with_context(active_test=True)
        return tuple(policies.search([("company_id", "in", list(company_ids))]).ids)

    @api.model_create_multi
    def create(self, vals_list):
        policies = super().create(vals_list)
        self.env.registry.clear_cache()
        return policies

    def write(self, vals):
        result = super().write(vals)
        self.env.registry.clear_cache()
        return result

    def unlink(self):
        result = super().unlink()
        self.env.registry.clear_cache()
        return result
