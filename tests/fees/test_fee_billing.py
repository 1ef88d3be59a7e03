"""Billing runs (SPEC §10): one posted invoice per payer, unit and period with a line per charge
item; a run never bills twice, resumes after dying halfway, and applies prepayments at once."""

from datetime import date, datetime

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, ValidationError
from odoo.tools import mute_logger

from .common import PERIOD, FeeCase, bill_and_die


class TestFeeBilling(FeeCase):
    def test_area_fixed_and_vacant_discount(self):
        self._apply(self.unit_a, self.management)
        self._apply(self.unit_a, self.parking)
        self.unit_a2.is_vacant = True
        self.management.vacant_discount = 50
        self._apply(self.unit_a2, self.management)
        run = self._run()
        run._cron_bill()
        bill_a, bill_a2 = self._bills(self.unit_a), self._bills(self.unit_a2)
        self.assertEqual(len(bill_a), 1)
        self.assertEqual(bill_a.state, "posted")
        self.assertEqual(bill_a.move_type, "out_invoice")
        self.assertEqual(bill_a.partner_id, self.owner_a)
        self.assertEqual(bill_a.property_fee_period, PERIOD)
        self.assertEqual(bill_a.property_estate_id, self.estate_a)
        self.assertEqual(bill_a.property_fee_run_id, run)
        # 89.5 m² × 2.5 + 150 for the parking space.
        self.assertAlmostEqual(bill_a.amount_total, 223.75 + 150.0)
        self.assertEqual(
            bill_a.invoice_line_ids.property_fee_item_id, self.management | self.parking
        )
        # Vacant: half of 100 m² × 2.5.
        self.assertAlmostEqual(bill_a2.amount_total, 125.0)
        self.assertEqual(run.state, "done")
        self.assertEqual((run.unit_count, run.done_count, run.bill_count), (2, 2, 2))
        self.assertAlmostEqual(run.amount_total, 498.75)

    def test_one_bill_per_payer(self):
        self._apply(self.unit_a, self.management)
        self._apply(self.unit_a, self.parking, payer_id=self.tenant_a.id)
        self._run()._cron_bill()
        bills = self._bills(self.unit_a)
        self.assertEqual(bills.partner_id, self.owner_a | self.tenant_a)
        tenant_bill = bills.filtered(lambda bill: bill.partner_id == self.tenant_a)
        self.assertEqual(tenant_bill.invoice_line_ids.property_fee_item_id, self.parking)

    def test_quarterly_items_only_in_their_period(self):
        self.parking.billing_period = "quarter"
        self._apply(self.unit_a, self.parking)
        self._apply(self.unit_a, self.management)
        self._run(date(2026, 11, 1))._cron_bill()
        self.assertEqual(self._bills().invoice_line_ids.property_fee_item_id, self.management)
        self._run(date(2026, 10, 1))._cron_bill()
        october = self._bills().filtered(lambda b: b.property_fee_period == date(2026, 10, 1))
        parking = october.invoice_line_ids.filtered(
            lambda line: line.property_fee_item_id == self.parking
        )
        self.assertEqual(parking.quantity, 3)
        self.assertAlmostEqual(parking.price_subtotal, 450.0)

    def test_dates_of_the_unit_item(self):
        self._apply(self.unit_a, self.management, start=date(2026, 12, 1))
        self._apply(self.unit_a2, self.management, date_end=date(2026, 10, 31))
        run = self._run()
        run._cron_bill()
        self.assertFalse(self._bills())
        self.assertEqual(run.unit_count, 0)

    def test_metered_with_tiers_and_minimum(self):
        self.water.write(
            {
                "minimum_amount": 10.0,
                "tier_ids": [
                    (0, 0, {"up_to": 10, "price": 3.0}),
                    (0, 0, {"up_to": 0, "price": 5.0}),
                ],
            }
        )
        self._apply(self.unit_a, self.water)
        self._apply(self.unit_a2, self.water)
        meter_a, meter_a2 = self._meter(self.unit_a), self._meter(self.unit_a2)
        self._read(meter_a, date(2026, 10, 1), 100)
        self._read(meter_a, PERIOD, 114)  # 10 × 3 + 4 × 5
        self._read(meter_a2, date(2026, 10, 1), 50)
        self._read(meter_a2, PERIOD, 51)  # 1 × 3, below the minimum
        self._run()._cron_bill()
        self.assertAlmostEqual(self._bills(self.unit_a).amount_total, 50.0)
        self.assertAlmostEqual(self._bills(self.unit_a2).amount_total, 10.0)

    def test_shared_meter_apportioned_by_floor_area(self):
        self._apply(self.unit_a, self.lift)  # 89.5 m²
        self._apply(self.unit_a2, self.lift)  # 100 m²
        common = self.env["property.meter"].create(
            {
                "serial": "LIFT-A1",
                "is_common": True,
                "building_id": self.building_a.id,
                "item_id": self.lift.id,
            }
        )
        self._read(common, date(2026, 10, 1), 1000)
        self._read(common, PERIOD, 1379)  # 379 kWh
        self._run()._cron_bill()
        share_a = self._bills(self.unit_a).amount_total
        share_a2 = self._bills(self.unit_a2).amount_total
        self.assertAlmostEqual(share_a, 179.0, places=2)
        self.assertAlmostEqual(share_a2, 200.0, places=2)
        self.assertAlmostEqual(share_a + share_a2, 379.0, places=2)

    def test_billing_twice_bills_nothing_new(self):
        self._apply(self.unit_a, self.management)
        self._apply(self.unit_a2, self.management)
        run = self._run()
        run._cron_bill()
        bills = self._bills()
        run.with_user(self.accountant).action_start()
        run._cron_bill()
        self.assertEqual(self._bills(), bills)
        self.assertEqual(run.state, "done")
        # The database holds the key too, whatever the code checks.
        line = bills[0].invoice_line_ids
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            with self.env.cr.savepoint():
                self.env.cr.execute(
                    "INSERT INTO account_move_line (move_id, account_id, property_fee_unit_id,"
                    " property_fee_item_id, property_fee_charge_period, display_type,"
                    " company_id, journal_id, date, parent_state, balance, currency_id,"
                    " amount_currency)"
                    " SELECT move_id, account_id, property_fee_unit_id, property_fee_item_id,"
                    " property_fee_charge_period, display_type, company_id, journal_id, date,"
                    " parent_state, balance, currency_id, amount_currency"
                    " FROM account_move_line WHERE id = %s",
                    [line.id],
                )

    def test_a_run_killed_halfway_resumes_without_duplicates(self):
        units = self.unit_a | self.unit_a2
        for number in range(3):
            units |= self.env["property.unit"].create(
                {
                    "name": f"90{number}",
                    "building_id": self.building_a.id,
                    "floor_area": 50,
                    "owner_id": self.owner_b.id,
                }
            )
        for unit in units:
            self._apply(unit, self.parking)
        run = self._run()
        self.assertTrue(bill_and_die(run))
        self.assertEqual(len(self._bills()), 2, "the batch that died left nothing behind")
        self.assertEqual(run.state, "running")
        run._cron_bill(batch_size=2)
        bills = self._bills()
        self.assertEqual(len(bills), 5)
        self.assertEqual(bills.property_unit_id, units)
        self.assertEqual(run.state, "done")
        self.assertEqual(run.done_count, 5)

    def test_prepayment_applied_at_once(self):
        self._apply(self.unit_a, self.management)  # 223.75
        payment = self.env["account.payment"].create(
            {
                "payment_type": "inbound",
                "partner_type": "customer",
                "partner_id": self.owner_a.id,
                "amount": 100.0,
            }
        )
        payment.action_post()
        self._run()._cron_bill()
        bill = self._bills(self.unit_a)
        self.assertAlmostEqual(bill.amount_residual, 123.75)
        self.assertEqual(bill.payment_state, "partial")
        # Every yuan once: the payment is used whole, on this bill only.
        self.assertTrue(payment.move_id.line_ids.filtered("reconciled") or payment.is_reconciled)
        self.assertAlmostEqual(bill.amount_total - bill.amount_residual, payment.amount)

    def test_prepayment_larger_than_the_bill(self):
        self._apply(self.unit_a, self.management)
        payment = self.env["account.payment"].create(
            {
                "payment_type": "inbound",
                "partner_type": "customer",
                "partner_id": self.owner_a.id,
                "amount": 1000.0,
            }
        )
        payment.action_post()
        self._run()._cron_bill()
        bill = self._bills(self.unit_a)
        self.assertIn(bill.payment_state, ("paid", "in_payment"))
        receivable = payment.move_id.line_ids.filtered(
            lambda line: line.account_type == "asset_receivable"
        )
        self.assertAlmostEqual(receivable.amount_residual, -(1000.0 - 223.75))

    @freeze_time(datetime(2026, 11, 30, 17, 0))  # 1 December, 01:00 in Shanghai
    def test_the_estate_clock_gives_the_period(self):
        self.assertEqual(
            self.env["property.fee.run"]._default_period(self.estate_a), date(2026, 12, 1)
        )

    def test_only_the_accountant_starts_a_run(self):
        run = self.env["property.fee.run"].create(
            {"estate_id": self.estate_a.id, "period_start": PERIOD}
        )
        with self.assertRaises(AccessError):
            run.with_user(self.agent_a).action_start()
        with self.assertRaises(AccessError):
            run.with_user(self.accountant).write({"state": "done"})

    def test_bill_links_are_kept_by_the_system(self):
        self._apply(self.unit_a, self.management)
        run = self._run()
        run._cron_bill()
        bill = self._bills()
        with self.assertRaises(AccessError):
            bill.with_user(self.accountant).write({"property_fee_run_id": False})
        with self.assertRaises(AccessError):
            bill.invoice_line_ids.with_user(self.accountant).write({"property_fee_item_id": False})

    def test_on_behalf_items_are_booked_apart(self):
        with self.assertRefused(ValidationError, "account of its own"):
            self._item("Maintenance fund", "area", rate_residential=0.25, on_behalf=True)
        fund_account = self.env["account.account"].create(
            {
                "name": "Maintenance fund collected",
                "code": "224100",
                "account_type": "liability_current",
            }
        )
        fund = self._item(
            "Maintenance fund",
            "area",
            rate_residential=0.25,
            on_behalf=True,
            account_id=fund_account.id,
        )
        self._apply(self.unit_a, fund)
        self._apply(self.unit_a, self.management)
        self._run()._cron_bill()
        lines = self._bills(self.unit_a).invoice_line_ids
        fund_line = lines.filtered(lambda line: line.property_fee_item_id == fund)
        self.assertEqual(fund_line.account_id, fund_account)
        self.assertNotEqual((lines - fund_line).account_id, fund_account)

    def test_settings_defaults(self):
        company = self.env["res.company"].create({"name": "New property company"})
        self.assertEqual(company.property_fee_billing_period, "month")
        self.assertEqual(company.property_meter_review_factor, 3.0)
        self.assertEqual(company.property_meter_review_months, 6)
        self.company.property_fee_billing_period = "quarter"
        self.assertEqual(self._item("Lift", "fixed", fixed_amount=10).billing_period, "quarter")

    def test_settings_refuse_a_senseless_review(self):
        with self.assertRefused(ValidationError, "between 1 and 100"):
            self.company.property_meter_review_factor = 0.5
        with self.assertRefused(ValidationError, "between 1 and 100"):
            self.company.property_meter_review_months = 0

    def test_other_credits_are_not_prepayments(self):
        """A repair's surplus waiting for its refund is not money paid ahead for the fees."""
        self._apply(self.unit_a, self.management)
        refund = self.env["account.move"].create(
            {
                "move_type": "out_refund",
                "partner_id": self.owner_a.id,
                "invoice_line_ids": [(0, 0, {"name": "Repair surplus", "price_unit": 50})],
            }
        )
        refund.action_post()
        self._run()._cron_bill()
        self.assertAlmostEqual(self._bills(self.unit_a).amount_residual, 223.75)
        self.assertAlmostEqual(refund.amount_residual, 50)
