from datetime import timedelta

from odoo import api, fields, models, tools
from odoo.exceptions import UserError
from odoo.tools import SQL

FLOOD_WINDOW = timedelta(hours=1)


class PropertyRequestFlood(models.AbstractModel):
    """Flood control on the public doors (SPEC §9): one portal account, or one sender address
    by e-mail, submits at most the company's number of new requests an hour; past it nothing is
    created and the customer is asked to call the hotline."""

    _name = "property.request.flood"
    _description = "Request Concern: Flood Control"

    @api.model
    def _check_portal_flood(self, new):
        """Refuse `new` requests past the portal account's hourly limit (before they are made).
        The portal routes create as superuser but keep the portal user: env.user is theirs."""
        if self.env.user.share:
            message = self._property_portal_flood_message(new)
            if message:
                raise UserError(message)

    @api.model
    def _property_portal_flood_message(self, new=1):
        """The refusal for the current portal account when `new` more requests would pass the
        hourly limit, else False (multi-worker safe: see `_property_flood_count`)."""
        user = self.env.user
        limit = user.company_id.property_request_hourly_limit
        if not limit:
            return False
        recent = self._property_flood_count(
            f"portal:{user.id}",
            [("create_uid", "=", user.id), ("create_date", ">=", self._property_flood_since())],
        )
        return recent + new > limit and self._property_flood_refusal(user.company_id, limit)

    @api.model
    def _property_mail_flood_message(self, email_from):
        """The refusal for a sender address past the hourly limit of e-mailed requests."""
        email = tools.email_normalize(email_from or "")
        limit = self.env.company.property_request_hourly_limit
        if not email or not limit:
            return False
        email_channel = self.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_email", False)
        domain = [
            ("channel_id", "=", email_channel.id),
            ("create_date", ">=", self._property_flood_since()),
            ("partner_email", "ilike", email),
        ]
        count = self._property_flood_count(
            f"mail:{email}",
            domain,
            lambda tickets: tickets.filtered(
                lambda t: tools.email_normalize(t.partner_email) == email
            ),
        )
        if count < limit:
            return False
        # In the sender's language where they are known, else the company's.
        sender = self._property_sender_partner({"email_from": email_from})
        lang = sender[:1].lang or self.env.company.partner_id.lang
        return self.with_context(lang=lang)._property_flood_refusal(self.env.company, limit)

    @api.model
    def _property_flood_count(self, key, domain, keep=None):
        """How many requests of `domain` (kept by `keep`) count against the limit of `key`.

        Several workers may take one account's submissions at once. Each takes the account's
        lock until its transaction ends, then counts with a fresh snapshot besides its own: the
        requests that the workers before it committed while it waited are counted (its own
        snapshot, older than the lock, would miss them), and the next one waits for this one."""
        self.env.cr.execute(SQL("SELECT pg_advisory_xact_lock(hashtext(%s))", key))

        def counted(tickets):
            found = tickets.sudo().search(domain)
            return set((keep(found) if keep else found).ids)

        ids = counted(self)
        with self.env.registry.cursor() as cr:
            # This registry, not looked up by name (as `self.env(cr=cr)` alone does on a new
            # cursor): the lookup waits on the registries' lock wherever another thread holds
            # it, as Odoo's own test runner does while a worker thread runs this.
            cr.transaction = api.Transaction(self.env.registry)
            ids |= counted(self.with_env(self.env(cr=cr)))
        return len(ids)

    @api.model
    def _property_flood_since(self):
        return fields.Datetime.now() - FLOOD_WINDOW

    @api.model
    def _property_flood_refusal(self, company, limit):
        return self.env._(
            "You have submitted %(limit)s requests in the last hour, the most the service "
            "centre takes online. Your request was not recorded: please call the service "
            "centre hotline %(hotline)s, or try again later.",
            limit=limit,
            hotline=company.phone or company.name,
        )
