from odoo import api, models, tools


class PropertyPromisePolicy(models.Model):
    """The policies of a company, and the best of them for a kind of request, looked up once per
    worker instead of once per request registered: every registration needs them, and they
    change seldom (any change to a policy clears the cache)."""

    _name = "property.promise.policy"
    _inherit = ["property.promise.policy", "property.cache.clearing.mixin"]

    @api.model
    def _of_companies(self, companies):
        """The active policies of `companies`, in the model's order (what a search returns)."""
        return self.sudo().browse(self._policy_ids_of_companies(tuple(sorted(companies.ids))))

    @api.model
    @tools.ormcache("company_ids")
    def _policy_ids_of_companies(self, company_ids):
        policies = self.sudo().with_context(active_test=True)
        return tuple(policies.search([("company_id", "in", list(company_ids))]).ids)

    @api.model
    def _best_for(self, ticket):
        """{promise: policy} of the company's policies that apply to `ticket` now."""
        best = self._best_ids_for(self._facts_of(ticket))
        # One recordset: the first field read of a request fetches every policy at once.
        policies = self.sudo().browse([policy_id for _kind, policy_id in best])
        return {kind: policy for (kind, _id), policy in zip(best, policies, strict=True)}

    @api.model
    @tools.ormcache("facts")
    def _best_ids_for(self, facts):
        facts = dict(facts)
        company = self.env["res.company"].browse(facts["company_id"])
        best = self._of_companies(company)._best_per_kind(facts)
        return tuple((kind, policy.id) for kind, policy in best.items())
