from dateutil.relativedelta import relativedelta

from odoo import fields, models

from ...tools.groups import STAFF
from ...tools.related_counts import count_related, open_related
from ..mechanisms.property_system_fields_mixin import check_caller

# Written by the monthly scheduling of vacant-unit inspections only.
VACANT_SYSTEM_FIELDS = ("vacant_inspection_month",)


class PropertyUnit(models.Model):
    _name = "property.unit"
    _inherit = ["property.unit", "property.cron.retry.mixin", "property.system.fields.mixin"]
    _system_fields = VACANT_SYSTEM_FIELDS

    vacant_inspection_month = fields.Date(
        string="Inspection Planned For",
        readonly=True,
        copy=False,
        help="The last month for which a vacant-unit inspection was scheduled.",
    )
    vacant_inspection_ids = fields.One2many(
        "property.vacant.inspection", "unit_id", string="Vacant Unit Inspections"
    )
    vacant_inspection_count = fields.Integer(compute="_compute_vacant_inspection_count")

    def _compute_vacant_inspection_count(self):
        counts = count_related(self, "property.vacant.inspection", "unit_id")
        for unit in self:
            unit.vacant_inspection_count = counts.get(unit.id, 0)

    def _vacant_inspector(self):
        """The building's business manager, else the estate's first one, else its project
        manager."""
        self.ensure_one()
        return (
            self.building_id.business_manager_id
            or self.estate_id.business_manager_ids[:1]
            or self.estate_id.project_manager_id
        )

    def _plan_vacant_inspection(self, now):
        """Scheduled job: this month's inspection of this vacant unit, with a to-do for the
        inspector."""
        self.ensure_one()
        month = self.estate_id._local_date(now).replace(day=1)
        Inspection = self.env["property.vacant.inspection"]
        if Inspection.search_count([("unit_id", "=", self.id), ("period", "=", month)]):
            # Already planned by hand this month: only remember the month.
            self.sudo().write({"vacant_inspection_month": month})
            return
        inspection = Inspection.create({"unit_id": self.id, "period": month})
        if inspection.inspector_id:
            inspection.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=month + relativedelta(months=1, days=-1),
                user_id=inspection.inspector_id.id,
                summary=self.env._("Inspect vacant unit %s", self.display_name),
            )
        self.sudo().write({"vacant_inspection_month": month})

    def action_view_vacant_inspections(self):
        self.ensure_one()
        check_caller(self, STAFF, access="read")
        return open_related(
            self,
            "property.vacant.inspection",
            "unit_id",
            self.env._("Vacant Unit Inspections"),
            view_mode="list,form",
        )
