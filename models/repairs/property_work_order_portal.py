from odoo import models
from odoo.exceptions import AccessError, UserError

from ...tools.groups import PORTAL


class PropertyWorkOrder(models.Model):
    """The customer signs a completed work order on the portal."""

    _inherit = "property.work.order"

    def _property_signable_on_portal(self):
        self.ensure_one()
        return self.state == "done" and not self.customer_signature

    def action_sign_from_portal(self, signature):
        """Store the customer's signature; with the technician's already there, confirm the
        signatures exactly as the back office does (the signed PDF is archived)."""
        self.ensure_one()
        self._check_portal_customer()
        if not signature:
            raise UserError(self.env._("Sign in the box before confirming."))
        if self.state != "done":
            raise UserError(
                self.env._("Work order %s can only be signed once the work is done.", self.name)
            )
        if self.customer_signature:
            raise UserError(self.env._("Work order %s is already signed by you.", self.name))
        # The customer reads the order but may not edit it: their signature is stored for them.
        order = self.sudo()
        order.customer_signature = signature
        if order.technician_signature:
            order.action_sign()
        return True

    def _check_portal_customer(self):
        """Only the customer of the order signs it, on the portal."""
        if self.env.su:
            return
        self._check_caller(PORTAL, access="read")
        partner = self.partner_id.commercial_partner_id
        if not partner or partner != self.env.user.commercial_partner_id:
            raise AccessError(self.env._("Only the customer of this work order can sign it."))
