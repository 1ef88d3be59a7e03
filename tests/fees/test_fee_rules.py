"""Rules of SPEC §10 that had no test of their own: the management fee's rate per unit type, yearly
items, no vacant-unit discount by default, the owner archive's fee ledger (收费台账), and every
public method of the fee models in the access model (who may call it, proven per role by
tests/test_action_callers.py and over JSON-RPC by tests/test_rpc_matrix.py)."""

from datetime import date

from ..access_model import ACTION_CALLERS
from ..common import needs_pdftotext, pdf_text
from .common import PERIOD, FeeCase

# Odoo's own public methods the fee models extend (guarded by their own access rights and, for
# payments, by the cashier's closed day), not new doors.
ODOO_METHODS = {"create", "write", "unlink", "init", "action_draft", "action_cancel"}
FEE_FOLDERS = tuple(
    f"odoo.addons.property_service_desk.{folder}.fees."
    for folder in ("models", "wizards", "report")
)


class TestFeeRules(FeeCase):
    def _unit(self, name, unit_type, area):
        return self.env["property.unit"].create(
            {
                "name": name,
                "building_id": self.building_a.id,
                "floor_area": area,
                "owner_id": self.owner_b.id,
                "unit_type": unit_type,
            }
        )

    def test_the_area_rate_is_the_unit_types(self):
        self.management.rate_parking = 1.2
        shop, space = self._unit("S01", "shop", 40.0), self._unit("P01", "parking", 12.5)
        self.assertEqual(self.unit_a.unit_type, "residential")  # the default
        for unit in (self.unit_a, shop, space):
            self._apply(unit, self.management)
        self._run()._cron_bill()
        amounts = {bill.property_unit_id: bill.amount_total for bill in self._bills()}
        # 89.5 m² × 2.5 residential, 40 m² × 5 shop, 12.5 m² × 1.2 parking space.
        self.assertEqual(amounts, {self.unit_a: 223.75, shop: 200.0, space: 15.0})

    def test_a_yearly_item_is_billed_in_january_for_twelve_months(self):
        self.parking.billing_period = "year"
        self._apply(self.unit_a, self.parking)
        november = self._run(PERIOD)
        november._cron_bill()
        self.assertFalse(self._bills(), "a yearly item is not due in November")
        self.assertEqual(november.state, "done")
        self._run(date(2027, 1, 1))._cron_bill()
        line = self._bills().invoice_line_ids
        self.assertEqual((line.quantity, line.price_subtotal), (12.0, 1800.0))
        self.assertEqual(line.property_fee_charge_period, date(2027, 1, 1))

    def test_no_vacant_discount_unless_set(self):
        cleaning = self._item("Cleaning", "fixed", fixed_amount=30.0)
        self.assertFalse(cleaning.vacant_discount)
        self.unit_a2.is_vacant = True
        self._apply(self.unit_a2, cleaning)
        self._run()._cron_bill()
        self.assertEqual(self._bills(self.unit_a2).amount_total, 30.0)

    def test_the_owner_archive_shows_the_units_ledger(self):
        self._apply(self.unit_a, self.management)
        self._run()._cron_bill()
        bill = self._bills(self.unit_a)
        payment = self.unit_a.with_user(self.agent_a)._property_collect(self.owner_a, 100.0, "cash")
        archive = self.env.ref("property_service_desk.property_unit_view_form_archive")
        unit = self.unit_a.with_user(self.agent_a)
        arch = unit.get_views([(archive.id, "form")])["views"]["form"]["arch"]
        self.assertIn('name="archive_fee_ledger"', arch)
        self.assertIn(bill, unit.property_fee_bill_ids)
        self.assertEqual(unit.property_fee_due, 123.75)
        ledger = unit._property_fee_ledger()
        self.assertEqual([row["ref"] for row in ledger], [bill.name, payment.name])
        self.assertEqual([row["balance"] for row in ledger], [223.75, 123.75])
        # Who reads no fee bill does not see the page.
        technician_arch = self.unit_a.with_user(self.reader).get_views([(archive.id, "form")])
        self.assertNotIn('name="archive_fee_ledger"', technician_arch["views"]["form"]["arch"])

    @needs_pdftotext
    def test_the_ledger_prints(self):
        self._apply(self.unit_a, self.management)
        self._run()._cron_bill()
        bill = self._bills(self.unit_a)
        text = pdf_text(self.env, "property_service_desk.report_fee_ledger", self.unit_a.ids)
        self.assertIn("收费台账", text)
        self.assertIn(bill.name, text)

    def test_every_public_method_of_the_fee_models_says_who_may_call_it(self):
        listed = {
            (model, method) for model, methods in ACTION_CALLERS.items() for method in methods
        }
        found = set()
        for name in self.env.registry:
            for cls in type(self.env[name]).__mro__:
                if not cls.__module__.startswith(FEE_FOLDERS):
                    continue
                found |= {
                    (name, attr)
                    for attr, value in vars(cls).items()
                    if callable(value)
                    and not attr.startswith("_")
                    and attr not in ODOO_METHODS
                    and not isinstance(value, type)
                }
        self.assertTrue(found)
        self.assertEqual(sorted(found - listed), [], "fee methods missing in ACTION_CALLERS")
