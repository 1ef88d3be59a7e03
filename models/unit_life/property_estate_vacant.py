from odoo import fields, models

from ...tools.groups import STAFF
from ...tools.related_counts import related_window
from ..mechanisms.property_system_fields_mixin import check_caller


class PropertyEstate(models.Model):
    _inherit = "property.estate"

    vacant_inspection_overdue_count = fields.Integer(
        string="Overdue Vacant Inspections", compute="_compute_vacant_inspection_overdue_count"
    )

    def _compute_vacant_inspection_overdue_count(self):
        Inspection = self.env["property.vacant.inspection"]
        groups = dict(
            Inspection._read_group(
                [("estate_id", "in", self.ids), ("is_overdue", "=", True)],
                ["estate_id"],
                ["__count"],
            )
        )
        for estate in self:
            estate.vacant_inspection_overdue_count = groups.get(estate, 0)

    def action_view_overdue_vacant_inspections(self):
        self.ensure_one()
        check_caller(self, STAFF, access="read")
        return related_window(
            self.env._("Overdue Inspections"),
            "property.vacant.inspection",
            [("estate_id", "=", self.id), ("is_overdue", "=", True)],
            {"default_estate_id": self.id},
            view_mode="list,form",
        )
