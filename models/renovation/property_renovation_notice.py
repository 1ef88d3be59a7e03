from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ...tools.groups import DESK, TECHNICIAN
from ...tools.row_claims import ClaimedRows, lock_rows
from ...tools.unit_life import estate_joins, local_date_sql


class PropertyRenovationNotice(models.Model):
    """A rectification notice (整改通知单): what to put right, by when; followed up like a
    promise, and it may stop the works until it is rectified."""

    _name = "property.renovation.notice"
    _description = "Rectification Notice"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "property.system.fields.mixin",
        "property.cron.retry.mixin",
    ]
    _order = "deadline, id"
    _system_sequence_field = "name"
    _system_fields = (
        "name",
        "renovation_id",
        "inspection_id",
        "issued_at",
        "issued_by_id",
        "deadline",
        "stop_works",
        "state",
        "rectified_at",
        "verified_by_id",
        "is_overdue",
        "overdue_at",
    )

    name = fields.Char(
        string="Number", required=True, readonly=True, copy=False, default="/", index="trigram"
    )
    renovation_id = fields.Many2one(
        "property.renovation", required=True, index=True, ondelete="restrict", readonly=True
    )
    inspection_id = fields.Many2one("property.renovation.inspection", readonly=True)
    estate_id = fields.Many2one(related="renovation_id.estate_id", store=True, index=True)
    company_id = fields.Many2one(related="renovation_id.company_id", store=True, index=True)
    unit_id = fields.Many2one(related="renovation_id.unit_id")
    partner_id = fields.Many2one(related="renovation_id.partner_id")
    issued_at = fields.Datetime(readonly=True, default=fields.Datetime.now)
    issued_by_id = fields.Many2one("res.users", readonly=True)
    violation = fields.Text(required=True)
    required_action = fields.Text(string="Rectification Required", required=True)
    deadline = fields.Date(required=True, readonly=True, index=True, tracking=True)
    stop_works = fields.Boolean(readonly=True)
    state = fields.Selection(
        [("open", "To Rectify"), ("rectified", "Rectified")],
        default="open",
        required=True,
        index=True,
        tracking=True,
    )
    rectified_at = fields.Datetime(readonly=True, copy=False)
    verified_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    is_overdue = fields.Boolean(string="Overdue", readonly=True, copy=False, index=True)
    overdue_at = fields.Datetime(readonly=True, copy=False)

    @api.model_create_multi
    def create(self, vals_list):
        self._assign_number(vals_list, "property.renovation.notice")
        notices = super().create(vals_list)
        for notice in notices:
            notice._on_issue()
        return notices

    def _on_issue(self):
        renovation = self.renovation_id.sudo()
        if self.stop_works:
            renovation._stop_works(self)
        renovation.message_post(
            body=self.env._(
                "Rectification notice %(name)s: %(action)s, by %(deadline)s.",
                name=self.name,
                action=self.required_action,
                deadline=self.deadline,
            ),
            partner_ids=renovation.partner_id.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        follower = self.issued_by_id or renovation.inspector_id
        if follower:
            self.sudo().activity_schedule(
                "property_service_desk.mail_activity_type_renovation_rectification",
                user_id=follower.id,
                date_deadline=self.deadline,
            )

    def _system_frozen(self):
        return self.filtered(lambda n: n.state == "rectified")

    def _kept_on_record(self):
        return self

    def action_verify_rectified(self):
        """Checked on site: the violation is put right; stopped works may resume."""
        self._check_caller(TECHNICIAN, DESK)
        lock_rows(self)
        if done := self.filtered(lambda n: n.state != "open"):
            raise UserError(self.env._("%s is already rectified.", ", ".join(done.mapped("name"))))
        self._write_system(
            {
                "state": "rectified",
                "rectified_at": fields.Datetime.now(),
                "verified_by_id": self.env.uid,
            }
        )
        self.sudo().activity_ids.action_feedback()
        self.renovation_id.sudo()._resume_works_if_clear()
        return True

    def action_print(self):
        self._check_caller(TECHNICIAN, DESK, access="read")
        return self.env.ref(
            "property_service_desk.property_renovation_report_notice"
        ).report_action(self)

    @api.model
    def _cron_flag_overdue(self, now=None, batch_size=100):
        """A notice past its deadline is overdue whenever the job runs: flagged, and its
        follower and the renovation told; claimed rows, so never flagged twice."""
        now = now or fields.Datetime.now()
        queue = ClaimedRows(
            self,
            SQL(
                "n.state = 'open' AND n.deadline < %s AND NOT COALESCE(n.is_overdue, FALSE)",
                local_date_sql(now),
            ),
            what="Rectification notices overdue",
            now=now,
            alias="n",
            joins=estate_joins(SQL("n.estate_id")),
        )
        return queue.run(lambda notice: notice._flag_overdue(now), batch_size)

    def _flag_overdue(self, now):
        self.sudo()._write_system({"is_overdue": True, "overdue_at": now})
        responsible = self.issued_by_id or self.renovation_id.inspector_id
        self.sudo().activity_schedule(
            "property_service_desk.mail_activity_type_renovation_notice_overdue",
            user_id=responsible.id or self.env.uid,
            date_deadline=self.estate_id._local_date(now),
            note=self.env._(
                "Rectification notice %(name)s was due on %(deadline)s and is not rectified.",
                name=self.name,
                deadline=self.deadline,
            ),
        )
        self.renovation_id.sudo().message_post(
            body=self.env._("Rectification notice %s is overdue.", self.name)
        )

    def _cron_failure_thread(self):
        return self.renovation_id
