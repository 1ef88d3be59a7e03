from odoo import fields, models

REGISTERS = [
    ("property_service_desk.property_patrol_report_register", "Patrol Record"),
    ("property_service_desk.property_reception_day_report_register", "Reception Day Register"),
    ("property_service_desk.property_customer_forum_report_register", "Customer Forum Record"),
    (
        "property_service_desk.property_archive_duty_report_register",
        "Archive Handover and Check Record",
    ),
]


class PropertyRegisterWizard(models.TransientModel):
    _inherit = "property.register.wizard"

    register = fields.Selection(
        selection_add=REGISTERS,
        ondelete={report: "cascade" for report, _label in REGISTERS},
    )
