import math

from odoo import api, fields, models
from odoo.tools import SQL

from ...tools.unit_life import local_date_sql

# Written by the monthly planning only.
COURTESY_SYSTEM_FIELDS = ("courtesy_callbacks_planned_for",)


class PropertyEstate(models.Model):
    _name = "property.estate"
    _inherit = ["property.estate", "property.cron.retry.mixin", "property.system.fields.mixin"]
    _system_fields = COURTESY_SYSTEM_FIELDS

    courtesy_callbacks_planned_for = fields.Date(
        readonly=True, copy=False, help="Month whose courtesy callbacks were last planned."
    )

    def _courtesy_sample(self, month):
        """The households called in `month`: the company's share of the estate's owned units,
        rounded up, taken in turn so that each month calls the next ones."""
        units = self.env["property.unit"].search(
            [("estate_id", "=", self.id), ("owner_id", "!=", False)], order="id"
        )
        rate = self.company_id.property_courtesy_callback_rate
        size = min(len(units), math.ceil(len(units) * rate / 100.0 - 1e-9))
        if not size:
            return units.browse()
        start = ((month.year * 12 + month.month) * size) % len(units)
        return (units[start:] + units[:start])[:size]

    def _plan_courtesy_callbacks(self, now):
        """Scheduled job: this month's courtesy callbacks, each a to-do of the estate's desk."""
        self.ensure_one()
        month = self._local_date(now).replace(day=1)
        user = self.suggestion_box_user_id or self.project_manager_id
        callbacks = self.env["property.courtesy.callback"].create(
            [
                {
                    "estate_id": self.id,
                    "month": month,
                    "unit_id": unit.id,
                    "partner_id": unit.owner_id.id,
                    "user_id": user.id,
                }
                for unit in self._courtesy_sample(month)
            ]
        )
        if user:
            for callback in callbacks:
                callback.activity_schedule(
                    "mail.mail_activity_data_call",
                    date_deadline=month.replace(day=28),
                    user_id=user.id,
                    summary=self.env._("Courtesy callback of %s", callback.unit_id.display_name),
                )
        self.sudo().write({"courtesy_callbacks_planned_for": month})

    @api.model
    def _cron_plan_courtesy_callbacks(self, now=None, batch_size=100):
        """Once a month per estate, never twice (estates claimed FOR UPDATE SKIP LOCKED)."""
        now = now or fields.Datetime.now()
        return self._plan_once_per_period(
            "courtesy_callbacks_planned_for",
            SQL("date_trunc('month', %s)", local_date_sql(now)),
            now,
            "Courtesy callbacks",
            lambda estate: estate._plan_courtesy_callbacks(now),
            batch_size,
        )
