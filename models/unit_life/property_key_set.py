from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ...tools.groups import DESK
from ..mechanisms.property_input_guard import COUNT


class PropertyKeySet(models.Model):
    """A numbered, sealed set of a unit's keys kept by the service centre (钥匙保管)."""

    _name = "property.key.set"
    _description = "Key Set"
    _inherit = ["mail.thread", "mail.activity.mixin", "property.system.fields.mixin"]
    _order = "estate_id, name, id"
    _check_company_auto = True
    _system_sequence_field = "name"
    _system_fields = ("name",)
    _rec_names_search = ["name", "unit_id.name", "seal_number"]

    name = fields.Char(
        string="Key Set Number",
        required=True,
        readonly=True,
        copy=False,
        default="/",
        index="trigram",
    )
    active = fields.Boolean(default=True)
    unit_id = fields.Many2one(
        "property.unit",
        required=True,
        index=True,
        check_company=True,
        tracking=True,
        ondelete="restrict",
    )
    estate_id = fields.Many2one(related="unit_id.estate_id", store=True, index=True)
    company_id = fields.Many2one(related="unit_id.company_id", store=True, index=True)
    owner_id = fields.Many2one(related="unit_id.owner_id", string="Owner")
    authorisation_id = fields.Many2one(
        "property.key.authorisation",
        required=True,
        check_company=True,
        tracking=True,
        domain="[('unit_id', '=', unit_id)]",
        ondelete="restrict",
    )
    authorisation_valid_until = fields.Date(related="authorisation_id.valid_until")
    keys_description = fields.Char(string="Keys", required=True, tracking=True)
    key_count = fields.Integer(
        string="Number of Keys", required=True, default=1, tracking=True, bounds=COUNT
    )
    seal_number = fields.Char(required=True, tracking=True, help="Number of the seal on the bag.")
    storage_location = fields.Char(
        string="Kept At", required=True, tracking=True, help="Key cabinet and hook, e.g. K1-05."
    )
    log_ids = fields.One2many("property.key.log", "key_set_id", string="Uses")
    current_log_id = fields.Many2one(
        "property.key.log", compute="_compute_current_log", string="Out Under"
    )
    is_out = fields.Boolean(string="Out", compute="_compute_current_log", search="_search_is_out")

    _sql_constraints = [
        ("key_count_positive", "check(key_count > 0)", "A key set holds at least one key."),
        ("name_company_uniq", "unique(name, company_id)", "This key set number already exists."),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        self._assign_number(vals_list, "property.key.set")
        return super().create(vals_list)

    @api.depends("log_ids.back_at")
    def _compute_current_log(self):
        for key_set in self:
            out = key_set.log_ids.filtered(lambda log: not log.back_at)[:1]
            key_set.current_log_id = out
            key_set.is_out = bool(out)

    def _search_is_out(self, operator, value):
        if operator not in ("=", "!="):
            return NotImplemented
        out_ids = self.env["property.key.log"]._search([("back_at", "=", False)])
        positive = (operator == "=") == bool(value)
        return [("id", "in" if positive else "not in", out_ids.subselect("key_set_id"))]

    @api.constrains("authorisation_id", "unit_id", "key_count")
    def _check_authorisation(self):
        for key_set in self:
            authorisation = key_set.authorisation_id
            if authorisation.unit_id != key_set.unit_id:
                raise ValidationError(
                    self.env._(
                        "Key authorisation %(auth)s is for another unit than %(unit)s.",
                        auth=authorisation.name,
                        unit=key_set.unit_id.display_name,
                    )
                )
            if key_set.key_count > authorisation.key_count:
                raise ValidationError(
                    self.env._(
                        "Key set %(set)s holds %(count)s keys, more than the %(allowed)s the "
                        "owner authorised.",
                        set=key_set.name,
                        count=key_set.key_count,
                        allowed=authorisation.key_count,
                    )
                )

    def _kept_on_record(self):
        return self

    def action_hand_out(self):
        """Open a new use of the key set: who takes it and why."""
        self.ensure_one()
        self._check_caller(DESK)
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Hand Out Keys"),
            "res_model": "property.key.log",
            "view_mode": "form",
            "views": [
                (self.env.ref("property_service_desk.property_key_log_view_form").id, "form")
            ],
            "target": "new",
            "context": {"default_key_set_id": self.id},
        }
