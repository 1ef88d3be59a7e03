from odoo import fields, models


class HelpdeskTicketChannel(models.Model):
    _inherit = "helpdesk.ticket.channel"

    is_external = fields.Boolean(
        string="External Transfer",
        help="Requests transferred by the group company, the media, the government or a "
        "regulator. Complaints from these channels are owned by the service centre general "
        "manager.",
    )
