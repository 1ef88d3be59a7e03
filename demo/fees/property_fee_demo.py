import random

from dateutil.relativedelta import relativedelta

from odoo import Command, api, models

DEMO_MONTHS = 12
METHODS = ("cash", "wechat", "wechat", "alipay", "alipay", "card", "transfer")
# Demo units whose owners are behind (the last N months unpaid) and one who pays ahead.
BEHIND = {
    "property_unit_demo_1_0402": 1,
    "property_unit_demo_1_0502": 3,
    "property_unit_demo_1_0602": 7,
}
AHEAD = "property_unit_demo_1_0301"


class PropertyFeeDemo(models.AbstractModel):
    """Demo data only (called from demo/fees/property_fee_demo.xml): a year of management fee
    bills for the demo estates, paid at the desk mostly each quarter, a few owners behind by
    1, 3 and 7 months and one paying ahead, so that the collection figures read as real."""

    _name = "property.fee.demo"
    _description = "Fee Demo Data"

    @api.model
    def _generate(self):
        rng = random.Random(28)
        product = self.env["product.product"].create(
            {"name": "物业管理费", "type": "service", "taxes_id": [Command.clear()]}
        )
        agent = self.env.ref("property_service_desk.res_users_demo_agent")
        behind = {self.env.ref(f"property_service_desk.{x}"): n for x, n in BEHIND.items()}
        ahead = self.env.ref(f"property_service_desk.{AHEAD}")
        estates = self.env["property.estate"].search([("unit_ids", "!=", False)])
        for estate in estates:
            this_month = estate._local_date().replace(day=1)
            months = [this_month - relativedelta(months=n) for n in range(DEMO_MONTHS, 0, -1)]
            # One building per estate keeps the install short (a few hundred entries).
            building = estate.building_ids.sorted("id")[:1]
            units = estate.unit_ids.filtered(
                lambda u, b=building: u.owner_id and u.building_id == b
            )
            bills = self._bills(units, months, product)
            for unit in units:
                unit_bills = bills.filtered(lambda b, u=unit: b.property_unit_id == u)
                late = behind.get(unit, 0)
                self._pay(unit, unit_bills, months, late, unit == ahead, agent, rng)
            self._close_days(estate, agent)
            self.env["property.fee.reminder"]._send_for_estate(estate, estate._local_date())

    @api.model
    def _close_days(self, estate, agent):
        """The agent closed each day it took payments on (收款日报表)."""
        days = (
            self.env["account.payment"]
            .search(
                [("property_estate_id", "=", estate.id), ("property_cashier_id", "=", agent.id)]
            )
            .mapped("date")
        )
        Close = self.env["property.fee.daily.close"].with_user(agent).sudo()
        closes = Close.create([{"estate_id": estate.id, "date": day} for day in sorted(set(days))])
        closes.action_close()

    @api.model
    def _bills(self, units, months, product):
        vals = []
        for month in months:
            for unit in units:
                amount = round((unit.floor_area or 90.0) * 2.5, 2)
                vals.append(
                    {
                        "move_type": "out_invoice",
                        "partner_id": unit.owner_id.id,
                        "invoice_date": month,
                        "invoice_date_due": month + relativedelta(days=14),
                        "property_estate_id": unit.estate_id.id,
                        "property_unit_id": unit.id,
                        "property_fee_period": month,
                        "property_is_fee_bill": True,
                        "invoice_line_ids": [
                            Command.create(
                                {
                                    "product_id": product.id,
                                    "name": f"物业管理费 {month:%Y-%m}",
                                    "quantity": 1,
                                    "price_unit": amount,
                                    "tax_ids": [Command.clear()],
                                }
                            )
                        ],
                    }
                )
        bills = self.env["account.move"].create(vals)
        bills.action_post()
        return bills

    @api.model
    def _pay(self, unit, bills, months, late, ahead, agent, rng):
        """Quarterly at the desk, some half-yearly; `late` last months left unpaid; ahead: the
        last payment covers three months more, kept as prepaid credit."""
        desk = unit.with_user(agent).sudo()
        paid_until = len(months) - late
        step = rng.choice((3, 3, 6))
        for start in range(0, paid_until, step):
            chunk = bills[start : min(start + step, paid_until)]
            if not chunk:
                continue
            amount = sum(chunk.mapped("amount_total"))
            last = start + step >= paid_until
            if ahead and last:
                amount += 3 * chunk[:1].amount_total
            day = chunk[-1:].invoice_date + relativedelta(days=rng.randint(3, 25))
            desk._property_collect(unit.owner_id, amount, rng.choice(METHODS), day=day)
