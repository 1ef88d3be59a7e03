from odoo import fields, models


class HelpdeskTicket(models.Model):
    """The weekly progress notice reaches a customer without e-mail by SMS (issue 14, point 11)
    and says what was done: the handler's latest progress note (issue 29)."""

    _inherit = "helpdesk.ticket"

    progress_note = fields.Text(
        string="Progress for the Customer",
        tracking=True,
        help="What has been done so far, in words for the customer: the handler keeps it up to "
        "date, and the weekly progress notice (e-mail or SMS) carries the latest one.",
    )

    def _recurring_actions_of(self, milestone):
        # Here rather than in `_on_recurring_milestone_due`: the job acts on batches through this.
        partner = self.partner_id
        if milestone.milestone == "progress" and partner._property_reached_by_sms():
            self._message_sms_with_template(
                template_xmlid="property_service_desk.sms_template_progress_notice",
                partner_ids=partner.ids,
                put_in_queue=True,
            )
            return []
        return super()._recurring_actions_of(milestone)
