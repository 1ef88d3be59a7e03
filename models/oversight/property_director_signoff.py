from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ...tools.groups import _G, PROJECT_MANAGER

ABOVE_PROJECT_MANAGER = _G + "operations_manager"


class PropertyDirectorSignoff(models.Model):
    """The estate director's (管理处主任, the project manager) opinion and signature on a
    complaint handling sheet (投诉处理单) or on a monthly business report (业务处理报告).

    Once signed it is frozen, goes to the department heads concerned (an activity each) and
    the signed print is archived as a PDF attached to the record (SPEC §3, §8).
    """

    _name = "property.director.signoff"
    _description = "Director's Sign-off"
    _inherit = ["mail.thread", "mail.activity.mixin", "property.system.fields.mixin"]
    _order = "id desc"

    _system_fields = ("state", "signed_by_id", "signed_at", "signed_on", "attachment_id")

    kind = fields.Selection(
        [("complaint_sheet", "Complaint Handling Sheet"), ("business_report", "Business Report")],
        required=True,
        default="complaint_sheet",
    )
    ticket_id = fields.Many2one(
        "helpdesk.ticket",
        string="Complaint",
        index="btree_not_null",
        ondelete="restrict",
        domain=[("request_kind", "=", "complaint")],
    )
    estate_id = fields.Many2one(
        "property.estate",
        required=True,
        index=True,
        compute="_compute_estate_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    company_id = fields.Many2one(related="estate_id.company_id", store=True)
    month = fields.Date(help="Any day of the month the business report covers.")
    opinion = fields.Text(string="Director's Opinion")
    state = fields.Selection(
        [("draft", "To Sign"), ("signed", "Signed")], default="draft", required=True, readonly=True
    )
    signed_by_id = fields.Many2one("res.users", readonly=True)
    signed_at = fields.Datetime(readonly=True)
    signed_on = fields.Date(readonly=True, help="In the estate's days.")
    attachment_id = fields.Many2one("ir.attachment", string="Signed PDF", readonly=True)

    _sql_constraints = [
        ("ticket_uniq", "unique(ticket_id)", "A complaint has one director's sign-off."),
        (
            "month_uniq",
            "unique(kind, estate_id, month)",
            "An estate's business report of a month has one director's sign-off.",
        ),
    ]

    @api.depends("ticket_id")
    def _compute_estate_id(self):
        for signoff in self.filtered("ticket_id"):
            signoff.estate_id = signoff.ticket_id.estate_id

    @api.depends("kind", "ticket_id", "estate_id", "month")
    def _compute_display_name(self):
        for signoff in self:
            what = signoff.ticket_id.number or (
                signoff.month and signoff.month.strftime("%Y-%m") or ""
            )
            signoff.display_name = f"{signoff.estate_id.name or ''} {what}".strip()

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("month"):  # one sign-off per month: kept as its first day
                vals["month"] = fields.Date.to_date(vals["month"]).replace(day=1)
        signoffs = super().create(vals_list)
        signoffs._check_subject()
        return signoffs

    def _check_subject(self):
        for signoff in self:
            if signoff.kind == "complaint_sheet" and signoff.ticket_id.request_kind != "complaint":
                raise UserError(self.env._("A complaint handling sheet is signed on a complaint."))
            if signoff.kind == "business_report" and not signoff.month:
                raise UserError(self.env._("Choose the month of the business report to sign."))

    def _system_frozen(self):
        return self.filtered(lambda s: s.state == "signed")

    def _kept_on_record(self):
        return self._system_frozen()

    # Signing -------------------------------------------------------------------------------

    def action_sign(self):
        """The estate's project manager (or a manager above) signs: frozen, archived as a
        signed PDF, and sent to the department heads concerned."""
        self._check_caller(PROJECT_MANAGER)
        for signoff in self:
            signoff._check_signer()
            if signoff.state == "signed":
                raise UserError(self.env._("%s is already signed.", signoff.display_name))
            if not (signoff.opinion or "").strip():
                raise UserError(self.env._("Write the director's opinion before signing."))
            now = fields.Datetime.now()
            signoff._write_system(
                {
                    "state": "signed",
                    "signed_by_id": self.env.user.id,
                    "signed_at": now,
                    "signed_on": signoff.estate_id._local_date(now),
                }
            )
            signoff._write_system({"attachment_id": signoff._archive_pdf().id})
            signoff._notify_department_heads()
        return True

    def _check_signer(self):
        user = self.env.user
        if (
            not self.env.su
            and user != self.estate_id.project_manager_id
            and not user.has_group(ABOVE_PROJECT_MANAGER)
        ):
            raise AccessError(
                self.env._(
                    "Only the project manager of estate %s (or a manager above) signs it.",
                    self.estate_id.name,
                )
            )

    def _archive_pdf(self):
        """The signed print, attached to the complaint (or to this sign-off for a report)."""
        if self.kind == "complaint_sheet":
            xmlid, ids, data = "helpdesk_ticket_report_complaint_sheet", self.ticket_id.ids, None
            record, title = self.ticket_id, self.env._("Complaint handling sheet")
        else:
            xmlid, ids = "report_business_monthly_action", self.estate_id.ids
            data = {"estate_ids": ids, "month": fields.Date.to_string(self.month)}
            record, title = self, self.env._("Business report")
        report = self.env.ref(f"property_service_desk.{xmlid}")
        content, _kind = report._render_qweb_pdf(report.report_name, ids, data=data)
        return (
            self.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": f"{title} - {self.display_name} - signed.pdf",
                    "raw": content,
                    "res_model": record._name,
                    "res_id": record.id,
                    "mimetype": "application/pdf",
                }
            )
        )

    def _department_heads(self):
        """Who receives the signed paper: the estate's business managers (the customer service
        side) always; the engineering lead for the business report and for a complaint about
        repairs (housing quality, or one with work orders or a warranty repair). Never the
        signer."""
        estate = self.estate_id
        heads = estate.business_manager_ids
        ticket = self.ticket_id
        if self.kind == "business_report" or (
            ticket.cause_class == "class_2" or ticket.work_order_ids or ticket.warranty_repair_ids
        ):
            heads |= estate.engineering_lead_id
        return heads.filtered("active") - self.signed_by_id

    def _notify_department_heads(self):
        deadline = self.signed_on
        for head in self._department_heads():
            self.activity_schedule(
                "property_service_desk.mail_activity_type_director_signoff",
                date_deadline=deadline,
                user_id=head.id,
                summary=self.env._("Signed by the director: %s", self.display_name),
                note=self.opinion,
            )
