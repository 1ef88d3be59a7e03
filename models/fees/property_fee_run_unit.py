from odoo import fields, models


class PropertyFeeRunUnit(models.Model):
    """A unit of a billing run, the queue the scheduled job claims a batch at a time."""

    _name = "property.fee.run.unit"
    _description = "Billing Run Unit"
    _inherit = ["property.cron.retry.mixin"]
    _order = "run_id, id"

    run_id = fields.Many2one("property.fee.run", required=True, index=True, ondelete="cascade")
    unit_id = fields.Many2one("property.unit", required=True, ondelete="cascade")
    estate_id = fields.Many2one(related="run_id.estate_id", store=True, index=True)
    company_id = fields.Many2one(related="run_id.company_id", store=True)
    is_billed = fields.Boolean(string="Billed", readonly=True, index=True)

    _sql_constraints = [
        ("run_unit_uniq", "unique(run_id, unit_id)", "A unit is billed once per run."),
    ]
