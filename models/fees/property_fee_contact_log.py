from odoo import api, fields, models


class PropertyFeeContactLog(models.Model):
    """Each reminder call or visit about a unit's arrears (SPEC §10), in the order it happened;
    the desk adds them, nobody changes them afterwards."""

    _name = "property.fee.contact.log"
    _description = "Arrears Call or Visit"
    _inherit = ["property.append.only.mixin", "property.system.fields.mixin"]
    _order = "contacted_at desc, id desc"
    _system_fields = ("user_id",)

    unit_id = fields.Many2one("property.unit", required=True, index=True)
    estate_id = fields.Many2one(related="unit_id.estate_id", store=True, index=True)
    company_id = fields.Many2one(related="unit_id.company_id", store=True)
    partner_id = fields.Many2one("res.partner", string="Payer", required=True)
    kind = fields.Selection(
        [("call", "Phone Call"), ("visit", "Visit"), ("letter", "Notice Delivered")],
        required=True,
        default="call",
    )
    contacted_at = fields.Datetime(required=True, default=fields.Datetime.now)
    user_id = fields.Many2one(
        "res.users", string="By", required=True, default=lambda self: self.env.user
    )
    outcome = fields.Text(required=True, help="What the payer said: a promise to pay, a dispute…")
    promised_date = fields.Date(string="Promised to Pay By")

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not vals.get("partner_id") and vals.get("unit_id"):
                unit = self.env["property.unit"].browse(vals["unit_id"])
                vals["partner_id"] = unit._property_fee_payer().id
        return super().create(vals_list)
