from datetime import date
from unittest.mock import patch

from ...models.fees.property_fee_run_unit import PropertyFeeRunUnit
from ..common import PropertyCase

PERIOD = date(2026, 11, 1)


class FeeCase(PropertyCase):
    """Estate A with a management fee by area, a fixed parking fee, metered water and shared
    electricity; an accountant, a reader and the estate's project manager."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.accountant = cls._user("psd_fee_accountant", "group_property_accountant")
        cls.reader = cls._user("psd_fee_reader", "group_property_technician")
        cls.project_manager = cls._user("psd_fee_pm", "group_property_project_manager")
        cls.estate_a.member_ids = [
            (4, cls.accountant.id),
            (4, cls.reader.id),
            (4, cls.project_manager.id),
        ]
        cls.estate_a.project_manager_id = cls.project_manager
        cls.unit_a2.write({"owner_id": cls.owner_b.id, "floor_area": 100.0})
        cls.management = cls._item("Management fee", "area", rate_residential=2.5, rate_shop=5.0)
        cls.water = cls._item("Water", "metered", price=4.0, uom_label="m³")
        cls.lift = cls._item("Shared electricity", "shared", price=1.0, uom_label="kWh")
        cls.parking = cls._item("Parking", "fixed", fixed_amount=150.0)

    @classmethod
    def _item(cls, name, kind, **vals):
        product = cls.env["product.product"].create(
            {"name": name, "type": "service", "taxes_id": False}
        )
        return cls.env["property.fee.item"].create(
            {
                "name": name,
                "kind": kind,
                "estate_id": cls.estate_a.id,
                "product_id": product.id,
                **vals,
            }
        )

    @classmethod
    def _apply(cls, unit, item, start=date(2026, 1, 1), **vals):
        return cls.env["property.fee.unit.item"].create(
            {"unit_id": unit.id, "item_id": item.id, "date_start": start, **vals}
        )

    def _meter(self, unit, item=None, serial=None):
        return self.env["property.meter"].create(
            {
                "serial": serial or f"W-{unit.id}-{(item or self.water).id}",
                "unit_id": unit.id,
                "item_id": (item or self.water).id,
            }
        )

    def _read(self, meter, period, value, **vals):
        return self.env["property.meter.reading"].create(
            {"meter_id": meter.id, "period": period, "value": value, **vals}
        )

    def setUp(self):
        super().setUp()
        self.runs = self.env["property.fee.run"]

    def _run(self, period=PERIOD, estate=None):
        run = self.env["property.fee.run"].create(
            {"estate_id": (estate or self.estate_a).id, "period_start": period}
        )
        run.with_user(self.accountant).action_start()
        self.runs |= run
        return run

    def _bills(self, units=None):
        """The bills of this test's runs (the demo holds a year of bills of its own)."""
        domain = [("property_is_fee_bill", "=", True), ("property_fee_run_id", "in", self.runs.ids)]
        if units is not None:
            domain.append(("property_unit_id", "in", units.ids))
        return self.env["account.move"].search(domain, order="id")


class Killed(BaseException):
    """The worker dies (not an error the job catches)."""


def bill_and_die(run, batch_size=2, dying_batch=2):
    """Bill `run` in batches of `batch_size`, the worker dying halfway through batch
    `dying_batch` (its first row billed, then the process gone); True when it died."""
    original, calls = PropertyFeeRunUnit._bill, []

    def dying(rows):
        calls.append(rows)
        if len(calls) == dying_batch:
            original(rows[:1])  # half the batch done when the process dies
            raise Killed
        return original(rows)

    # Not assertRaises: Odoo's rolls its block back, the first batch's work with it.
    with patch.object(PropertyFeeRunUnit, "_bill", dying):
        try:
            run._cron_bill(batch_size=batch_size)
        except Killed:
            return True
    return False
