from odoo import models

# Kinds an owner or tenant may submit on the portal: parcels are registered by the desk.
PORTAL_EXCLUDED_KINDS = ("parcel",)


class PropertyRequestPortal(models.AbstractModel):
    """What the portal shows and lets the customer do on a request."""

    _name = "property.request.portal"
    _description = "Request Concern: Portal"

    def _property_portal_kinds(self):
        selection = self._fields["request_kind"]._description_selection(self.env)
        return [(key, label) for key, label in selection if key not in PORTAL_EXCLUDED_KINDS]

    def _property_selection_labels(self, field_name):
        return dict(self._fields[field_name]._description_selection(self.env))

    def _property_is_customer(self, user):
        """The request's customer (or a contact of the same company) is this user."""
        self.ensure_one()
        partner = self.partner_id.commercial_partner_id
        return bool(partner) and partner == user.commercial_partner_id

    def _property_portal_close_stages(self):
        """The closing stages the customer may move the request to from the portal
        (helpdesk_mgmt's "close from portal": by default only Cancelled, a withdrawal)."""
        self.ensure_one()
        return self.team_id._get_applicable_stages().filtered("close_from_portal")

    def _property_portal_promises(self):
        """The promises to show the customer: every promise that was not cancelled."""
        return self.promise_ids.filtered(lambda m: m.state != "cancelled").sorted(
            lambda m: (m.deadline, m.id)
        )

    def _property_awaits_customer_decision(self):
        self.ensure_one()
        return self.request_kind == "complaint" and self.solution_decision == "pending"
