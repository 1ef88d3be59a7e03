from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .property_meter import month_start

RUN_STATES = [("draft", "Draft"), ("running", "Running"), ("done", "Done")]


class PropertyFeeRun(models.Model):
    """A billing run of an estate and period (批量出账): the scheduled job bills its units a batch at
    a time; a run that stops halfway goes on where it stopped, and never bills twice."""

    _name = "property.fee.run"
    _description = "Billing Run"
    _inherit = ["mail.thread", "property.system.fields.mixin"]
    _order = "period_start desc, estate_id"
    _check_company_auto = True
    _system_fields = (
        "state",
        "unit_count",
        "done_count",
        "bill_count",
        "amount_total",
        "started_at",
        "done_at",
    )

    name = fields.Char(compute="_compute_name", store=True)
    estate_id = fields.Many2one(
        "property.estate", required=True, index=True, ondelete="restrict", check_company=True
    )
    company_id = fields.Many2one(related="estate_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    period_start = fields.Date(
        string="Period",
        required=True,
        help="The first day of the month billed, on the estate's calendar.",
    )
    state = fields.Selection(
        RUN_STATES, default="draft", required=True, readonly=True, tracking=True
    )
    unit_count = fields.Integer(string="Units to Bill", readonly=True)
    done_count = fields.Integer(string="Units Billed", readonly=True)
    bill_count = fields.Integer(string="Bills Made", readonly=True)
    amount_total = fields.Monetary(string="Amount Billed", readonly=True)
    started_at = fields.Datetime(readonly=True)
    done_at = fields.Datetime(readonly=True)
    queue_ids = fields.One2many("property.fee.run.unit", "run_id", string="Units")
    move_ids = fields.One2many("account.move", "property_fee_run_id", string="Bills")

    _sql_constraints = [
        (
            "estate_period_uniq",
            "unique(estate_id, period_start)",
            "This estate already has a billing run for this period.",
        ),
    ]

    @api.depends("estate_id.name", "period_start")
    def _compute_name(self):
        for run in self:
            run.name = f"{run.estate_id.name or ''} {run.period_start or ''}".strip()

    @api.constrains("period_start")
    def _check_period_start(self):
        for run in self:
            if run.period_start.day != 1:
                raise ValidationError(self.env._("A billing period starts on a month's first day."))

    def _period_end(self):
        return self.period_start + relativedelta(months=1, days=-1)

    @api.model
    def _default_period(self, estate):
        return month_start(estate._local_date())
