from odoo import api, models

MONTHLY = "report.property_service_desk.report_business_monthly"


class ReportBusinessMonthly(models.AbstractModel):
    """On the business reports: the director's signed opinion (monthly) and the desk's other
    duties of the period (courtesy callbacks, work contact sheets)."""

    _inherit = MONTHLY

    @api.model
    def _get_report_values(self, docids, data=None):
        values = super()._get_report_values(docids, data=data)
        estates = values["docs"]
        values["director_signoff"] = self.env["property.director.signoff"].sudo()
        if self._name == MONTHLY and len(estates) == 1:
            values["director_signoff"] = values["director_signoff"].search(
                [
                    ("kind", "=", "business_report"),
                    ("estate_id", "=", estates.id),
                    ("month", "=", values["month"]),
                    ("state", "=", "signed"),
                ],
                limit=1,
            )
        (first, last), _previous = self._periods(values["month"])
        values["duties"] = self._duties(estates, first, last)
        return values

    def _duties(self, estates, first, last):
        """{duty: count} of the estates' local days first to last."""

        def count(model, field, extra=()):
            domain = estates._local_period_domain(field, first, last) + list(extra)
            return self.env[model].sudo().search_count(domain)

        callbacks, sheets = "property.courtesy.callback", "property.contact.sheet"
        return {
            "courtesy_done": count(callbacks, "done_at"),
            "courtesy_requests": count(callbacks, "done_at", [("ticket_id", "!=", False)]),
            "sheets_issued": count(sheets, "issued_at"),
            "sheets_replied": count(sheets, "replied_at"),
            "sheets_late": count(sheets, "replied_at", [("replied_late", "=", True)])
            + count(sheets, "due_at", [("state", "=", "issued"), ("is_overdue", "=", True)]),
        }
