from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models


class ReportBusinessMonthly(models.AbstractModel):
    """The monthly business report (业务处理报告): figures of a month beside the month before."""

    _name = "report.property_service_desk.report_business_monthly"
    _description = "Monthly Business Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        data = data or {}
        estates = self.env["property.estate"].browse(data.get("estate_ids") or docids)
        day = fields.Date.to_date(data.get("month")) or estates[:1]._local_date()
        (first, last), (previous_first, previous_last) = self._periods(day)
        return {
            "docs": estates,
            "month": first,
            "current": self._figures(estates, first, last),
            "previous": self._figures(estates, previous_first, previous_last),
            "labels": self._labels(),
            "register_info": {
                "estates": "、".join(estates.mapped("name")),
                "period": self._period_label(first, last),
            },
            **self._titles(),
        }

    def _periods(self, day):
        """((first, last), (first, last)) days of the period holding `day` and of the one
        before: here the month."""
        first = day.replace(day=1)
        previous = first - relativedelta(months=1)
        return (
            (first, first + relativedelta(months=1, days=-1)),
            (previous, first - relativedelta(days=1)),
        )

    def _period_label(self, first, last):
        return first.strftime("%Y-%m")

    def _titles(self):
        return {
            "report_title_zh": "业务处理报告",
            "report_title_en": self.env._("Monthly Business Report"),
            "current_heading": self.env._("This Month"),
            "previous_heading": self.env._("Previous Month"),
        }

    def _labels(self):
        Ticket = self.env["helpdesk.ticket"]
        Promise = self.env["property.promise"]

        def selection(model, name):
            return dict(model._fields[name]._description_selection(self.env))

        return {
            "kind": selection(Ticket, "request_kind"),
            "severity": selection(Ticket, "complaint_severity"),
            # Complaints are classified by cause only where the company uses that scheme (and
            # once someone decided it): the others are counted, not silently left out.
            "cause": {**selection(Ticket, "cause_class"), False: self.env._("Not classified")},
            "promise": selection(Promise, "kind"),
        }

    def _figures(self, estates, month, last_day=None):
        """The figures of the days `month` to `last_day` (a week), by default of the month."""
        last_day = last_day or month + relativedelta(months=1, days=-1)

        def period(field):  # the period of each estate, in its own time zone
            return estates._local_period_domain(field, month, last_day)

        tickets = period("received_at")
        complaints = tickets + [("request_kind", "=", "complaint")]
        return {
            "total": self.env["helpdesk.ticket"].search_count(tickets),
            "by_kind": self._count(tickets, "request_kind"),
            "by_channel": self._count(tickets, "channel_id"),
            "by_estate": self._count(tickets, "estate_id"),
            "by_severity": self._count(complaints, "complaint_severity"),
            "by_cause": dict(
                sorted(
                    self._count(complaints, "cause_class", keep_empty=True).items(),
                    key=lambda item: -item[1],
                )
            ),
            "top_categories": sorted(
                self._count(complaints, "category_id").items(), key=lambda item: -item[1]
            )[:5],
            "compliance": self._compliance(period("deadline")),
            "response_minutes": self._average_minutes(period("reached_at"), "response"),
            "resolution_minutes": self._average_minutes(period("reached_at"), "handled"),
            "measures": self._measures(estates, month, last_day, period("solution_proposed_at")),
        }

    def _count(self, domain, field, keep_empty=False):
        groups = self.env["helpdesk.ticket"]._read_group(domain, [field], ["__count"])
        return {key: count for key, count in groups if key or keep_empty}

    def _compliance(self, due_in_month):
        """{promise: (met, breached, % met)} of the promises due in the month."""
        groups = self.env["property.promise"]._read_group(
            due_in_month + [("state", "in", ("met", "breached"))],
            ["kind", "state"],
            ["__count"],
        )
        result = {}
        for promise, state, count in groups:
            met, breached = result.get(promise, (0, 0))
            result[promise] = (met + count, breached) if state == "met" else (met, breached + count)
        return {
            kind: (met, breached, round(100.0 * met / (met + breached), 1))
            for kind, (met, breached) in result.items()
        }

    def _average_minutes(self, reached_in_month, kind):
        [(average,)] = self.env["property.promise"]._read_group(
            reached_in_month + [("kind", "=", kind)],
            [],
            ["minutes_taken:avg"],
        )
        return round(average or 0, 1)

    def _measures(self, estates, first_day, last_day, proposed_in_month):
        """Measures taken: case analyses written and complaint solutions accepted in the month."""
        analyses = self.env["property.complaint.case.analysis"].search(
            [
                ("estate_id", "in", estates.ids),
                ("date", ">=", first_day),
                ("date", "<=", last_day),
            ],
            limit=10,
        )
        solutions = self.env["helpdesk.ticket"].search(
            proposed_in_month
            + [("request_kind", "=", "complaint"), ("solution_decision", "=", "accepted")],
            limit=10,
        )
        return [(a.ticket_id.number, a.name) for a in analyses] + [
            (t.number, t.solution) for t in solutions
        ]


class ReportBusinessWeekly(models.AbstractModel):
    """The weekly statistics and summary (每周统计小结): the business report for a week (Monday
    to Sunday, in the estate's days) beside the week before."""

    _name = "report.property_service_desk.report_business_weekly"
    _inherit = "report.property_service_desk.report_business_monthly"
    _description = "Weekly Statistics and Summary"

    def _periods(self, day):
        monday = day - timedelta(days=day.weekday())
        previous = monday - timedelta(days=7)
        return (
            (monday, monday + timedelta(days=6)),
            (previous, monday - timedelta(days=1)),
        )

    def _period_label(self, first, last):
        return f"{first} ~ {last}"

    def _titles(self):
        return {
            "report_title_zh": "每周统计小结",
            "report_title_en": self.env._("Weekly Statistics and Summary"),
            "current_heading": self.env._("This Week"),
            "previous_heading": self.env._("Previous Week"),
        }
