from contextlib import contextmanager
from datetime import datetime, time, timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.osv import expression
from odoo.tools import SQL

from ...models.mechanisms.property_system_fields_mixin import check_caller
from ...models.promises.property_promise_policy import RECURRING_PROMISES
from ...tools.groups import MANAGERS
from ...tools.local_time import local_sql

TREND_MONTHS = 12
# Counters of the view, in the order of its SELECT.
COUNTERS = (
    "request_count",
    "complaint_count",
    "complaint_resolved_count",
    "response_count",
    "response_hours",
    "complaint_closed_count",
    "complaint_called_back_count",
    "callback_answered_count",
    "callback_satisfied_count",
    "promise_due_count",
    "promise_met_count",
    "work_order_done_count",
    "work_order_rework_count",
)
WORK_ORDER_DONE_STATES = ("done", "signed", "closed")
# What the dashboard's client receives of a KPI definition (the drill-down stays on the server).
CARD_KEYS = (
    "key",
    "label",
    "definition",
    "numerator",
    "denominator",
    "unit",
    "direction",
    "target",
)
VALID_COMPLAINT = [("request_kind", "=", "complaint"), ("complaint_severity", "!=", "invalid")]


@contextmanager
def without_jit(cr):
    """Run the queries of the block without PostgreSQL's JIT compilation, then restore it.

    The planner cannot foresee how few estates and months the view's sums fold into, so it
    costs the dashboard's query far above `jit_above_cost`, and PostgreSQL then spends longer
    compiling it to machine code (~150 ms at 100k requests) than running it.
    """
    cr.execute("SELECT current_setting('jit'), set_config('jit', 'off', true)")
    previous = cr.fetchone()[0]
    yield
    # Local to the transaction: after an error, its rollback restores the setting.
    cr.execute("SELECT set_config('jit', %s, true)", [previous])


class PropertyKpiMonthly(models.Model):
    """Quality KPIs of SPEC §7 per estate and month: numerators and denominators only.

    A read-only SQL view grouped by estate and month: whoever reads it (the dashboard, pivot,
    graph) gets one aggregate query whose cost follows the facts of the estates read, and
    never loads a request into Python. Rates are computed from summed counters, so any
    grouping gives the exact rate. A fact counts in the month of its own date, in the time zone
    of its estate (the estate's working calendar, else the company's); requests without an
    estate are not counted.
    """

    _name = "property.kpi.monthly"
    _description = "Quality KPIs per Estate and Month"
    _auto = False
    _order = "month desc, estate_id"
    _rec_name = "month"
    # Flushed before the view is read.
    _depends = {
        "helpdesk.ticket": [
            "estate_id",
            "received_at",
            "request_kind",
            "complaint_severity",
            "stage_id",
            "solution_decision",
            "response_started_at",
            "closed_date",
            "is_declined",
        ],
        "helpdesk.ticket.stage": ["closed"],
        "property.callback": ["estate_id", "ticket_id", "state", "done_at", "is_satisfied"],
        "property.promise": ["estate_id", "state", "kind", "deadline"],
        "property.work.order": ["estate_id", "rework_of_id", "state", "done_at"],
        "property.estate": ["company_id", "resource_calendar_id"],
        "res.company": ["resource_calendar_id"],
        "resource.calendar": ["tz"],
    }

    estate_id = fields.Many2one("property.estate", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    month = fields.Date(readonly=True, help="First day of the month, in the estate's time zone.")
    request_count = fields.Integer(
        string="Requests",
        readonly=True,
        help="Requests received in the month (by their Received time), declined ones included.",
    )
    complaint_count = fields.Integer(
        string="Complaints",
        readonly=True,
        help="Requests of kind Complaint received in the month, except invalid complaints.",
    )
    complaint_resolved_count = fields.Integer(
        string="Complaints Resolved",
        readonly=True,
        help="Of the complaints received in the month: those now in a closed stage whose "
        "solution the customer accepted.",
    )
    response_count = fields.Integer(
        string="Requests Answered",
        readonly=True,
        help="Requests received in the month that had a first response: the handler started "
        "the response, or the request was closed (whichever came first).",
    )
    response_hours = fields.Float(
        string="Hours to First Response",
        readonly=True,
        help="Sum of the hours from Received to the first response of the requests answered.",
    )
    complaint_closed_count = fields.Integer(
        string="Complaints Closed",
        readonly=True,
        help="Complaints closed in the month (by their closing time), except invalid and "
        "declined ones.",
    )
    complaint_called_back_count = fields.Integer(
        string="Complaints Called Back",
        readonly=True,
        help="Of the complaints closed in the month: those with at least one callback done.",
    )
    callback_answered_count = fields.Integer(
        string="Callbacks Answered",
        readonly=True,
        help="Callbacks done in the month (by their Done time), first and second ones.",
    )
    callback_satisfied_count = fields.Integer(
        string="Callbacks Satisfied",
        readonly=True,
        help="Of the callbacks answered in the month: overall satisfaction Satisfied or Very "
        "Satisfied.",
    )
    promise_due_count = fields.Integer(
        string="Promises Due",
        readonly=True,
        help="Promises whose deadline fell in the month and that were kept or broken "
        "(follow-ups and progress notices excluded, running and cancelled ones too).",
    )
    promise_met_count = fields.Integer(
        string="Promises Kept",
        readonly=True,
        help="Of the promises due in the month: those kept before they were broken.",
    )
    work_order_done_count = fields.Integer(
        string="Work Orders Done",
        readonly=True,
        help="Work orders finished in the month (by their Done time; done, signed or closed), "
        "reworks themselves excluded.",
    )
    work_order_rework_count = fields.Integer(
        string="Work Orders Reworked",
        readonly=True,
        help="Of the work orders done in the month: those with a rework order not cancelled.",
    )

    @property
    def _table_query(self):
        # Each fact table is summed per estate and month on its own, then the few rows per
        # estate and month are added up: far less work than summing every column of every row.
        def counted(at, **counters):
            local = local_sql(SQL(at), SQL("zone.tz")).code
            month = f"date_trunc('month', {local})::date"
            sums = ", ".join(
                f"SUM({counters[name]}) AS {name}" if name in counters else f"0 AS {name}"
                for name in COUNTERS
            )
            return f"zone.estate_id, zone.company_id, {month} AS month, {sums}"

        recurring = tuple(RECURRING_PROMISES)
        # The dashboard reads recent months only: facts older than this are left out at once,
        # so its cost follows the months shown, not the years of history in the database.
        earliest = self.env.context.get("property_kpi_since")

        def since(column):
            return SQL(f"AND {column} >= %s", earliest) if earliest else SQL()

        # The dashboard of some estates sums the facts of those estates only (the filter on the
        # view's estate_id would come after the sums of every estate).
        estate_ids = self.env.context.get("property_kpi_estates")
        only_estates = SQL("WHERE e.id = ANY(%s)", list(estate_ids)) if estate_ids else SQL()
        # With the facts narrowed so (the dashboard), the filters on the view's months apply to
        # the few sums rather than to each fact: the month of a fact is computed once, not thrice.
        sums_first = SQL("MATERIALIZED") if earliest and estate_ids else SQL()

        return SQL(
            f"""
            WITH zone AS (
                SELECT e.id AS estate_id, e.company_id, e.tz
                  FROM property_estate e
                 %s
            ), counted AS %s (
                SELECT {
                counted(
                    "t.received_at",
                    request_count="1",
                    complaint_count="(t.request_kind = 'complaint' AND t.complaint_severity"
                    " IS DISTINCT FROM 'invalid')::int",
                    complaint_resolved_count="(t.request_kind = 'complaint' AND"
                    " t.complaint_severity IS DISTINCT FROM 'invalid' AND st.closed AND"
                    " t.solution_decision = 'accepted')::int",
                    response_count="(LEAST(t.response_started_at, t.closed_date) IS NOT NULL)::int",
                    response_hours="COALESCE(EXTRACT(EPOCH FROM LEAST(t.response_started_at,"
                    " t.closed_date) - t.received_at) / 3600.0, 0)::float8",
                )
            }
                  FROM helpdesk_ticket t
                  JOIN zone ON zone.estate_id = t.estate_id
                  JOIN helpdesk_ticket_stage st ON st.id = t.stage_id
                 WHERE TRUE %s
                 GROUP BY 1, 2, 3
                UNION ALL
                SELECT {
                counted(
                    "t.closed_date",
                    complaint_closed_count="1",
                    complaint_called_back_count="(EXISTS (SELECT 1 FROM property_callback c"
                    " WHERE c.ticket_id = t.id AND c.state = 'done'))::int",
                )
            }
                  FROM helpdesk_ticket t
                  JOIN zone ON zone.estate_id = t.estate_id
                  JOIN helpdesk_ticket_stage st ON st.id = t.stage_id
                 WHERE t.request_kind = 'complaint' AND st.closed
                   AND t.closed_date IS NOT NULL AND NOT COALESCE(t.is_declined, FALSE)
                   AND t.complaint_severity IS DISTINCT FROM 'invalid' %s
                 GROUP BY 1, 2, 3
                UNION ALL
                SELECT {
                counted(
                    "c.done_at",
                    callback_answered_count="1",
                    callback_satisfied_count="COALESCE(c.is_satisfied, FALSE)::int",
                )
            }
                  FROM property_callback c
                  JOIN zone ON zone.estate_id = c.estate_id
                 WHERE c.state = 'done' AND c.done_at IS NOT NULL %s
                 GROUP BY 1, 2, 3
                UNION ALL
                SELECT {
                counted(
                    "m.deadline",
                    promise_due_count="1",
                    promise_met_count="(m.state = 'met')::int",
                )
            }
                  FROM property_promise m
                  JOIN zone ON zone.estate_id = m.estate_id
                 WHERE m.state IN ('met', 'breached') AND m.kind NOT IN %s %s
                 GROUP BY 1, 2, 3
                UNION ALL
                SELECT {
                counted(
                    "w.done_at",
                    work_order_done_count="1",
                    work_order_rework_count="(EXISTS (SELECT 1 FROM property_work_order r"
                    " WHERE r.rework_of_id = w.id AND r.state != 'cancelled'))::int",
                )
            }
                  FROM property_work_order w
                  JOIN zone ON zone.estate_id = w.estate_id
                 WHERE w.rework_of_id IS NULL AND w.state IN %s AND w.done_at IS NOT NULL %s
                 GROUP BY 1, 2, 3
            )
            SELECT (EXTRACT(YEAR FROM month) * 12 + EXTRACT(MONTH FROM month))::bigint
                       * 10000000 + estate_id AS id,
                   estate_id, company_id, month,
                   {", ".join(f"SUM({name}) AS {name}" for name in COUNTERS)}
              FROM counted
             GROUP BY estate_id, company_id, month
            """,
            only_estates,
            sums_first,
            since("t.received_at"),
            since("t.closed_date"),
            since("c.done_at"),
            recurring,
            since("m.deadline"),
            WORK_ORDER_DONE_STATES,
            since("w.done_at"),
        )

    # The dashboard --------------------------------------------------------------------------

    def _kpi_definitions(self):
        """Every KPI of the dashboard, defined once: its label and definition (shown on the
        card), the counters of the view it divides, unit, direction, the company's target, and
        the records behind its figures (model, date field, domains of the denominator and of
        the numerator) for the drill-down. A test pins each counter of the view to the
        records its drill-down opens."""
        company = self.env.company
        return [
            {
                "key": "satisfaction",
                "label": self.env._("Satisfaction"),
                "definition": self.env._(
                    "Callbacks done in the month whose overall satisfaction is Satisfied or "
                    "Very Satisfied, divided by all callbacks done in the month."
                ),
                "numerator": "callback_satisfied_count",
                "denominator": "callback_answered_count",
                "unit": "%",
                "direction": ">=",
                "target": company.property_kpi_satisfaction_target,
                "records": ("property.callback", "done_at"),
                "denominator_domain": [("state", "=", "done")],
                "numerator_domain": [("is_satisfied", "=", True)],
            },
            {
                "key": "complaint_rate",
                "label": self.env._("Complaint Rate"),
                "definition": self.env._(
                    "Valid complaints (invalid ones excluded) received in the month, divided by "
                    "all requests received in the month."
                ),
                "numerator": "complaint_count",
                "denominator": "request_count",
                "unit": "%",
                "direction": "<=",
                "target": company.property_kpi_complaint_rate_target,
                "records": ("helpdesk.ticket", "received_at"),
                "denominator_domain": [],
                "numerator_domain": VALID_COMPLAINT,
            },
            {
                "key": "complaint_resolution",
                "label": self.env._("Complaint Resolution"),
                "definition": self.env._(
                    "Of the valid complaints received in the month, those now closed with a "
                    "solution the customer accepted. Recent months rise as complaints are "
                    "resolved."
                ),
                "numerator": "complaint_resolved_count",
                "denominator": "complaint_count",
                "unit": "%",
                "direction": ">=",
                "target": company.property_kpi_resolution_target,
                "records": ("helpdesk.ticket", "received_at"),
                "denominator_domain": VALID_COMPLAINT,
                "numerator_domain": [("closed", "=", True), ("solution_decision", "=", "accepted")],
            },
            {
                "key": "first_response",
                "label": self.env._("First Response"),
                "definition": self.env._(
                    "Average hours from Received to the first response (the handler starts the "
                    "response, or the request is closed, whichever comes first) of the requests "
                    "received in the month that were answered."
                ),
                "numerator": "response_hours",
                "denominator": "response_count",
                "unit": "h",
                "direction": "<=",
                "target": company.property_kpi_response_hours_target,
                "records": ("helpdesk.ticket", "received_at"),
                "denominator_domain": [
                    "|",
                    ("response_started_at", "!=", False),
                    ("closed_date", "!=", False),
                ],
                "numerator_domain": [],
            },
            {
                "key": "complaint_callback",
                "label": self.env._("Complaint Callbacks"),
                "definition": self.env._(
                    "Valid complaints closed in the month that have at least one callback done, "
                    "divided by the valid complaints closed in the month."
                ),
                "numerator": "complaint_called_back_count",
                "denominator": "complaint_closed_count",
                "unit": "%",
                "direction": ">=",
                "target": company.property_kpi_complaint_callback_target,
                "records": ("helpdesk.ticket", "closed_date"),
                "denominator_domain": VALID_COMPLAINT
                + [("closed", "=", True), ("is_declined", "=", False)],
                "numerator_domain": [("callback_ids", "any", [("state", "=", "done")])],
            },
            {
                "key": "promise_compliance",
                "label": self.env._("Promise Compliance"),
                "definition": self.env._(
                    "Promises due in the month (deadline in the month, kept or broken; "
                    "follow-ups and progress notices excluded) that were kept, divided by those "
                    "due."
                ),
                "numerator": "promise_met_count",
                "denominator": "promise_due_count",
                "unit": "%",
                "direction": ">=",
                "target": company.property_kpi_promise_target,
                "records": ("property.promise", "deadline"),
                "denominator_domain": [
                    ("state", "in", ("met", "breached")),
                    ("kind", "not in", tuple(RECURRING_PROMISES)),
                ],
                "numerator_domain": [("state", "=", "met")],
            },
            {
                "key": "rework_rate",
                "label": self.env._("Rework Rate"),
                "definition": self.env._(
                    "Work orders done in the month (reworks themselves excluded) that have a "
                    "rework order not cancelled, divided by the work orders done in the month."
                ),
                "numerator": "work_order_rework_count",
                "denominator": "work_order_done_count",
                "unit": "%",
                "direction": "<=",
                "target": company.property_kpi_rework_target,
                "records": ("property.work.order", "done_at"),
                "denominator_domain": [
                    ("rework_of_id", "=", False),
                    ("state", "in", WORK_ORDER_DONE_STATES),
                ],
                "numerator_domain": [("rework_ids", "any", [("state", "!=", "cancelled")])],
            },
        ]

    @api.model
    @api.readonly  # served from the read replica when one is configured (db_replica_host)
    def get_dashboard(self, estate_ids=None, month=None):
        """Figures of `month` against the targets, the month before, and 12 months of trend:
        one aggregate query over the view (plus the estates of the filter)."""
        check_caller(self, MANAGERS, access="read")
        month = self._month_start(month)
        months = [month - relativedelta(months=n) for n in range(TREND_MONTHS - 1, -1, -1)]
        visible = self._scope_estates()
        estates = visible.filtered(lambda e: e.id in estate_ids) if estate_ids else visible
        # No time zone is ahead of UTC by more than 14 hours.
        earliest = datetime.combine(months[0], time.min) - timedelta(hours=14)
        scoped = self.with_context(
            property_kpi_since=earliest, property_kpi_estates=tuple(estates.ids) or (0,)
        )
        with without_jit(self.env.cr):
            groups = scoped._read_group(
                [
                    ("month", ">=", months[0]),
                    ("month", "<=", month),
                    ("estate_id", "in", estates.ids),
                ],
                ["month:month"],
                [f"{name}:sum" for name in COUNTERS],
            )
        sums = {
            fields.Date.to_date(group[0]): dict(zip(COUNTERS, group[1:], strict=True))
            for group in groups
        }
        empty = dict.fromkeys(COUNTERS, 0)
        by_month = [sums.get(m, empty) for m in months]
        return {
            "month": fields.Date.to_string(month),
            "months": [m.strftime("%Y-%m") for m in months],
            "estates": [{"id": e.id, "name": e.name} for e in visible.filtered("active")],
            "kpis": [self._kpi_figures(kpi, by_month) for kpi in self._kpi_definitions()],
        }

    def _kpi_figures(self, kpi, by_month):
        trend = [self._kpi_value(kpi, counters) for counters in by_month]
        current = by_month[-1]
        value = trend[-1]
        card = {name: kpi[name] for name in CARD_KEYS}
        return dict(
            card,
            value=value,
            previous=trend[-2],
            numerator_value=self._count_or_hours(kpi, current[kpi["numerator"]]),
            denominator_value=current[kpi["denominator"]] or 0,
            # "0.8 h" read as English on a Chinese screen: the unit is shown in the user's words.
            unit_label=self.env._("hours") if kpi["unit"] == "h" else kpi["unit"],
            numerator_label=self._fields[kpi["numerator"]]._description_string(self.env),
            denominator_label=self._fields[kpi["denominator"]]._description_string(self.env),
            on_target=None if value is None else self._meets(value, kpi),
            trend=trend,
        )

    @api.model
    def _count_or_hours(self, kpi, number):
        return round(number or 0.0, 1) if kpi["unit"] == "h" else int(number or 0)

    @api.model
    def _kpi_value(self, kpi, counters):
        denominator = counters[kpi["denominator"]]
        if not denominator:
            return None
        scale = 100.0 if kpi["unit"] == "%" else 1.0
        return round(scale * (counters[kpi["numerator"]] or 0) / denominator, 1)

    @api.model
    def _meets(self, value, kpi):
        return value >= kpi["target"] if kpi["direction"] == ">=" else value <= kpi["target"]

    @api.model
    def _month_start(self, month=None):
        day = fields.Date.to_date(month) if month else self.env["property.estate"]._local_date()
        return day.replace(day=1)

    @api.model
    def _scope_estates(self, estate_ids=None):
        """The estates whose KPIs the user may see (their own, or all), narrowed to a choice."""
        user = self.env.user
        domain = [] if user.property_all_estates else [("id", "in", user.property_estate_ids.ids)]
        if estate_ids:
            domain.append(("id", "in", list(estate_ids)))
        return self.env["property.estate"].with_context(active_test=False).search(domain)

    # Drill-down -----------------------------------------------------------------------------

    def _kpi_definition(self, key):
        return next(kpi for kpi in self._kpi_definitions() if kpi["key"] == key)

    @api.model
    def _kpi_domain(self, key, part, month, estate_ids=None):
        """The records behind a figure: `part` is "numerator" or "denominator"."""
        kpi = self._kpi_definition(key)
        model, date_field = kpi["records"]
        month = self._month_start(month)
        period = self._period_domain(date_field, month, self._scope_estates(estate_ids))
        domain = expression.AND([kpi["denominator_domain"], period])
        if part == "numerator":
            domain = expression.AND([domain, kpi["numerator_domain"]])
        return model, domain

    @api.model
    def _period_domain(self, date_field, month, estates):
        """Records of these estates dated in `month`, in the time zone of each estate."""
        last_day = month + relativedelta(months=1, days=-1)
        return estates.sudo()._local_period_domain(date_field, month, last_day)

    @api.model
    @api.readonly
    def action_open_kpi_records(self, key, part, month=None, estate_ids=None):
        """Open the requests, callbacks, promises or work orders behind a figure."""
        check_caller(self, MANAGERS, access="read")
        model, domain = self._kpi_domain(key, part, month, estate_ids)
        label = self._kpi_definition(key)["label"]
        return {
            "type": "ir.actions.act_window",
            "name": f"{label} · {self._month_start(month).strftime('%Y-%m')}",
            "res_model": model,
            "views": [[False, "list"], [False, "pivot"], [False, "graph"], [False, "form"]],
            "domain": domain,
            "context": {"create": False},
            "target": "current",
        }
