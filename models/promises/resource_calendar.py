from datetime import datetime, time, timedelta

import pytz

from odoo import models

# How far ahead a calendar is searched for working time (a calendar with less is empty).
SEARCH_DAYS = 60


class ResourceCalendar(models.Model):
    """Deadlines counted in a calendar's days and opening hours (SPEC §2, §5, §8)."""

    _inherit = "resource.calendar"

    def _property_zone(self):
        """The zone the hours are read in: the estate's (property.estate._calendar_in_zone),
        else the calendar's own."""
        return pytz.timezone(self.env.context.get("property_tz") or self.tz or "UTC")

    def _work_intervals_batch(
        self, start_dt, end_dt, resources=None, domain=None, tz=None, compute_leaves=True
    ):
        if tz is None and self.env.context.get("property_tz"):
            tz = self._property_zone()
        return super()._work_intervals_batch(
            start_dt, end_dt, resources, domain, tz=tz, compute_leaves=compute_leaves
        )

    def _property_intervals(self, start, days):
        """Work intervals (aware, in the calendar's zone) from naive-UTC `start` on."""
        self.ensure_one()
        aware = pytz.utc.localize(start)
        return self._work_intervals_batch(aware, aware + timedelta(days=days))[False]

    def _property_working_days_end(self, start, days):
        """The end of the `days`-th working day after the day of `start` (the day itself does
        not count): "within 3 working days" of a Monday is Thursday's closing time. Working
        days are the calendar's days with working time, its leaves excluded. Naive UTC in and
        out; False when the calendar has no such day within reach."""
        self.ensure_one()
        tz = self._property_zone()
        local_day = pytz.utc.localize(start).astimezone(tz).date()
        next_day = tz.localize(datetime.combine(local_day + timedelta(days=1), time.min))
        closing = {}  # working day -> its closing time
        for begin, stop, _meta in self._work_intervals_batch(
            next_day, next_day + timedelta(days=SEARCH_DAYS + days * 7)
        )[False]:
            day = begin.astimezone(tz).date()
            closing[day] = max(closing.get(day, stop), stop)
        working_days = sorted(closing)
        if len(working_days) < days:
            return False
        end = closing[working_days[days - 1]]
        return end.astimezone(pytz.utc).replace(tzinfo=None)

    def _property_next_opening(self, start):
        """`start` if the calendar is open then, else its next opening (naive UTC in and out);
        `start` when the calendar never opens within reach."""
        self.ensure_one()
        aware = pytz.utc.localize(start)
        for begin, stop, _meta in self._property_intervals(start, SEARCH_DAYS):
            if stop > aware:
                return max(begin, aware).astimezone(pytz.utc).replace(tzinfo=None)
        return start
