from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools import SQL

from ...tools.unit_life import local_date_sql
from .property_patrol import PATROL_KINDS

# Written by the scheduled planning only: the period each duty was last planned for.
OVERSIGHT_SYSTEM_FIELDS = (
    "patrols_planned_for",
    "reception_day_planned_for",
    "archive_handover_planned_for",
    "archive_check_planned_for",
)


class PropertyEstate(models.Model):
    _name = "property.estate"
    _inherit = ["property.estate", "property.cron.retry.mixin", "property.system.fields.mixin"]
    _system_fields = OVERSIGHT_SYSTEM_FIELDS

    patrols_planned_for = fields.Date(
        readonly=True, copy=False, help="Week (its Monday) whose patrols were last planned."
    )
    reception_day_planned_for = fields.Date(
        readonly=True, copy=False, help="Month whose reception day was last planned."
    )
    archive_handover_planned_for = fields.Date(
        readonly=True, copy=False, help="Month whose archive handover was last opened."
    )
    archive_check_planned_for = fields.Date(
        readonly=True, copy=False, help="Quarter whose archive check was last opened."
    )

    def _oversight_user(self):
        """Who the service centre's duties fall to by default."""
        return self.service_centre_manager_id or self.project_manager_id

    # Patrols ---------------------------------------------------------------------------------

    def _plan_patrols(self, now):
        """This week's patrols of the estate, one of each kind, due on its Sunday."""
        self.ensure_one()
        monday = self._local_date(now)
        monday -= timedelta(days=monday.weekday())
        user = self._oversight_user()
        patrols = (
            self.env["property.patrol"]
            ._as_system()
            .create(
                [
                    {
                        "estate_id": self.id,
                        "kind": kind,
                        "week": monday,
                        "due_date": monday + timedelta(days=6),
                        "user_id": user.id,
                    }
                    for kind, _label in PATROL_KINDS
                ]
            )
        )
        for patrol in patrols:
            patrol._schedule_duty(user, self.env._("Patrol: %s", patrol.display_name))
        self.sudo().write({"patrols_planned_for": monday})

    @api.model
    def _cron_plan_patrols(self, now=None, batch_size=100):
        now = now or fields.Datetime.now()
        week = SQL("date_trunc('week', %s)", local_date_sql(now))
        return self._plan_once_per_period(
            "patrols_planned_for",
            week,
            now,
            "Patrols",
            lambda estate: estate._plan_patrols(now),
            batch_size,
        )

    # Reception days --------------------------------------------------------------------------

    def _plan_reception_day(self, now):
        """This month's reception day of the estate, on the company's day of the month: the
        director and the business managers receive owners."""
        self.ensure_one()
        month = self._local_date(now).replace(day=1)
        day = month.replace(day=self.company_id.property_reception_day_of_month)
        director = self.project_manager_id
        reception = (
            self.env["property.reception.day"]
            ._as_system()
            .create(
                {
                    "estate_id": self.id,
                    "month": month,
                    "day": day,
                    "host_ids": [fields.Command.set((director | self.business_manager_ids).ids)],
                }
            )
        )
        reception._schedule_duty(
            director, self.env._("Reception day of %s", self.name), deadline=day
        )
        self.sudo().write({"reception_day_planned_for": month})

    @api.model
    def _cron_plan_reception_days(self, now=None, batch_size=100):
        now = now or fields.Datetime.now()
        return self._plan_once_per_period(
            "reception_day_planned_for",
            SQL("date_trunc('month', %s)", local_date_sql(now)),
            now,
            "Reception days",
            lambda estate: estate._plan_reception_day(now),
            batch_size,
        )

    # Archives ----------------------------------------------------------------------------------

    def _open_archive_duty(self, kind, period, due_date, user, marker):
        duty = (
            self.env["property.archive.duty"]
            ._as_system()
            .create(
                {
                    "estate_id": self.id,
                    "kind": kind,
                    "period": period,
                    "due_date": due_date,
                    "user_id": user.id,
                }
            )
        )
        duty._schedule_duty(user, duty.display_name)
        self.sudo().write({marker: period})

    def _plan_archive_handover(self, now):
        """This month's handover of last month's equipment records, due on the 5th."""
        self.ensure_one()
        month = self._local_date(now).replace(day=1)
        self._open_archive_duty(
            "handover",
            month,
            month.replace(day=5),
            self.engineering_lead_id,
            "archive_handover_planned_for",
        )

    def _plan_archive_check(self, now):
        """This quarter's archive check by the director, due on the quarter's last day."""
        self.ensure_one()
        today = self._local_date(now)
        quarter = today.replace(month=(today.month - 1) // 3 * 3 + 1, day=1)
        self._open_archive_duty(
            "check",
            quarter,
            quarter + relativedelta(months=3, days=-1),
            self.project_manager_id,
            "archive_check_planned_for",
        )

    @api.model
    def _cron_plan_archive_duties(self, now=None, batch_size=100):
        """Open each estate's monthly handover and quarterly check; flag the late ones."""
        now = now or fields.Datetime.now()
        self._plan_once_per_period(
            "archive_handover_planned_for",
            SQL("date_trunc('month', %s)", local_date_sql(now)),
            now,
            "Archive handovers",
            lambda estate: estate._plan_archive_handover(now),
            batch_size,
        )
        self._plan_once_per_period(
            "archive_check_planned_for",
            SQL("date_trunc('quarter', %s)", local_date_sql(now)),
            now,
            "Archive checks",
            lambda estate: estate._plan_archive_check(now),
            batch_size,
        )
        return self.env["property.archive.duty"]._cron_flag_late(now, batch_size)
