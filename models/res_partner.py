from odoo import fields, models

from .property_system_fields_mixin import STAFF, check_caller


class ResPartner(models.Model):
    _inherit = "res.partner"

    property_owned_unit_ids = fields.One2many("property.unit", "owner_id", string="Owned Units")
    property_rented_unit_ids = fields.Many2many(
        "property.unit",
        "property_unit_tenant_rel",
        "partner_id",
        "unit_id",
        string="Rented Units",
    )
    property_unit_count = fields.Integer(string="Units", compute="_compute_property_unit_count")

    def _property_unit_domain(self):
        return [
            "|",
            ("owner_id", "child_of", self.ids),
            ("tenant_ids", "child_of", self.ids),
        ]

    def _compute_property_unit_count(self):
        units = self.env["property.unit"].search(self._property_unit_domain())
        for partner in self:
            people = partner.child_ids | partner
            partner.property_unit_count = len(
                units.filtered(lambda unit, p=people: unit.owner_id in p or unit.tenant_ids & p)
            )

    def action_view_property_units(self):
        self.ensure_one()
        check_caller(self, STAFF, access="read")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Units"),
            "res_model": "property.unit",
            "view_mode": "list,kanban,form",
            "domain": self._property_unit_domain(),
            "context": {"default_owner_id": self.id},
        }

    def action_open_owner_archive(self):
        """The owner archive (业户档案) of this person: refused to staff of other estates by its
        record rules."""
        self.ensure_one()
        check_caller(self, STAFF, access="read")
        archive = self.env["property.owner.archive"].browse(self.id)
        archive.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Owner Archive"),
            "res_model": "property.owner.archive",
            "res_id": archive.id,
            "view_mode": "form",
        }
