from odoo import models


class HelpdeskTicket(models.Model):
    """The weekly progress notice reaches a customer without e-mail by SMS (issue 14, point 11)."""

    _inherit = "helpdesk.ticket"

    def _on_recurring_milestone_due(self, milestone):
        partner = self.partner_id
        if milestone.milestone == "progress" and partner._property_reached_by_sms():
            self._message_sms_with_template(
                template_xmlid="property_service_desk.sms_template_progress_notice",
                partner_ids=partner.ids,
                put_in_queue=True,
            )
            return None
        return super()._on_recurring_milestone_due(milestone)
