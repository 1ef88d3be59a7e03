from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ...tools.groups import DESK
from ...tools.row_claims import lock_rows
from ..mechanisms.property_input_guard import COUNT


class PropertyKeyAuthorisation(models.Model):
    """The owner's written authorisation (钥匙委托书) to keep keys of their unit, scanned."""

    _name = "property.key.authorisation"
    _description = "Key Authorisation"
    _inherit = ["mail.thread", "property.system.fields.mixin"]
    _order = "valid_until desc, id desc"
    _check_company_auto = True
    _system_sequence_field = "name"
    _system_fields = ("name", "revoked_at", "revoked_by_id", "revoke_reason")

    name = fields.Char(
        string="Number", required=True, readonly=True, copy=False, default="/", index="trigram"
    )
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
    partner_id = fields.Many2one(
        "res.partner",
        string="Owner",
        compute="_compute_partner_id",
        store=True,
        readonly=False,
        required=True,
        precompute=True,
        tracking=True,
        help="The owner who signed the authorisation.",
    )
    document = fields.Binary(
        string="Scanned Authorisation",
        attachment=True,
        copy=False,
        help="The signed 钥匙委托书, scanned or photographed.",
    )
    document_name = fields.Char()
    keys_description = fields.Char(
        string="Keys", required=True, tracking=True, help="Which keys, e.g. unit door, mailbox."
    )
    key_count = fields.Integer(
        string="Number of Keys", required=True, default=1, tracking=True, bounds=COUNT
    )
    valid_from = fields.Date(
        required=True, default=lambda self: self.env["property.estate"]._local_date(), tracking=True
    )
    valid_until = fields.Date(required=True, tracking=True)
    contact_name = fields.Char(
        string="Call Before Use",
        required=True,
        tracking=True,
        help="Whom to call before a key is used.",
    )
    contact_phone = fields.Char(string="Phone to Call", required=True, tracking=True)
    revoked_at = fields.Datetime(readonly=True, copy=False, tracking=True)
    revoked_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    revoke_reason = fields.Text(readonly=True, copy=False)
    key_set_ids = fields.One2many("property.key.set", "authorisation_id", string="Key Sets")

    _sql_constraints = [
        ("key_count_positive", "check(key_count > 0)", "An authorisation covers at least one key."),
        (
            "valid_period",
            "check(valid_until >= valid_from)",
            "The authorisation ends before it starts.",
        ),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        self._assign_number(vals_list, "property.key.authorisation")
        return super().create(vals_list)

    @api.depends("unit_id")
    def _compute_partner_id(self):
        for authorisation in self:
            if authorisation.unit_id and not authorisation.partner_id:
                authorisation.partner_id = authorisation.unit_id.owner_id

    @api.constrains("document")
    def _check_document(self):
        for authorisation in self:
            if not authorisation.document:
                raise ValidationError(
                    self.env._(
                        "Attach the scan of the owner's signed key authorisation (钥匙委托书)."
                    )
                )

    def _kept_on_record(self):
        return self

    def _system_frozen(self):
        return self.filtered("revoked_at")

    def _is_valid_on(self, day):
        self.ensure_one()
        return not self.revoked_at and self.valid_from <= day <= self.valid_until

    def action_revoke(self, reason):
        """The owner withdraws the authorisation: keys are no longer used under it."""
        self._check_caller(DESK)
        reason = (reason or "").strip()
        if not reason:
            raise UserError(self.env._("Write why the key authorisation is revoked."))
        lock_rows(self)
        if revoked := self.filtered("revoked_at"):
            raise UserError(self.env._("%s is already revoked.", ", ".join(revoked.mapped("name"))))
        self._write_system(
            {
                "revoked_at": fields.Datetime.now(),
                "revoked_by_id": self.env.uid,
                "revoke_reason": reason,
            }
        )
        return True
