from odoo import fields, models

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
    _inherit = ["property.move.in.part.mixin", "property.system.fields.mixin"]
    _order = "move_in_id, sequence, id"
    _system_fields = ("move_in_id", "partner_id")
    _system_intake_fields = ("move_in_id",)

    sequence = fields.Integer(default=10)
    name = fields.Char(required=True)
    relation = fields.Selection(RELATIONS, required=True, default="spouse")
    mobile = fields.Char()
    email = fields.Char()
    is_contact = fields.Boolean(
        string="Contact", help="Whom the service centre calls about the unit (e.g. emergencies)."
    )
    partner_id = fields.Many2one("res.partner", string="Contact Record", readonly=True, copy=False)

    def _kept_on_record(self):
        return self.filtered(lambda member: member.move_in_id.state != "open")

    def _closed_files_message(self, files):
        return self.env._(
            "Move-in file %s is completed or cancelled: its household can no longer be changed.",
            ", ".join(files.mapped("name")),
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
                        **member.move_in_id.estate_id._new_person_defaults(),
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
