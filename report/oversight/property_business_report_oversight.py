from odoo import models


class ReportBusinessMonthly(models.AbstractModel):
    """The service centre's own duties of the period on the weekly and monthly business
    reports: patrols (SPEC §8)."""

    _inherit = "report.property_service_desk.report_business_monthly"

    def _duties(self, estates, first, last):
        duties = super()._duties(estates, first, last)
        Patrol = self.env["property.patrol"].sudo()
        done = Patrol.search(estates._local_period_domain("done_at", first, last))
        due = [("estate_id", "in", estates.ids), ("due_date", ">=", first), ("due_date", "<=", last)]
        duties.update(
            patrols_done=len(done),
            patrol_requests=len(done.finding_ids.filtered("ticket_id")),
            patrols_missed=Patrol.search_count(due + [("is_overdue", "=", True)]),
        )
        return duties
