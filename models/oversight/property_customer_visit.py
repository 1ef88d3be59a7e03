from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ...tools.groups import MANAGERS
from ...tools.row_claims import lock_rows

STATES = [("draft", "Draft"), ("done", "Done")]
CHANNEL = "property_service_desk.helpdesk_ticket_channel_staff_on_site"


class PropertyCustomerVisit(models.Model):
    """A customer visit (走访) by a business manager: topics and opinions; each opinion becomes
    a request."""

    _name = "property.customer.visit"
    _description = "Customer Visit"
    _inherit = [
        "mail.thread",
        "property.register.mixin",
        "property.system.fields.mixin",
    ]
    _order = "visit_date desc, id desc"
    _register_date_field = "visit_date"
    _check_company_auto = True
    _system_sequence_field = "name"
    _system_fields = ("name", "state", "month", "done_at")

    name = fields.Char(string="Reference", required=True, readonly=True, default="/", copy=False)
    manager_id = fields.Many2one(
        "res.users",
        string="Business Manager",
        required=True,
        index=True,
        default=lambda self: self.env.user,
        help="Who visits; a visit is recorded in one's own name.",
    )
    unit_id = fields.Many2one("property.unit", required=True, index=True, check_company=True)
    estate_id = fields.Many2one(related="unit_id.estate_id", store=True, index=True)
    company_id = fields.Many2one(related="unit_id.company_id", store=True, index=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        compute="_compute_partner_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    visit_date = fields.Datetime(required=True, default=fields.Datetime.now, index=True)
    month = fields.Date(
        readonly=True, index=True, copy=False, help="The estate's month of the visit."
    )
    topics = fields.Char(required=True, help="What was talked about.")
    opinion_ids = fields.One2many("property.customer.visit.opinion", "visit_id", string="Opinions")
    state = fields.Selection(STATES, required=True, default="draft", tracking=True, copy=False)
    done_at = fields.Datetime(readonly=True, copy=False)

    @api.depends("unit_id")
    def _compute_partner_id(self):
        for visit in self:
            if visit.unit_id and not visit.partner_id:
                visit.partner_id = visit.unit_id._default_customer()

    @api.model_create_multi
    def create(self, vals_list):
        self._assign_number(vals_list, "property.customer.visit")
        if not self.env.su:
            for vals in vals_list:
                if vals.get("manager_id", self.env.uid) != self.env.uid:
                    raise AccessError(
                        self.env._("A visit is recorded in one's own name, not in another's.")
                    )
        return super().create(vals_list)

    def write(self, vals):
        if "manager_id" in vals and not self.env.su:
            raise AccessError(self.env._("Who made a visit cannot be changed."))
        return super().write(vals)

    @api.constrains("visit_date")
    def _check_not_in_future(self):
        now = fields.Datetime.now()
        for visit in self:
            if visit.visit_date > now:
                raise ValidationError(self.env._("A visit cannot be recorded before it happens."))

    def _system_frozen(self):
        return self.filtered(lambda visit: visit.state == "done")

    def _kept_on_record(self):
        return self.filtered(lambda visit: visit.state == "done")

    def action_done(self):
        """The visit is recorded; each opinion becomes a request of the unit."""
        self.ensure_one()
        self._check_caller(MANAGERS)
        lock_rows(self)
        if self.state != "draft":
            raise UserError(self.env._("Visit %s is already recorded.", self.name))
        for opinion in self.opinion_ids:
            opinion._check_complete()
        for opinion in self.opinion_ids:
            opinion._open_request()
        self._write_system(
            {
                "state": "done",
                "done_at": fields.Datetime.now(),
                "month": self.estate_id._local_date(self.visit_date).replace(day=1),
            }
        )
        return True
