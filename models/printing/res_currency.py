from cn2an import an2cn

from odoo import models


class ResCurrency(models.Model):
    _inherit = "res.currency"

    def _property_amount_in_words(self, amount):
        """The amount as Chinese papers write it beside the figures: in yuan, in capitals
        (人民币贰仟零柒拾元整), by cn2an as l10n_cn's account.move does; in another currency,
        Odoo's words for it."""
        self.ensure_one()
        if self.name == "CNY":
            return "人民币" + an2cn(f"{self.round(amount):.2f}", "rmb")
        return self.amount_to_text(amount)
