from odoo import fields, models
from odoo.exceptions import UserError

from ...tools.groups import DESK
from .property_callback import SATISFACTION


class PropertyCourtesyCallback(models.Model):
    """A monthly courtesy callback (定期每月回访): the desk calls a household of the sample of
    the month, not about any request; what the customer raises becomes a request (SPEC §8)."""

    _name = "property.courtesy.callback"
    _description = "Courtesy Callback"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "property.system.fields.mixin",
        "property.register.mixin",
    ]
    _order = "month desc, estate_id, unit_id"
    _register_date_field = "month"
    _system_fields = ("state", "done_at", "done_by_id", "ticket_id")

    estate_id = fields.Many2one("property.estate", required=True, index=True)
    company_id = fields.Many2one(related="estate_id.company_id", store=True)
    month = fields.Date(required=True, help="First day of the month of the sample.")
    unit_id = fields.Many2one(
        "property.unit", required=True, domain="[('estate_id', '=', estate_id)]"
    )
    partner_id = fields.Many2one("res.partner", string="Customer", required=True)
    user_id = fields.Many2one("res.users", string="Calls", tracking=True)
    state = fields.Selection(
        [("to_do", "To Do"), ("done", "Done")], default="to_do", required=True, readonly=True
    )
    satisfaction = fields.Selection(SATISFACTION, string="Overall Satisfaction")
    findings = fields.Text(help="What the customer raised: it becomes a request when done.")
    done_at = fields.Datetime(readonly=True)
    done_by_id = fields.Many2one("res.users", readonly=True)
    ticket_id = fields.Many2one("helpdesk.ticket", string="Request Opened", readonly=True)

    _sql_constraints = [
        (
            "unit_month_uniq",
            "unique(unit_id, month)",
            "A household is called once in a month's courtesy callbacks.",
        )
    ]

    def _system_frozen(self):
        return self.filtered(lambda c: c.state == "done")

    def _kept_on_record(self):
        return self._system_frozen()

    def action_done(self):
        """The call is made: what the customer raised becomes a request on the unit."""
        self._check_caller(DESK)
        for callback in self:
            if callback.state != "to_do":
                raise UserError(self.env._("%s is already done.", callback.display_name))
            if not callback.satisfaction:
                raise UserError(self.env._("Record the customer's overall satisfaction."))
            vals = {"state": "done", "done_at": fields.Datetime.now(), "done_by_id": self.env.uid}
            if (callback.findings or "").strip():
                vals["ticket_id"] = callback._open_request().id
            callback._write_system(vals)
            callback.activity_ids.action_feedback()
        return True

    def _open_request(self):
        return self.env["helpdesk.ticket"].create(
            {
                "name": self.env._("Raised in a courtesy callback: %s", self.unit_id.display_name),
                "description": self.findings,
                "unit_id": self.unit_id.id,
                "partner_id": self.partner_id.id,
                "channel_id": self.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_phone").id,
            }
        )
