from odoo import models
from odoo.exceptions import UserError


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
        if not signature:
            raise UserError(self.env._("Sign in the box before confirming."))
        if self.state != "done":
            raise UserError(
                self.env._("Work order %s can only be signed once the work is done.", self.name)
            )
        if self.customer_signature:
            raise UserError(self.env._("Work order %s is already signed by you.", self.name))
        self.customer_signature = signature
        if self.technician_signature:
            self.action_sign()
        return True
