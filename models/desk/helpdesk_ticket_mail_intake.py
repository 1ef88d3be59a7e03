import re

from odoo import api, models, tools
from odoo.exceptions import UserError

from ...tools.groups import DESK
from ..mechanisms.property_input_guard import strip_control_characters


class PropertyRequestMailIntake(models.AbstractModel):
    """E-mail intake (SPEC §2): a mail to the helpdesk alias becomes a request of the sender's
    unit, with the kind guessed from configurable keywords."""

    _name = "property.request.mail.intake"
    _description = "Request Concern: E-mail Intake"

    @api.model
    def _mail_intake_values(self, msg, custom_values):
        """The mail and the request's values, as the gateway's message_new receives them, and
        the kind guessed from the words. The mail gateway runs as superuser; over RPC only the
        desk may log a mail by hand."""
        self._check_caller(DESK, access="create")
        flood = self._property_mail_flood_message(msg.get("email_from"))
        if flood:
            # Left unprocessed on the mail server, fetched again later: nothing is lost.
            raise UserError(flood)
        # A mail is not refused for a control character in it (the request would be lost).
        msg = dict(
            msg,
            subject=strip_control_characters(msg.get("subject")),
            body=strip_control_characters(msg.get("body")),
        )
        values = dict(custom_values or {})
        text = "\n".join([msg.get("subject") or "", tools.html2plaintext(msg.get("body") or "")])
        partner = self._property_sender_partner(msg)
        unit = partner and self._property_unit_from_mail(partner, text)
        guessed = self.env["property.request.keyword"].sudo()._guess_kind(text)
        kind = guessed or self.env.company.property_mail_default_kind
        email_channel = self.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_email", False)
        if partner:
            values.setdefault("partner_id", partner.id)
        if unit:
            values.setdefault("unit_id", unit.id)
            values.setdefault("estate_id", unit.estate_id.id)
        if kind:
            values.setdefault("request_kind", kind)
        if email_channel:
            values.setdefault("channel_id", email_channel.id)
        # helpdesk_mgmt takes the gateway's author as customer: make ours win.
        if partner:
            msg = dict(msg, author_id=partner.id)
        return msg, values, guessed

    def _after_mail_intake(self, guessed):
        if guessed and self.request_kind == guessed:
            self._property_log_guessed_kind()

    @api.model
    def _mail_route_past_flood(self, message, message_dict, route):
        """Whether a mail to the helpdesk alias comes from an address past the hourly limit:
        then it is answered with the refusal and not routed (no request is created)."""
        if route and route[0] == self._name and not route[1]:
            flood = self._property_mail_flood_message(message_dict.get("email_from"))
            if flood:
                self._routing_create_bounce_email(
                    message_dict.get("email_from"), tools.plaintext2html(flood), message
                )
                return True
        return False

    @api.model
    def _property_sender_partner(self, msg):
        """The partner of the sender's address (exact, any case); among several, the one with
        units, else the gateway's author, else the oldest."""
        email = tools.email_normalize(msg.get("email_from") or "")
        if not email:
            return self.env["res.partner"]
        partners = (
            self.env["res.partner"].sudo().search([("email_normalized", "=", email)], order="id")
        )
        if len(partners) <= 1:
            return partners
        with_units = partners.filtered(self._property_partner_units)
        author = partners.filtered(lambda p: p.id == msg.get("author_id"))
        if len(with_units) == 1:
            return with_units
        preferred = (author & with_units) or with_units[:1] or author
        return preferred or partners[:1]

    @api.model
    def _property_unit_from_mail(self, partner, text):
        """The sender's unit when it is unambiguous: their only unit, or the only one of their
        units the mail names (\"3-1201\", \"3栋1201\", or just \"1201\")."""
        units = self._property_partner_units(partner)
        if len(units) <= 1:
            return units
        for forms in (self._property_unit_full_forms, self._property_unit_short_forms):
            named = units.filtered(
                lambda u, forms=forms: any(_names(text, form) for form in forms(u))
            )
            if len(named) == 1:
                return named
            if named:
                return units.browse()
        return units.browse()

    @api.model
    def _property_partner_units(self, partner):
        """Units the partner (or their company) owns or rents."""
        domain = partner.commercial_partner_id._property_unit_domain()
        return self.env["property.unit"].sudo().search(domain)

    @api.model
    def _property_unit_full_forms(self, unit):
        building = unit.building_id.name or ""
        forms = {f"{building}-{unit.name}", f"{building}{unit.name}", f"{building} {unit.name}"}
        if digits := "".join(re.findall(r"\d+", building)):
            forms |= {f"{digits}-{unit.name}", f"{digits}栋{unit.name}"}
        return forms

    @api.model
    def _property_unit_short_forms(self, unit):
        return {unit.name}

    def _property_log_guessed_kind(self):
        labels = dict(self._fields["request_kind"]._description_selection(self.env))
        for ticket in self:
            ticket.message_post(
                body=self.env._(
                    "Kind guessed from the e-mail: %(kind)s. Correct it if it is wrong.",
                    kind=labels[ticket.request_kind],
                ),
                subtype_xmlid="mail.mt_note",
            )


def _names(text, form):
    """Does the text name this form as a whole word (not inside a longer number or code)?"""
    pattern = r"(?<![0-9A-Za-z])" + re.escape(form) + r"(?![0-9A-Za-z])"
    return re.search(pattern, text, flags=re.IGNORECASE) is not None
