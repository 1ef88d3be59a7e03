from odoo import api, fields, models
from odoo.exceptions import UserError

from ...tools.groups import DESK, TECHNICIAN

KINDS = [
    ("routine", "Routine"),
    ("hidden_works", "Before Hidden Works Are Closed"),
]
RESULTS = [("compliant", "Compliant"), ("violation", "Violation")]


class PropertyRenovationInspection(models.Model):
    """An inspection of the works (装修巡查), done on a phone with photos; a violation issues a
    rectification notice."""

    _name = "property.renovation.inspection"
    _description = "Renovation Inspection"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "property.attachment.owner.mixin",
        "property.system.fields.mixin",
    ]
    _order = "scheduled_date desc, id desc"
    _system_fields = ("renovation_id", "state", "done_at", "done_by_id", "notice_id")
    _system_intake_fields = ("renovation_id",)

    renovation_id = fields.Many2one(
        "property.renovation", required=True, index=True, ondelete="restrict"
    )
    estate_id = fields.Many2one(related="renovation_id.estate_id", store=True, index=True)
    company_id = fields.Many2one(related="renovation_id.company_id", store=True, index=True)
    unit_id = fields.Many2one(related="renovation_id.unit_id")
    kind = fields.Selection(KINDS, required=True, default="routine")
    hidden_works = fields.Char(
        help="Which works are about to be closed, e.g. waterproofing test of the bathroom."
    )
    scheduled_date = fields.Date(
        required=True, default=lambda self: self.env["property.estate"]._local_date(), index=True
    )
    inspector_id = fields.Many2one("res.users", domain="[('share', '=', False)]", tracking=True)
    state = fields.Selection(
        [("planned", "Planned"), ("done", "Done"), ("cancelled", "Cancelled")],
        default="planned",
        required=True,
        index=True,
        tracking=True,
    )
    result = fields.Selection(RESULTS)
    findings = fields.Text()
    photo_ids = fields.Many2many(
        "ir.attachment",
        "property_renovation_inspection_photo_rel",
        "inspection_id",
        "attachment_id",
        string="Photos",
    )
    stop_works = fields.Boolean(
        string="Stop the Works", help="The violation is serious: works stop until it is rectified."
    )
    required_action = fields.Text(string="Rectification Required")
    done_at = fields.Datetime(readonly=True, copy=False)
    done_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    notice_id = fields.Many2one(
        "property.renovation.notice", string="Rectification Notice", readonly=True, copy=False
    )

    @api.model_create_multi
    def create(self, vals_list):
        inspections = super().create(vals_list)
        for inspection in inspections:
            if inspection.renovation_id.state not in ("permitted", "completed"):
                raise UserError(
                    self.env._(
                        "Renovation %s is not under works: there is nothing to inspect.",
                        inspection.renovation_id.name,
                    )
                )
            inspection._schedule_to_inspector()
        return inspections

    def _schedule_to_inspector(self):
        user = self.inspector_id or self.renovation_id.inspector_id
        if user:
            self.sudo().activity_schedule(
                "property_service_desk.mail_activity_type_renovation_inspection",
                user_id=user.id,
                date_deadline=self.scheduled_date,
            )

    @api.depends("renovation_id.name", "scheduled_date")
    def _compute_display_name(self):
        for inspection in self:
            inspection.display_name = (
                f"{inspection.renovation_id.name} {inspection.scheduled_date or ''}".strip()
            )

    def _system_frozen(self):
        return self.filtered(lambda i: i.state != "planned")

    def _kept_on_record(self):
        return self.filtered(lambda i: i.state == "done")

    def action_done(self):
        """The inspector records the result on site; a violation issues a rectification notice
        (and may stop the works)."""
        self._check_caller(TECHNICIAN, DESK)
        for inspection in self:
            inspection._check_can_finish()
        now = fields.Datetime.now()
        for inspection in self:
            inspection._write_system({"state": "done", "done_at": now, "done_by_id": self.env.uid})
            if inspection.result == "violation":
                notice = inspection._issue_notice()
                inspection._write_system({"notice_id": notice.id})
            inspection.sudo().activity_ids.action_feedback()
        return True

    def _check_can_finish(self):
        if self.state != "planned":
            raise UserError(self.env._("Inspection %s is already finished.", self.display_name))
        if not self.result:
            raise UserError(
                self.env._("Record whether the works of %s comply.", self.renovation_id.name)
            )
        if self.result == "violation":
            if not (self.findings or "").strip() or not (self.required_action or "").strip():
                raise UserError(
                    self.env._("Describe the violation and the rectification required.")
                )
            if not self.photo_ids:
                raise UserError(self.env._("Take at least one photo of the violation."))

    def _issue_notice(self):
        deadline_days = self.company_id.property_renovation_notice_days
        notice = (
            self.env["property.renovation.notice"]
            .sudo()
            ._as_system()
            .create(
                {
                    "renovation_id": self.renovation_id.id,
                    "inspection_id": self.id,
                    "violation": self.findings,
                    "required_action": self.required_action,
                    "stop_works": self.stop_works,
                    "deadline": fields.Date.add(self.estate_id._local_date(), days=deadline_days),
                    "issued_by_id": self.env.uid,
                }
            )
        )
        return notice

    def _cancel_planned(self):
        self._write_system({"state": "cancelled"})
        self.activity_ids.unlink()
