from odoo import api, fields, models
from odoo.exceptions import UserError

from ...tools.groups import DESK
from ...tools.row_claims import lock_rows

STATES = [("to_open", "To Open"), ("opened", "Opened")]
CHANNEL = "property_service_desk.helpdesk_ticket_channel_suggestion_box"


class PropertySuggestionBox(models.Model):
    """The daily opening of an estate's suggestion box (客户联系箱): what was found in it
    becomes requests on the suggestion-box channel."""

    _name = "property.suggestion.box"
    _description = "Suggestion Box Opening"
    _inherit = ["mail.thread", "mail.activity.mixin", "property.system.fields.mixin"]
    _order = "date desc, estate_id, id desc"
    _check_company_auto = True
    _system_fields = ("state", "opened_at", "opened_by_id")

    name = fields.Char(compute="_compute_name", store=True)
    estate_id = fields.Many2one(
        "property.estate", required=True, index=True, check_company=True, ondelete="restrict"
    )
    company_id = fields.Many2one(related="estate_id.company_id", store=True, index=True)
    date = fields.Date(
        required=True, index=True, default=lambda self: self.env["property.estate"]._local_date()
    )
    user_id = fields.Many2one(
        "res.users",
        string="Opened By (To-Do)",
        domain="[('share', '=', False)]",
        help="Who has the daily to-do of opening the box.",
    )
    state = fields.Selection(STATES, required=True, default="to_open", tracking=True, copy=False)
    opened_at = fields.Datetime(readonly=True, copy=False)
    opened_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    item_ids = fields.One2many("property.suggestion.item", "box_id", string="Items Found")
    ticket_ids = fields.Many2many(
        "helpdesk.ticket", compute="_compute_ticket_ids", string="Requests Opened"
    )

    _sql_constraints = [
        (
            "estate_date_uniq",
            "unique(estate_id, date)",
            "The suggestion box of this estate already has an opening for this day.",
        )
    ]

    @api.depends("estate_id", "date")
    def _compute_name(self):
        for box in self:
            box.name = f"{box.estate_id.name or ''} {box.date or ''}".strip()

    @api.depends("item_ids.ticket_id")
    def _compute_ticket_ids(self):
        for box in self:
            box.ticket_ids = box.item_ids.ticket_id

    def _system_frozen(self):
        return self.filtered(lambda box: box.state == "opened")

    def _kept_on_record(self):
        return self.filtered(lambda box: box.state == "opened")

    def action_open_box(self):
        """The box was opened: each item found becomes a request on the suggestion-box
        channel (an empty box is recorded as such)."""
        self.ensure_one()
        self._check_caller(DESK)
        lock_rows(self)
        if self.state != "to_open":
            raise UserError(self.env._("The box opening %s is already recorded.", self.name))
        for item in self.item_ids:
            item._check_complete()
        for item in self.item_ids:
            item._open_request()
        self._write_system(
            {
                "state": "opened",
                "opened_at": fields.Datetime.now(),
                "opened_by_id": self.env.user.id,
            }
        )
        self.activity_ids.action_feedback(
            feedback=self.env._("%s item(s) found.", len(self.item_ids))
        )
        return True
