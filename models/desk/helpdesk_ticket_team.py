from odoo import api, models, tools


class HelpdeskTicketTeam(models.Model):
    """The stages a team's requests may take, looked up once per worker instead of once per
    request registered (any change to a stage clears the cache)."""

    _inherit = "helpdesk.ticket.team"

    def _get_applicable_stages(self):
        if len(self) > 1:
            return super()._get_applicable_stages()
        company = self.company_id if self else self.env.company
        stage_ids = self._applicable_stage_ids(self.id, company.id)
        return self.env["helpdesk.ticket.stage"].browse(stage_ids)

    @api.model
    @tools.ormcache("team_id", "company_id")
    def _applicable_stage_ids(self, team_id, company_id):
        """What helpdesk_mgmt's search finds: the active stages of the company (or of none),
        for every team or for this one, in the stages' order."""
        domain = [("company_id", "in", [False, company_id])]
        if team_id:
            domain += ["|", ("team_ids", "=", False), ("team_ids", "=", team_id)]
        else:
            domain.append(("team_ids", "=", False))
        stages = self.env["helpdesk.ticket.stage"].sudo().with_context(active_test=True)
        return tuple(stages.search(domain).ids)
