from odoo import fields, models


class HelpdeskTicketStage(models.Model):
    _inherit = "helpdesk.ticket.stage"

    schedules_callbacks = fields.Boolean(
        help="Reaching this stage means the request was carried out: its callbacks are scheduled."
    )
