from odoo import api, fields, models

from ...models.mechanisms.property_system_fields_mixin import check_caller
from ...tools.groups import MANAGERS
from ..oversight.property_kpi_monthly import CARD_KEYS, without_jit

FEE_COUNTERS = ("billed", "collected", "arrears_open", "recovered", "prepaid")
FEE_KPIS = ("collection_rate", "arrears_recovery", "prepaid")


class PropertyKpiMonthly(models.Model):
    """The fee figures of SPEC §10 on the quality dashboard, read from their own view
    (property.fee.collection.monthly) in one aggregate query."""

    _inherit = "property.kpi.monthly"

    def _fee_kpi_definitions(self):
        company = self.env.company
        return [
            {
                "key": "collection_rate",
                "label": self.env._("Collection Rate"),
                "definition": self.env._(
                    "Of the fee bills of the month (waivers deducted), the share paid so far "
                    "(收缴率)."
                ),
                "numerator": "collected",
                "denominator": "billed",
                "unit": "%",
                "direction": ">=",
                "target": company.property_kpi_collection_target,
            },
            {
                "key": "arrears_recovery",
                "label": self.env._("Arrears Recovery"),
                "definition": self.env._(
                    "Paid in the month on bills of earlier months, divided by what those bills "
                    "still owed when the month began (清欠率)."
                ),
                "numerator": "recovered",
                "denominator": "arrears_open",
                "unit": "%",
                "direction": ">=",
                "target": 0.0,
            },
            {
                "key": "prepaid",
                "label": self.env._("Prepaid"),
                "definition": self.env._(
                    "Paid in the month ahead of the bills: for bills of later months, or not "
                    "applied to any bill yet (预存)."
                ),
                "numerator": "prepaid",
                "denominator": None,
                "unit": "¥",
                "direction": ">=",
                "target": 0.0,
            },
        ]

    @api.model
    @api.readonly
    def get_dashboard(self, estate_ids=None, month=None):
        result = super().get_dashboard(estate_ids=estate_ids, month=month)
        month = self._month_start(month)
        months = [fields.Date.to_date(f"{m}-01") for m in result["months"]]
        visible = self._scope_estates()
        estates = visible.filtered(lambda e: e.id in estate_ids) if estate_ids else visible
        by_month = self._fee_sums(estates, months)
        result["kpis"] += [self._kpi_figures(kpi, by_month) for kpi in self._fee_kpi_definitions()]
        return result

    @api.model
    def _fee_sums(self, estates, months):
        Report = self.env["property.fee.collection.monthly"].sudo()
        with without_jit(self.env.cr):  # as the dashboard's other aggregate, for the same reason
            groups = Report._read_group(
                [
                    ("month", ">=", months[0]),
                    ("month", "<=", months[-1]),
                    ("estate_id", "in", estates.ids),
                ],
                ["month:month"],
                [f"{name}:sum" for name in FEE_COUNTERS],
            )
        sums = {
            fields.Date.to_date(group[0]): dict(zip(FEE_COUNTERS, group[1:], strict=True))
            for group in groups
        }
        empty = dict.fromkeys(FEE_COUNTERS, 0.0)
        return [dict(sums.get(m, empty), one=1) for m in months]

    def _kpi_figures(self, kpi, by_month):
        if kpi["key"] not in FEE_KPIS:
            return super()._kpi_figures(kpi, by_month)
        has_denominator = bool(kpi["denominator"])
        kpi = dict(kpi, denominator=kpi["denominator"] or "one")
        trend = [self._kpi_value(kpi, counters) for counters in by_month]
        report = self.env["property.fee.collection.monthly"]

        def label(name):
            return (
                report._fields[name]._description_string(self.env) if name in report._fields else ""
            )

        return dict(
            {name: kpi[name] for name in CARD_KEYS},
            value=trend[-1],
            previous=trend[-2],
            numerator_value=round(by_month[-1][kpi["numerator"]] or 0.0, 2),
            # A sum of its own (Prepaid) has no denominator to show nor to open.
            denominator_value=round(by_month[-1][kpi["denominator"]] or 0.0, 2)
            if has_denominator
            else None,
            unit_label=kpi["unit"],
            numerator_label=label(kpi["numerator"]),
            denominator_label=label(kpi["denominator"]),
            on_target=None if trend[-1] is None else self._meets(trend[-1], kpi),
            trend=trend,
        )

    @api.model
    def _kpi_value(self, kpi, counters):
        if kpi["unit"] == "¥":
            return round(counters[kpi["numerator"]] or 0.0, 2)
        return super()._kpi_value(kpi, counters)

    @api.model
    @api.readonly
    def action_open_kpi_records(self, key, part, month=None, estate_ids=None):
        if key not in FEE_KPIS:
            return super().action_open_kpi_records(key, part, month=month, estate_ids=estate_ids)
        check_caller(self, MANAGERS, access="read")
        month = self._month_start(month)
        estates = self._scope_estates(estate_ids)
        # The very records the figure sums (the prepaid payments, not all of the month's).
        model, ids = (
            self.env["property.fee.collection.monthly"]
            .sudo()
            ._drill_down(key, part, estates, month)
        )
        domain = [("id", "in", ids)]
        return {
            "type": "ir.actions.act_window",
            "name": f"{self._fee_label(key)} · {month.strftime('%Y-%m')}",
            "res_model": model,
            "views": [[False, "list"], [False, "form"]],
            "domain": domain,
            "context": {"create": False},
            "target": "current",
        }

    def _fee_label(self, key):
        return next(k["label"] for k in self._fee_kpi_definitions() if k["key"] == key)
