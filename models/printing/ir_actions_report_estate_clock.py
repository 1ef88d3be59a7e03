from odoo import models


class IrActionsReport(models.Model):
    """Papers of an estate print its times in the estate's zone, whoever prints them, and
    its days as Chinese offices write them (ir.qweb.field.date)."""

    _inherit = "ir.actions.report"

    def _render_qweb_html(self, report_ref, docids, data=None):
        zone = self._property_estate_zone(report_ref, docids)
        if zone:
            self = self.with_context(tz=zone, property_paper=True)
        return super()._render_qweb_html(report_ref, docids, data=data)

    def _property_estate_zone(self, report_ref, docids):
        """The zone of the estate of the printed records (the first one's), or None."""
        model = self._get_report(report_ref).model
        if not docids or model not in self.env:
            return None
        records = self.env[model].sudo().browse(docids)
        if model == "property.estate":
            estates = records
        elif "estate_id" in records._fields:
            estates = records.estate_id
        else:
            return None
        return estates[:1]._local_tz_name() if estates else None
