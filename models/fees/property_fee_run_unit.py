from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import fields, models


class PropertyFeeRunUnit(models.Model):
    """A unit of a billing run, the queue the scheduled job claims a batch at a time."""

    _name = "property.fee.run.unit"
    _description = "Billing Run Unit"
    _inherit = ["property.cron.retry.mixin"]
    _order = "run_id, id"

    run_id = fields.Many2one("property.fee.run", required=True, index=True, ondelete="cascade")
    unit_id = fields.Many2one("property.unit", required=True, ondelete="cascade")
    estate_id = fields.Many2one(related="run_id.estate_id", store=True, index=True)
    company_id = fields.Many2one(related="run_id.company_id", store=True)
    is_billed = fields.Boolean(string="Billed", readonly=True, index=True)

    _sql_constraints = [
        ("run_unit_uniq", "unique(run_id, unit_id)", "A unit is billed once per run."),
    ]

    def _cron_failure_thread(self):
        return self.run_id

    def _bill(self):
        """Bill these queued units: one posted invoice per payer, unit and period, a line per
        charge item not billed yet; the payers' prepayments are applied at once."""
        # The bills of a batch are created in one call even when the batch spans several runs
        # (small estates), as they are posted in one: Accounting's create has a cost per call.
        vals_list = []
        for run, rows in self.grouped("run_id").items():
            vals_list += FeeBilling(run, rows.unit_id).bill_vals()
        moves = (
            self.env["account.move"].create(vals_list) if vals_list else self.env["account.move"]
        )
        if moves:
            moves.action_post()
            moves._property_apply_prepayments()
        self.write({"is_billed": True})
        return moves


class FeeBilling:
    """The bills of some units of a run: which items are due, and their amounts."""

    def __init__(self, run, units):
        self.run = run
        self.env = run.env
        self.units = units
        self.start = run.period_start
        self._areas = {}

    def _window(self, item):
        """The months an item's bill covers: its billing period from the run's month."""
        return self.start, self.start + relativedelta(months=item._months(), days=-1)

    def _unit_items(self):
        model = self.env["property.fee.unit.item"]
        lines = model.search(
            [("unit_id", "in", self.units.ids), ("item_id.active", "=", True)]
            + model._in_period_domain(self.start, self.run._period_end())
        )
        return lines.filtered(lambda line: line.item_id._due_in(self.start))

    def _billed_keys(self):
        rows = self.env["account.move.line"].search_fetch(
            [
                ("property_fee_unit_id", "in", self.units.ids),
                ("property_fee_charge_period", "=", self.start),
            ],
            ["property_fee_unit_id", "property_fee_item_id"],
        )
        return {(row.property_fee_unit_id.id, row.property_fee_item_id.id) for row in rows}

    def bill_vals(self):
        billed = self._billed_keys()
        by_bill = defaultdict(list)
        readings = self._consumptions()
        for line in self._unit_items():
            if (line.unit_id.id, line.item_id.id) in billed or not line.payer_id:
                continue
            if charge := self._charge(line, readings):
                by_bill[line.unit_id, line.payer_id].append(charge)
        return [self._move_vals(unit, payer, charges) for (unit, payer), charges in by_bill.items()]

    def _move_vals(self, unit, payer, charges):
        return {
            "move_type": "out_invoice",
            "partner_id": payer.id,
            "company_id": self.run.company_id.id,
            "invoice_date": self.start,
            "property_estate_id": self.run.estate_id.id,
            "property_unit_id": unit.id,
            "property_fee_period": self.start,
            "property_fee_run_id": self.run.id,
            "property_is_fee_bill": True,
            "invoice_line_ids": [fields.Command.create(charge) for charge in charges],
        }

    def _charge(self, line, readings):
        item, unit = line.item_id, line.unit_id
        vals = {
            "product_id": item.product_id.id,
            "name": f"{item.name} {self.start.strftime('%Y-%m')}",
            "property_fee_item_id": item.id,
            "property_fee_unit_id": unit.id,
            "property_fee_charge_period": self.start,
            "quantity": 1.0,
        }
        if item.account_id:
            vals["account_id"] = item.account_id.id
        if unit.is_vacant and item.vacant_discount:
            vals["discount"] = item.vacant_discount
        months = item._months()
        if item.kind == "area":
            vals.update(quantity=unit.floor_area * months, price_unit=item._area_rate(unit))
        elif item.kind == "fixed":
            vals.update(quantity=months, price_unit=item.fixed_amount)
        elif item.kind == "metered":
            used = readings.get(("unit", unit.id, item.id), 0.0)
            vals["price_unit"] = item._consumption_amount(used)
            vals["name"] += f" ({used:g} {item.uom_label or ''})".replace(" )", ")")
        else:
            used, share = self._shared(unit, item, readings)
            vals["price_unit"] = item._consumption_amount(used * share)
            vals["name"] += f" ({used * share:.2f} {item.uom_label or ''})".replace(" )", ")")
        if not vals["quantity"] or not vals.get("price_unit"):
            return None
        return vals

    def _consumptions(self):
        """Consumption in the billed months, per unit meter (by unit and item) and per common
        meter (by building and item)."""
        readings = self.env["property.meter.reading"].search_fetch(
            [
                ("period", ">=", self.start),
                ("period", "<", self.start + relativedelta(years=1)),
                "|",
                ("unit_id", "in", self.units.ids),
                "&",
                ("meter_id.is_common", "=", True),
                ("building_id", "in", self.units.building_id.ids),
            ],
            ["meter_id", "unit_id", "building_id", "item_id", "period", "consumption"],
        )
        totals = defaultdict(float)
        for reading in readings:
            if reading.period > self._window(reading.item_id)[1]:
                continue
            if reading.unit_id:
                totals["unit", reading.unit_id.id, reading.item_id.id] += reading.consumption
            else:
                totals["common", reading.building_id.id, reading.item_id.id] += reading.consumption
        return totals

    def _shared(self, unit, item, readings):
        """The building's common consumption, and the unit's share of it by floor area among
        the building's units that have the item in the period."""
        used = readings.get(("common", unit.building_id.id, item.id), 0.0)
        if not used or not unit.floor_area:
            return used, 0.0
        key = (unit.building_id.id, item.id)
        if key not in self._areas:
            model = self.env["property.fee.unit.item"]
            sharing = model.search(
                [("unit_id.building_id", "=", unit.building_id.id), ("item_id", "=", item.id)]
                + model._in_period_domain(self.start, self.run._period_end())
            )
            self._areas[key] = sum(sharing.unit_id.mapped("floor_area"))
        return used, unit.floor_area / self._areas[key]
