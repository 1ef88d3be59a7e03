import logging

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.service.model import PG_CONCURRENCY_EXCEPTIONS_TO_RETRY
from odoo.tools import SQL

from ...tools.groups import ACCOUNTANT
from ...tools.row_claims import ClaimedRows
from ..mechanisms.property_system_fields_mixin import check_caller
from .property_meter import month_start

_logger = logging.getLogger(__name__)

RUN_STATES = [("draft", "Draft"), ("running", "Running"), ("done", "Done")]


class PropertyFeeRun(models.Model):
    """A billing run of an estate and period (批量出账): the scheduled job bills its units a
    batch at a time; a run that stops halfway goes on where it stopped, and never bills twice."""

    _name = "property.fee.run"
    _description = "Billing Run"
    _inherit = ["mail.thread", "property.system.fields.mixin"]
    _order = "period_start desc, estate_id"
    _check_company_auto = True
    _system_fields = ("state", "started_at", "done_at")

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
    # Progress, counted from the queue and the bills (several workers bill one run at once, so
    # no counter is kept on the run's row).
    unit_count = fields.Integer(string="Units to Bill", compute="_compute_progress")
    done_count = fields.Integer(string="Units Billed", compute="_compute_progress")
    bill_count = fields.Integer(string="Bills Made", compute="_compute_progress")
    amount_total = fields.Monetary(string="Amount Billed", compute="_compute_progress")
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

    def _compute_progress(self):
        queue = self.env["property.fee.run.unit"].sudo()
        moves = self.env["account.move"].sudo()
        for run in self:
            counts = dict(queue._read_group([("run_id", "=", run.id)], ["is_billed"], ["__count"]))
            run.unit_count = sum(counts.values())
            run.done_count = counts.get(True, 0)
            [(bills, amount)] = moves._read_group(
                [("property_fee_run_id", "=", run.id), ("state", "=", "posted")],
                aggregates=["__count", "amount_total_signed:sum"],
            )
            run.bill_count, run.amount_total = bills, amount or 0.0

    def _period_end(self):
        return self.period_start + relativedelta(months=1, days=-1)

    @api.model
    def _default_period(self, estate):
        return month_start(estate._local_date())

    def action_start(self):
        """Queue the units that have a charge item due in the period, and let the scheduled job
        bill them. Starting a run again bills what is missing (a unit, item and period is
        billed once)."""
        check_caller(self, ACCOUNTANT)
        for run in self:
            run._queue_units()
            run._write_system(
                {"state": "running", "started_at": fields.Datetime.now(), "done_at": False}
            )
            run.message_post(body=self.env._("Billing started."))
        self.env.ref("property_service_desk.ir_cron_property_fee_bill").sudo()._trigger()

    def _queue_units(self):
        self.ensure_one()
        due_items = (
            self.env["property.fee.item"]
            .search([("estate_id", "=", self.estate_id.id)])
            .filtered(lambda item: item._due_in(self.period_start))
        )
        if not due_items:
            return
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO property_fee_run_unit
                       (run_id, unit_id, estate_id, company_id, is_billed, cron_failure_count,
                        create_uid, create_date, write_uid, write_date)
                SELECT DISTINCT %(run)s, ui.unit_id, %(estate)s, %(company)s, false, 0,
                       %(uid)s, now() at time zone 'UTC', %(uid)s, now() at time zone 'UTC'
                  FROM property_fee_unit_item ui
                  JOIN property_unit u ON u.id = ui.unit_id AND u.active
                 WHERE ui.active AND ui.item_id IN %(items)s
                   AND ui.date_start <= %(end)s
                   AND (ui.date_end IS NULL OR ui.date_end >= %(start)s)
                ON CONFLICT (run_id, unit_id) DO UPDATE SET is_billed = false
                """,
                run=self.id,
                estate=self.estate_id.id,
                company=self.company_id.id,
                uid=self.env.uid,
                items=tuple(due_items.ids),
                start=self.period_start,
                end=self._period_end(),
            )
        )
        self.env["property.fee.run.unit"].invalidate_model()

    @api.model
    def _cron_bill(self, batch_size=200):
        """Bill the queued units of the running runs, a claimed batch at a time: two workers
        never take the same unit, and a batch that dies is billed again, never twice (the bills
        and the unit's mark are committed together)."""
        queue = ClaimedRows(
            self.env["property.fee.run.unit"].sudo(),
            SQL("NOT q.is_billed AND r.state = 'running'"),
            joins=SQL("JOIN property_fee_run r ON r.id = q.run_id"),
            alias="q",
            what="Billing runs",
            by_id=True,
        )
        done = queue.run(
            lambda row: row._bill(), batch_size, process_batch=lambda rows: rows._bill()
        )
        self.sudo().search([("state", "=", "running")])._finish_if_billed()
        return done

    def _finish_if_billed(self):
        """Mark done the runs whose units are all billed. Several workers end a run at the same
        time: the one that gets its row marks it, the others leave it (not an error)."""
        queue = self.env["property.fee.run.unit"]
        cr = self.env.cr
        for run in self:
            if queue.search_count([("run_id", "=", run.id), ("is_billed", "=", False)]):
                continue
            try:
                with cr.savepoint():
                    cr.execute(
                        "SELECT id FROM property_fee_run WHERE id = %s AND state = 'running' "
                        "FOR NO KEY UPDATE NOWAIT",
                        [run.id],
                        log_exceptions=False,
                    )
                    if cr.fetchone():
                        run._write_system({"state": "done", "done_at": fields.Datetime.now()})
            except PG_CONCURRENCY_EXCEPTIONS_TO_RETRY:
                _logger.info("Billing run %s is being finished by another worker.", run.id)
