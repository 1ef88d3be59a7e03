from odoo import api, fields, models
from odoo.exceptions import AccessError

RELATIONS = [
    ("owner", "Owner"),
    ("spouse", "Spouse"),
    ("child", "Child"),
    ("parent", "Parent"),
    ("relative", "Other Relative"),
    ("tenant", "Tenant"),
    ("other", "Other"),
]


class PropertyMoveInMember(models.Model):
    """A member of the new household, or a contact, recorded at move-in."""

    _name = "property.move.in.member"
    _description = "Move-in Household Member"
    _inherit = ["property.system.fields.mixin"]
    _order = "move_in_id, sequence, id"
    _system_fields = ("move_in_id", "partner_id")
    _system_intake_fields = ("move_in_id",)

    move_in_id = fields.Many2one(
        "property.move.in", string="Move-in File", required=True, index=True, ondelete="cascade"
    )
    estate_id = fields.Many2one(related="move_in_id.estate_id", store=True, index=True)
    company_id = fields.Many2one(related="move_in_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True)
    relation = fields.Selection(RELATIONS, required=True, default="spouse")
    mobile = fields.Char()
    email = fields.Char()
    is_contact = fields.Boolean(
        string="Contact", help="Whom the service centre calls about the unit (e.g. emergencies)."
    )
    partner_id = fields.Many2one("res.partner", string="Contact Record", readonly=True, copy=False)

    @api.model_create_multi
    def create(self, vals_list):
        files = self.env["property.move.in"].browse(
            [vals["move_in_id"] for vals in vals_list if vals.get("move_in_id")]
        )
        self._check_file_open(files)
        return super().create(vals_list)

    def write(self, vals):
        if not self._is_system_write():
            self._check_file_open(self.move_in_id)
        return super().write(vals)

    def _kept_on_record(self):
        return self.filtered(lambda member: member.move_in_id.state != "open")

    def _check_file_open(self, files):
        if self._is_system_write():
            return
        if closed := files.filtered(lambda f: f.state != "open"):
            raise AccessError(
                self.env._(
                    "Move-in file %s is completed or cancelled: its household can no longer be "
                    "changed.",
                    ", ".join(closed.mapped("name")),
                )
            )

    def _make_partners(self, owner):
        """Contacts of the owner for the members (the owner themself for the "owner" line)."""
        partners = self.env["res.partner"]
        for member in self:
            if member.relation == "owner":
                partner = owner
            else:
                # Contacts are created by the completing action, which checked its caller.
                partner = member.partner_id or self.env["res.partner"].sudo().create(
                    {
                        "name": member.name,
                        "parent_id": owner.id,
                        "type": "contact",
                        "mobile": member.mobile,
                        "email": member.email,
                        "function": dict(self._fields["relation"]._description_selection(self.env))[
                            member.relation
                        ],
                    }
                )
            member._as_system().write({"partner_id": partner.id})
            partners |= partner
        return partners
