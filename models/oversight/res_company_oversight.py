from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    property_reception_day_of_month = fields.Integer(
        string="Reception Day of the Month",
        default=15,
        help="Day of each month the estates' managers receive owners (接待日), 1 to 28.",
    )

    @api.constrains("property_reception_day_of_month")
    def _check_property_reception_day_of_month(self):
        if any(not 1 <= c.property_reception_day_of_month <= 28 for c in self):
            raise ValidationError(
                self.env._("The reception day is a day of the month from 1 to 28.")
            )
