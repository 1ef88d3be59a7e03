from odoo import fields, models


class HelpdeskTicketCategory(models.Model):
    """Categories whose requests supervisors spot-check after the callback (SPEC §5)."""

    _inherit = "helpdesk.ticket.category"

    property_spot_check = fields.Boolean(
        string="Spot-Checked",
        help="Callbacks of requests in this category are spot-checked by supervisors (抽访), "
        "like those of complaints and repairs: e.g. alarms and help requests.",
    )
