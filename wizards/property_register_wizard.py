from odoo import fields, models
from odoo.exceptions import UserError

from ..models.mechanisms.property_system_fields_mixin import check_caller
from ..tools.groups import STAFF
from ..tools.request_selections import REQUEST_KINDS, SEVERITIES

# Register report -> extra filter on its records (kinds it covers).
REGISTER_KINDS = {
    "property_service_desk.helpdesk_ticket_report_complaint_register": ("complaint",),
    "property_service_desk.helpdesk_ticket_report_owner_record": ("complaint", "suggestion"),
}


class PropertyRegisterWizard(models.TransientModel):
    """Print an official register for estates and a period (SPEC §6)."""

    _name = "property.register.wizard"
    _description = "Print a Register"

    register = fields.Selection(
        [
            (
                "property_service_desk.helpdesk_ticket_report_call_visit_register",
                "Call and Visit Register",
            ),
            (
                "property_service_desk.helpdesk_ticket_report_request_register",
                "Request and Complaint Register",
            ),
            (
                "property_service_desk.helpdesk_ticket_report_complaint_register",
                "Complaint Register",
            ),
            (
                "property_service_desk.helpdesk_ticket_report_owner_record",
                "Owner Complaint and Suggestion Record",
            ),
            ("property_service_desk.property_callback_report_register", "Callback Record"),
            ("property_service_desk.property_parcel_report_register", "Parcel and Mail Register"),
            ("property_service_desk.report_business_monthly_action", "Monthly Business Report"),
            (
                "property_service_desk.report_business_weekly_action",
                "Weekly Statistics and Summary",
            ),
            ("property_service_desk.property_lending_report_register", "Lending Register"),
            (
                "property_service_desk.property_convenience_service_report_register",
                "Business Centre Register",
            ),
            (
                "property_service_desk.property_vacant_inspection_report_record",
                "Vacant Unit Inspection Record",
            ),
            (
                "property_service_desk.property_evaluation_campaign_report_summary",
                "Quarterly Customer Evaluation Summary",
            ),
            ("property_service_desk.property_estate_report_fee_arrears", "Arrears Detail"),
            ("property_service_desk.property_fee_reminder_report", "Arrears Reminder Notices"),
            ("property_service_desk.property_fee_daily_close_report", "Cashier's Daily Report"),
        ],
        required=True,
        default="property_service_desk.helpdesk_ticket_report_request_register",
    )
    estate_ids = fields.Many2many(
        "property.estate",
        string="Estates",
        default=lambda self: self._default_estates(),
        help="By default the estates you work for.",
    )
    date_from = fields.Date(
        required=True,
        default=lambda self: self.env["property.estate"]._local_date().replace(day=1),
    )
    date_to = fields.Date(
        required=True, default=lambda self: self.env["property.estate"]._local_date()
    )
    request_kind = fields.Selection(REQUEST_KINDS, string="Kind")
    complaint_severity = fields.Selection(SEVERITIES, string="Severity")

    def _default_estates(self):
        return self.env["property.estate"].search([("member_ids", "in", self.env.uid)])

    def action_print(self):
        self.ensure_one()
        check_caller(self, STAFF)
        if not self.estate_ids:
            # Not `required` on the field: the print window would mark it red without a word.
            raise UserError(self.env._("Choose the estates to print the register for."))
        if self.date_to < self.date_from:
            raise UserError(self.env._("The period ends before it starts."))
        report = self.env.ref(self.register)
        data = {
            "register_estates": "、".join(self.estate_ids.mapped("name")),
            "register_period": f"{self.date_from} ~ {self.date_to}",
            "register_zone": self.estate_ids[:1]._local_zone_label(),
            "estate_ids": self.estate_ids.ids,
            "month": fields.Date.to_string(self.date_from),
        }
        if report.model == "property.estate":
            return report.report_action(self.estate_ids, data=data, config=False)
        records = self.env[report.model].search(self._domain(report))
        if not records:
            raise UserError(self.env._("Nothing to print for these estates and this period."))
        return report.report_action(records, data=data, config=False)

    def _domain(self, report):
        Model = self.env[report.model]
        date_field = Model._register_date_field
        kind_field = "request_kind"
        if Model._fields[date_field].type == "datetime":
            # The days of the register are the estate's days, not UTC's.
            domain = self.estate_ids._local_period_domain(date_field, self.date_from, self.date_to)
        else:
            domain = [
                ("estate_id", "in", self.estate_ids.ids),
                (date_field, ">=", self.date_from),
                (date_field, "<=", self.date_to),
            ]
        if kinds := REGISTER_KINDS.get(self.register):
            domain.append((kind_field, "in", kinds))
        if self.request_kind and kind_field in Model._fields:
            domain.append((kind_field, "=", self.request_kind))
        if self.complaint_severity and "complaint_severity" in Model._fields:
            domain.append(("complaint_severity", "=", self.complaint_severity))
        return domain
