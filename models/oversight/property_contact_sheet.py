from odoo import api, fields, models
from odoo.exceptions import UserError

from ...tools.groups import DESK

DEPARTMENTS = [
    ("engineering", "Engineering"),
    ("operations", "Operations"),
    ("security", "Security"),
    ("environment", "Environment"),
    ("warranty", "Warranty Office"),
    ("other", "Other"),
]
REPLY_ACTIVITY = "property_service_desk.mail_activity_type_contact_sheet_reply"


class PropertyContactSheet(models.Model):
    """A work contact sheet (工作联系单): the desk issues a request to a department with a time
    to reply by; the reply (who, when, what) is recorded and a late one is flagged. The desk
    keeps the original, the department the copy (作业指导书 4.2.3, 4.2.4, 4.2.8; SPEC §8)."""

    _name = "property.contact.sheet"
    _description = "Work Contact Sheet"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "property.system.fields.mixin",
        "property.register.mixin",
    ]
    _order = "due_at desc, id desc"
    _register_date_field = "issued_at"
    _system_fields = (
        "state",
        "issued_by_id",
        "issued_at",
        "replied_by_id",
        "replied_at",
        "replied_late",
    )

    ticket_id = fields.Many2one(
        "helpdesk.ticket", string="Request", required=True, index=True, ondelete="restrict"
    )
    estate_id = fields.Many2one(related="ticket_id.estate_id", store=True)
    company_id = fields.Many2one(related="ticket_id.company_id", store=True)
    department = fields.Selection(DEPARTMENTS, required=True, default="engineering")
    department_user_id = fields.Many2one(
        "res.users",
        string="Department Head",
        compute="_compute_department_user_id",
        store=True,
        readonly=False,
        help="Gets a to-do to reply by the due time.",
    )
    content = fields.Text(required=True)
    due_at = fields.Datetime(string="Reply By", required=True)
    state = fields.Selection(
        [("issued", "Awaiting Reply"), ("replied", "Replied")],
        default="issued",
        required=True,
        readonly=True,
        tracking=True,
    )
    issued_by_id = fields.Many2one("res.users", readonly=True)
    issued_at = fields.Datetime(readonly=True)
    reply = fields.Text()
    replied_by_id = fields.Many2one("res.users", readonly=True)
    replied_at = fields.Datetime(readonly=True)
    replied_late = fields.Boolean(readonly=True, help="Replied after the time to reply by.")
    is_overdue = fields.Boolean(
        string="Reply Overdue",
        compute="_compute_is_overdue",
        search="_search_is_overdue",
        help="Not replied by the time to reply by, or replied late.",
    )

    @api.depends("department", "ticket_id")
    def _compute_department_user_id(self):
        for sheet in self:
            if sheet.department == "engineering":
                sheet.department_user_id = sheet.ticket_id.estate_id.engineering_lead_id

    @api.depends("state", "due_at", "replied_late")
    def _compute_is_overdue(self):
        now = fields.Datetime.now()
        for sheet in self:
            sheet.is_overdue = sheet.replied_late or (
                sheet.state == "issued" and bool(sheet.due_at) and sheet.due_at < now
            )

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Filter overdue replies with = True or = False."))
        overdue = [
            "|",
            ("replied_late", "=", True),
            "&",
            ("state", "=", "issued"),
            ("due_at", "<", fields.Datetime.now()),
        ]
        return overdue if (operator == "=") == value else ["!", *overdue]

    @api.depends("ticket_id", "department")
    def _compute_display_name(self):
        labels = dict(self._fields["department"]._description_selection(self.env))
        for sheet in self:
            sheet.display_name = (
                f"{sheet.ticket_id.number or ''} → {labels.get(sheet.department, '')}"
            )

    @api.model_create_multi
    def create(self, vals_list):
        sheets = super().create(vals_list)
        now = fields.Datetime.now()
        for sheet in sheets:
            if sheet.due_at <= now:
                raise UserError(self.env._("The time to reply by must be later than now."))
            sheet._write_system({"issued_by_id": self.env.user.id, "issued_at": now})
            if sheet.department_user_id:
                sheet.activity_schedule(
                    REPLY_ACTIVITY,
                    date_deadline=sheet.estate_id._local_date(sheet.due_at),
                    user_id=sheet.department_user_id.id,
                    summary=self.env._("Reply to work contact sheet %s", sheet.display_name),
                    note=sheet.content,
                )
        return sheets

    def _system_frozen(self):
        return self.filtered(lambda s: s.state == "replied")

    def _kept_on_record(self):
        return self

    def action_record_reply(self):
        """Record the department's reply: by whom and when are the system's."""
        self._check_caller(DESK)
        now = fields.Datetime.now()
        for sheet in self:
            if sheet.state != "issued":
                raise UserError(self.env._("%s is already replied.", sheet.display_name))
            if not (sheet.reply or "").strip():
                raise UserError(self.env._("Write the department's reply first."))
            sheet._write_system(
                {
                    "state": "replied",
                    "replied_by_id": self.env.user.id,
                    "replied_at": now,
                    "replied_late": now > sheet.due_at,
                }
            )
            sheet.activity_ids.filtered(
                lambda a: a.activity_type_id == self.env.ref(REPLY_ACTIVITY)
            ).sudo().action_feedback(feedback=sheet.reply)
        return True
