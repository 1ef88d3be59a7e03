from odoo import models


class ReportBusinessMonthly(models.AbstractModel):
    """The service centre's own duties of the period on the weekly and monthly business
    reports: patrols, reception days, customer forums, archives (SPEC §8) and the
    evaluation results fed back to staff (SPEC §7)."""

    _inherit = "report.property_service_desk.report_business_monthly"

    def _duties(self, estates, first, last):
        duties = super()._duties(estates, first, last)
        Patrol = self.env["property.patrol"].sudo()
        done = self._done_in(estates, "property.patrol", first, last)
        due = [
            ("estate_id", "in", estates.ids),
            ("due_date", ">=", first),
            ("due_date", "<=", last),
        ]
        duties.update(
            patrols_done=len(done),
            patrol_requests=len(done.finding_ids.filtered("ticket_id")),
            patrols_missed=Patrol.search_count(due + [("is_overdue", "=", True)]),
        )
        held = self._done_in(estates, "property.reception.day", first, last)
        duties.update(
            reception_days=len(held),
            reception_matters=len(held.matter_ids),
            reception_requests=len(held.matter_ids.filtered("ticket_id")),
        )
        compiled = self._done_in(estates, "property.customer.forum", first, last)
        duties.update(
            forums_held=self.env["property.customer.forum"]
            .sudo()
            .search_count(
                [
                    ("estate_id", "in", estates.ids),
                    ("held_on", ">=", first),
                    ("held_on", "<=", last),
                ]
            ),
            forums_compiled=len(compiled),
            forums_late=len(compiled.filtered("compiled_late")),
        )
        archived = self._done_in(estates, "property.archive.duty", first, last)
        published = estates._local_period_domain("published_at", first, last)
        duties.update(
            archive_done=len(archived),
            archive_late=len(archived.filtered("is_late")),
            evaluations_published=self.env["property.evaluation.campaign"]
            .sudo()
            .search_count(published),
        )
        return duties

    def _done_in(self, estates, model, first, last):
        """The duties of `model` the estates recorded done on their local days first to last."""
        domain = estates._local_period_domain("done_at", first, last)
        return self.env[model].sudo().search(domain)
