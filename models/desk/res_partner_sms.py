from odoo import models


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _property_reached_by_sms(self):
        """One customer with no e-mail address but a number an SMS can go to."""
        return len(self) == 1 and not self.email and bool(self.mobile or self.phone)
