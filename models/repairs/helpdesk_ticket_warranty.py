from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import html2plaintext

from ...tools.groups import DESK

# Kept by the warranty repair path only (see property.unit._create_warranty_repair_request).
WARRANTY_SYSTEM_FIELDS = ("is_warranty_repair", "warranty_complaint_id")


class PropertyRequestWarranty(models.AbstractModel):
    """Class 2 complaints (housing quality) go through the warranty repair path (SPEC §3):
    a free repair request with its work order, and a work contact sheet (工作联系单) to the
    estate's warranty office (保修办)."""

    _name = "property.request.warranty"
    _description = "Request Concern: Warranty Repair"

    is_warranty_repair = fields.Boolean(
        string="Warranty Repair",
        readonly=True,
        copy=False,
        help="A free repair under the developer's warranty (保修), opened from a housing-quality "
        "complaint or a defect found at move-in.",
    )
    warranty_complaint_id = fields.Many2one(
        "helpdesk.ticket",
        string="From Complaint",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )
    warranty_repair_ids = fields.One2many(
        "helpdesk.ticket", "warranty_complaint_id", string="Warranty Repairs"
    )

    def action_start_warranty_repair(self):
        """A class 2 complaint: open its free warranty repair (once) and send the work contact
        sheet to the warranty office; returns the repair request."""
        self.ensure_one()
        self._check_caller(DESK)
        if self.request_kind != "complaint" or self.cause_class != "class_2":
            raise UserError(
                self.env._(
                    "Only a class 2 complaint (housing quality) goes through the warranty repair."
                )
            )
        if not self.unit_id:
            raise UserError(
                self.env._(
                    "Choose the unit of complaint %s: the repair is made there.", self.number
                )
            )
        office = self.estate_id.warranty_office_partner_id
        if not office:
            raise UserError(
                self.env._(
                    "Set the warranty office (保修办) of estate %s to send it the work contact "
                    "sheet.",
                    self.estate_id.name,
                )
            )
        repair = self.warranty_repair_ids[:1]
        if not repair:
            repair = self.unit_id._create_warranty_repair_request(
                html2plaintext(self.description or "") or self.name,
                name=self.env._("Warranty repair: %s", self.name),
                partner=self.partner_id,
                source=self,
            )
            repair._send_warranty_contact_sheet(office)
        return {
            "type": "ir.actions.act_window",
            "res_model": "helpdesk.ticket",
            "res_id": repair.id,
            "view_mode": "form",
        }

    def _send_warranty_contact_sheet(self, office):
        """The work contact sheet, printed and sent to the warranty office on the request."""
        self.ensure_one()
        report = self.env.ref("property_service_desk.helpdesk_ticket_report_work_contact_sheet")
        content, _kind = report._render_qweb_pdf(report.report_name, self.ids)
        self.message_post(
            body=self.env._(
                "Work contact sheet sent to %(office)s: please repair under warranty (%(unit)s).",
                office=office.display_name,
                unit=self.unit_id.display_name,
            ),
            partner_ids=office.ids,
            attachments=[(f"{self.number}-contact-sheet.pdf", content)],
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )

    @api.constrains("stage_id")
    def _check_class_2_warranty_repair(self):
        for ticket in self:
            if (
                ticket.closed
                and ticket.request_kind == "complaint"
                and ticket.cause_class == "class_2"
                and not ticket.is_declined
                and ticket.complaint_severity != "invalid"
                and not ticket.warranty_repair_ids
            ):
                raise ValidationError(
                    self.env._(
                        "Class 2 complaint %s (housing quality) cannot be closed before its "
                        "warranty repair is opened.",
                        ticket.number,
                    )
                )
