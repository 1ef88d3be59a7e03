from odoo import fields, models, tools
from odoo.tools import SQL

from ...models.mechanisms.property_system_fields_mixin import check_caller
from ...tools.groups import STAFF
from ...tools.personal_data import PHONE_FIELDS, mask_export, mask_rows, partners_to_mask


class PropertyOwnerArchive(models.Model):
    """The archive of an owner or tenant (业户档案), one per person who owns or rents a unit: the
    person's contacts and household, their units and everything the estate did for them.

    Its record rules let only the staff of an estate where the person owns or rents see it."""

    _name = "property.owner.archive"
    _description = "Owner Archive"
    _inherit = ["property.archive.mixin"]
    _auto = False
    _order = "name, id"

    partner_id = fields.Many2one("res.partner", string="Owner / Tenant", readonly=True)
    name = fields.Char(readonly=True)
    phone = fields.Char(related="partner_id.phone", groups="base.group_user")
    mobile = fields.Char(related="partner_id.mobile", groups="base.group_user")
    email = fields.Char(related="partner_id.email", groups="base.group_user")
    address = fields.Char(related="partner_id.contact_address", groups="base.group_user")
    owned_unit_ids = fields.Many2many(
        "property.unit",
        compute="_compute_unit_ids",
        string="Owned Units",
        groups="base.group_user",
    )
    rented_unit_ids = fields.Many2many(
        "property.unit",
        compute="_compute_unit_ids",
        string="Rented Units",
        groups="base.group_user",
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        # One row per person, with the partner's id: the archive of a partner is found by id.
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %(table)s AS (
                    SELECT p.id, p.id AS partner_id, p.name
                      FROM res_partner p
                     WHERE p.active AND (
                           EXISTS (SELECT 1 FROM property_unit u
                                    WHERE u.owner_id = p.id AND u.active)
                        OR EXISTS (SELECT 1 FROM property_unit_tenant_rel r
                                     JOIN property_unit u ON u.id = r.unit_id
                                    WHERE r.partner_id = p.id AND u.active))
                )
                """,
                table=SQL.identifier(self._table),
            )
        )

    def _compute_unit_ids(self):
        Unit = self.env["property.unit"]
        for archive in self:
            archive.owned_unit_ids = Unit.search([("owner_id", "=", archive.partner_id.id)])
            archive.rented_unit_ids = Unit.search([("tenant_ids", "in", archive.partner_id.ids)])

    def _archive_scope(self):
        person = [("partner_id", "child_of", self.partner_id.id)]
        return {
            "helpdesk.ticket": person,
            "property.parcel": person,
            "account.move": [("partner_id", "child_of", self.partner_id.id)],
            "property.vacant.inspection": [("unit_id.owner_id", "=", self.partner_id.id)],
            "property.lending": person,
            "property.convenience.service": person,
            "property.customer.visit": person,
            "property.move.in": person,
            "property.key.set": [("unit_id.owner_id", "=", self.partner_id.id)],
            "property.key.log": [("unit_id.owner_id", "=", self.partner_id.id)],
            "property.key.authorisation": person,
            "property.renovation": [
                "|",
                ("partner_id", "child_of", self.partner_id.id),
                ("unit_id.owner_id", "=", self.partner_id.id),
            ],
        }

    def _archive_household(self):
        return self.partner_id | self.partner_id.child_ids

    def action_print_archive(self):
        check_caller(self, STAFF, access="read")
        return self.env.ref(
            "property_service_desk.property_owner_archive_report_card"
        ).report_action(self)

    def _read_format(self, fnames, load="_classic_read"):
        rows = super()._read_format(fnames, load)
        fields = [fname for fname in PHONE_FIELDS if fname in fnames]
        if not fields:
            return rows
        return mask_rows(rows, self._property_archives_to_mask(), fields)

    def _export_rows(self, fields, *, _is_toplevel_call=True):
        def export(records):
            return super()._export_rows(fields, _is_toplevel_call=_is_toplevel_call)

        return mask_export(self, fields, PHONE_FIELDS, self._property_archives_to_mask, export)

    def _property_archives_to_mask(self):
        # An archive has the id of its person.
        return partners_to_mask(self.env["res.partner"].browse(self.ids))
