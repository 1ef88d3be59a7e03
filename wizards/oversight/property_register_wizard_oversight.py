from odoo import fields, models


class PropertyRegisterWizard(models.TransientModel):
    _inherit = "property.register.wizard"

    register = fields.Selection(
        selection_add=[("property_service_desk.property_patrol_report_register", "Patrol Record")],
        ondelete={"property_service_desk.property_patrol_report_register": "cascade"},
    )
