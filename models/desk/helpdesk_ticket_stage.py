from odoo import fields, models


class HelpdeskTicketStage(models.Model):
    # Registering a request looks its first stage up (helpdesk.ticket.team's
    # _get_applicable_stages, cached): a stage changed clears that cache.
    _name = "helpdesk.ticket.stage"
    _inherit = ["helpdesk.ticket.stage", "property.cache.clearing.mixin"]

    schedules_callbacks = fields.Boolean(
        help="Reaching this stage means the request was carried out: its callbacks are scheduled."
    )
