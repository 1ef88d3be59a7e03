from odoo import api, fields, models
from odoo.exceptions import AccessError

from ...tools.groups import STAFF
from ...tools.personal_data import PHONE_FIELDS, mask_export, mask_rows, partners_to_mask
from ...tools.related_counts import related_window
from ..mechanisms.property_system_fields_mixin import check_caller


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
    # Personal data (SPEC §9): the estates whose people this contact is, as owner, tenant,
    # household member (a contact of one) or customer of a request. Their staff only read it
    # (record rules of security/res_partner_security.xml); kept by the system.
    property_person_estate_ids = fields.Many2many(
        "property.estate",
        "property_partner_estate_rel",
        "partner_id",
        "estate_id",
        string="Person of Estates",
        compute="_compute_property_person_estate_ids",
        store=True,
        recursive=True,
        compute_sudo=True,
        readonly=True,
        help="Estates where this contact owns or rents a unit, lives in a household or made "
        "a request: only the staff of these estates see the contact.",
    )
    # The rule's first test, on the row itself: most contacts of a large company are people of
    # some estate, and a column test is far cheaper than a subquery per row on list views.
    property_estate_person = fields.Boolean(
        string="Estate Person",
        compute="_compute_property_estate_person",
        store=True,
        index=True,
        compute_sudo=True,
    )
    property_work_order_ids = fields.One2many(
        "property.work.order", "partner_id", string="Work Orders as Customer"
    )

    @api.depends(
        "property_owned_unit_ids.estate_id",
        "property_rented_unit_ids.estate_id",
        "helpdesk_ticket_ids.estate_id",
        "parent_id.property_person_estate_ids",
        "user_ids.share",
    )
    def _compute_property_person_estate_ids(self):
        for partner in self:
            if partner.user_ids.filtered(lambda user: not user.share):
                # Staff are colleagues, not the estate's people.
                partner.property_person_estate_ids = False
                continue
            partner.property_person_estate_ids = (
                partner.property_owned_unit_ids.estate_id
                | partner.property_rented_unit_ids.estate_id
                | partner.helpdesk_ticket_ids.estate_id
                | partner.parent_id.property_person_estate_ids
            )

    @api.depends("property_person_estate_ids")
    def _compute_property_estate_person(self):
        for partner in self:
            partner.property_estate_person = bool(partner.property_person_estate_ids)

    @api.model_create_multi
    def create(self, vals_list):
        self._refuse_estate_people_write(set().union(*vals_list))
        return super().create(vals_list)

    def write(self, vals):
        self._refuse_estate_people_write(vals)
        return super().write(vals)

    def _refuse_estate_people_write(self, fnames):
        kept = {"property_person_estate_ids", "property_estate_person"}
        if kept & set(fnames) and not self.env.su:
            raise AccessError(
                self.env._(
                    "The estates whose person a contact is are kept by the system from units, "
                    "households and requests."
                )
            )

    def _read_format(self, fnames, load="_classic_read"):
        rows = super()._read_format(fnames, load)
        fields = [fname for fname in PHONE_FIELDS if fname in fnames]
        return mask_rows(rows, partners_to_mask(self), fields) if fields else rows

    def _export_rows(self, fields, *, _is_toplevel_call=True):
        # Also reached through the contact fields of other models (partner_id/phone).
        def export(records):
            return super()._export_rows(fields, _is_toplevel_call=_is_toplevel_call)

        return mask_export(self, fields, PHONE_FIELDS, lambda: partners_to_mask(self), export)

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
        return related_window(
            self.env._("Units"),
            "property.unit",
            self._property_unit_domain(),
            {"default_owner_id": self.id},
        )

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
