from odoo import api, fields, models


class PropertyParcelPickupWizard(models.TransientModel):
    """Hand items over to the person who collects them, against a signature (on a phone too)."""

    _name = "property.parcel.pickup.wizard"
    _description = "Hand Over Parcels"

    parcel_ids = fields.Many2many("property.parcel", string="Items", required=True)
    collector_partner_id = fields.Many2one(
        "res.partner",
        string="Collector Contact",
        compute="_compute_collector_partner_id",
        store=True,
        readonly=False,
        precompute=True,
        help="When the collector is a known customer; may differ from the recipient.",
    )
    collector_name = fields.Char(
        string="Collected By",
        compute="_compute_collector_name",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
    )
    picked_up_at = fields.Datetime(
        string="Collected At", required=True, default=fields.Datetime.now
    )
    handed_over_by_id = fields.Many2one(
        "res.users",
        required=True,
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
    )
    signature = fields.Binary(string="Collector's Signature")

    @api.depends("parcel_ids")
    def _compute_collector_partner_id(self):
        for wizard in self:
            recipients = wizard.parcel_ids.partner_id
            wizard.collector_partner_id = recipients if len(recipients) == 1 else False

    @api.depends("collector_partner_id")
    def _compute_collector_name(self):
        for wizard in self:
            if wizard.collector_partner_id:
                wizard.collector_name = wizard.collector_partner_id.name

    def action_confirm(self):
        self.ensure_one()
        self.parcel_ids._record_pickup(
            self.collector_name,
            self.signature,
            picked_up_at=self.picked_up_at,
            handed_over_by=self.handed_over_by_id,
            collector_partner=self.collector_partner_id,
        )
        return {"type": "ir.actions.act_window_close"}
