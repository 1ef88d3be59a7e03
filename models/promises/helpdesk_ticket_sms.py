from odoo import fields, models


class PropertyRequestSms(models.AbstractModel):
    """The weekly progress notice reaches a customer without e-mail by SMS (issue 14, point 11)
    and says what was done: the handler's latest progress note (issue 29)."""

    _name = "property.request.sms"
    _description = "Request Concern: SMS"

    progress_note = fields.Text(
        string="Progress for the Customer",
        tracking=True,
        help="What has been done so far, in words for the customer: the handler keeps it up to "
        "date, and the weekly progress notice (e-mail or SMS) carries the latest one.",
    )

    def _progress_notice_by_sms(self, promise):
        """Send the progress notice by SMS to a customer reached by SMS; whether it was sent."""
        partner = self.partner_id
        if promise.kind != "progress" or not partner._property_reached_by_sms():
            return False
        self._message_sms_with_template(
            template_xmlid="property_service_desk.sms_template_progress_notice",
            partner_ids=partner.ids,
            put_in_queue=True,
        )
        return True
