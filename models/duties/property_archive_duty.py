from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ...tools.groups import DESK, PROJECT_MANAGER
from ...tools.row_claims import ClaimedRows
from ...tools.unit_life import estate_today_sql

KINDS = [("handover", "Monthly Equipment-Archive Handover"), ("check", "Quarterly Archive Check")]


class PropertyArchiveDuty(models.Model):
    """The archives of an estate (SPEC §8): engineering hands the list of last month's
    equipment and facility records to the service centre's archivist by the 5th of each
    month (signed for by the archivist), and the director checks the archive work each quarter
    (before the quarter ends). Opened by the scheduled job on the estate's clock, with an
    activity to whoever owes it; flagged late once past its day."""

    _name = "property.archive.duty"
    _description = "Archive Handover or Check"
    _inherit = ["property.oversight.duty.mixin", "property.cron.retry.mixin"]
    _order = "period desc, estate_id, kind"
    _register_date_field = "period"
    _system_fields = (
        "name",
        "state",
        "kind",
        "period",
        "due_date",
        "is_late",
        "done_at",
        "done_by_id",
    )
    _duty_done_group = DESK

    kind = fields.Selection(KINDS, required=True, readonly=True)
    period = fields.Date(
        required=True, readonly=True, help="First day of the month or quarter it is for."
    )
    due_date = fields.Date(required=True, readonly=True)
    user_id = fields.Many2one(
        "res.users", string="Owed by", help="Engineering (handover) or the director (check)."
    )
    records_handed = fields.Text(
        string="Records Handed Over",
        help="The list of last month's equipment and facility records.",
    )
    findings = fields.Text(help="What the director found in the archive work.")
    is_late = fields.Boolean(string="Late", readonly=True, copy=False)

    _sql_constraints = [
        (
            "estate_kind_period_uniq",
            "unique(estate_id, kind, period)",
            "This estate's archive duty is already open for the period.",
        )
    ]

    @api.depends("kind", "period")
    def _compute_display_name(self):
        labels = dict(self._fields["kind"]._description_selection(self.env))
        for duty in self:
            duty.display_name = f"{duty.name} {labels.get(duty.kind, '')}".strip()

    def action_done(self):
        """Handover signed for by the service centre; a check recorded by the director."""
        if self.filtered(lambda duty: duty.kind == "check"):
            self._check_caller(PROJECT_MANAGER)
        return super().action_done()

    def _check_done(self):
        text = self.records_handed if self.kind == "handover" else self.findings
        if not (text or "").strip():
            raise UserError(
                self.env._("List the records handed over.")
                if self.kind == "handover"
                else self.env._("Write the findings of the archive check.")
            )

    def _done_values(self):
        return {"is_late": self.is_late or self.estate_id._local_date() > self.due_date}

    @api.model
    def _cron_flag_late(self, now=None, batch_size=100):
        """Flag each open duty past its day, on its estate's clock, once."""
        now = now or fields.Datetime.now()
        queue = ClaimedRows(
            self,
            SQL(
                "d.state = 'planned' AND NOT COALESCE(d.is_late, FALSE) AND d.due_date < %s",
                estate_today_sql(SQL("d.estate_id"), now),
            ),
            what="Late archive duties",
            now=now,
            alias="d",
        )
        return queue.run(lambda duty: duty._flag_late(), batch_size)

    def _flag_late(self):
        self._write_system({"is_late": True})
        self.message_post(body=self.env._("Not done by %s: late.", self.due_date))
