from odoo import api, models

MONTHLY = "report.property_service_desk.report_business_monthly"


class ReportBusinessMonthly(models.AbstractModel):
    """The director's signed opinion printed on an estate's monthly business report."""

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
        return values
