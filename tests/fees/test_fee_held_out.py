"""The held-out scenario of issue #28 (SPEC §10), end to end through the billing run, the desk and
the figures: bill an estate twice (the second run creates nothing), kill a run halfway and resume
it (no duplicate, none missing), pay partly and in advance (the prepaid credit applied to the next
bill), and find every yuan once, per payer: what was billed is paid on the bills or still open,
what was paid is on the bills or still prepaid; the cashiers' daily closes hold the payments.
(The same run under two real workers at once: test_fee_billing_workers.py.)"""

from collections import Counter
from datetime import date

from freezegun import freeze_time

from .common import FeeCase, bill_and_die

NOV, DEC = date(2026, 11, 1), date(2026, 12, 1)
NOV_DAY = "2026-11-20 02:00:00"  # 10:00 in Shanghai
DEC_DAY = "2026-12-05 02:00:00"


class TestFeeHeldOutScenario(FeeCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner, Unit = cls.env["res.partner"], cls.env["property.unit"]
        cls.units = cls.unit_a | cls.unit_a2  # 89.5 m² (王芳), 100 m² (陈静)
        for number, area in enumerate((60.0, 70.0, 80.0, 90.0), start=3):
            owner = Partner.create({"name": f"Held-out owner {number}"})
            cls.units |= Unit.create(
                {
                    "name": f"130{number}",
                    "building_id": cls.building_a.id,
                    "floor": 13,
                    "floor_area": area,
                    "owner_id": owner.id,
                }
            )
        for unit in cls.units:
            cls._apply(unit, cls.management)  # 2.5 ¥/m² a month
        for unit in cls.units[::2]:
            cls._apply(unit, cls.parking)  # 150 ¥ a month
        cls.expected = {
            unit: round(unit.floor_area * 2.5 + (150.0 if unit in cls.units[::2] else 0.0), 2)
            for unit in cls.units
        }

    def charge_keys(self, period):
        lines = self.env["account.move.line"].search(
            [
                ("property_fee_unit_id", "in", self.units.ids),
                ("property_fee_charge_period", "=", period),
            ]
        )
        return Counter((line.property_fee_unit_id, line.property_fee_item_id) for line in lines)

    def expected_keys(self):
        return {
            (unit, item)
            for unit in self.units
            for item in (self.management, self.parking)
            if item == self.management or unit in self.units[::2]
        }

    def bills_of(self, period):
        return self._bills().filtered(lambda bill: bill.property_fee_period == period)

    def collect(self, unit, amount, method):
        return unit.with_user(self.agent_a)._property_collect(unit.owner_id, amount, method)

    def assertBilledOnce(self, period):
        keys = self.charge_keys(period)
        self.assertEqual(set(keys), self.expected_keys(), "every unit and item billed")
        self.assertEqual(set(keys.values()), {1}, "none billed twice")
        bills = self.bills_of(period)
        self.assertEqual(len(bills), len(self.units), "one bill per payer, unit and period")
        self.assertEqual(
            {bill.property_unit_id: bill.amount_total for bill in bills}, self.expected
        )

    def test_bill_twice_kill_halfway_pay_partly_and_ahead_every_yuan_once(self):
        u1, u2, u3, u4, u5, u6 = self.units
        # 1. November: the worker dies in the middle of its second batch. -------------------
        with freeze_time(NOV_DAY):
            run = self._run(NOV)
            self.assertTrue(bill_and_die(run))
            self.assertEqual(len(self._bills()), 2, "the first batch stays, the dying one not")
            run.invalidate_recordset()
            self.assertEqual((run.state, run.done_count), ("running", 2))
            run._cron_bill(batch_size=2)  # the next run resumes where it stopped
            run.invalidate_recordset()
            self.assertEqual((run.state, run.done_count), ("done", len(self.units)))
            self.assertBilledOnce(NOV)
            # 2. The estate billed twice: started again, the run creates nothing. ---------
            november = self.bills_of(NOV)
            run.with_user(self.accountant).action_start()
            run._cron_bill(batch_size=2)
            self.assertEqual(self._bills(), november)
            self.assertBilledOnce(NOV)
            # 3. Paid partly, exactly, and ahead at the desk on 20 November. -------------------
            partly = self.collect(u1, 100.0, "cash")  # of 373.75
            ahead = self.collect(u2, 600.0, "wechat")  # 250 due: 350 kept as prepaid
            exact = self.collect(u3, self.expected[u3], "alipay")
            self.assertEqual(ahead.property_prepaid_amount, 350.0)
            self.assertEqual(u2.property_fee_prepaid, 350.0)
            november_close = (
                self.env["property.fee.daily.close"]
                .with_user(self.agent_a)
                .create({"estate_id": self.estate_a.id})
            )
            november_close.action_close()
        # 4. December: the prepaid credit pays the next bill at once. -----------------------
        with freeze_time(DEC_DAY):
            december_run = self._run(DEC)
            december_run._cron_bill(batch_size=4)
            self.assertBilledOnce(DEC)
            u2_december = self.bills_of(DEC).filtered(lambda bill: bill.property_unit_id == u2)
            self.assertIn(u2_december.payment_state, ("paid", "in_payment"))
            u2.invalidate_recordset()
            self.assertEqual(u2.property_fee_prepaid, 100.0)
            more = self.collect(u1, 500.0, "card")  # 273.75 + 373.75 due: partly again
            transfer = self.collect(u5, 50.0, "transfer")
            december_close = (
                self.env["property.fee.daily.close"]
                .with_user(self.agent_a)
                .create({"estate_id": self.estate_a.id})
            )
            december_close.action_close()
            payments = partly | ahead | exact | more | transfer
            # 5. Every yuan once, per payer. --------------------------------------------------
            bills = self._bills()
            self.assertEqual(len(bills), 2 * len(self.units))
            for unit in self.units:
                payer = unit.owner_id
                with self.subTest(unit=unit.name):
                    unit_bills = bills.filtered(lambda bill, u=unit: bill.property_unit_id == u)
                    self.assertEqual(unit_bills.partner_id, payer)
                    paid = payments.filtered(lambda p, u=unit: p.property_unit_id == u)
                    billed = sum(unit_bills.mapped("amount_total"))
                    open_arrears = sum(unit_bills.mapped("amount_residual"))
                    applied = self.applied(paid, unit_bills)
                    prepaid = unit._property_prepaid(payer)
                    self.assertAlmostEqual(billed, applied + open_arrears)
                    self.assertAlmostEqual(sum(paid.mapped("amount")), applied + prepaid)
                    self.assertAlmostEqual(
                        billed + prepaid, sum(paid.mapped("amount")) + open_arrears
                    )
                    unit.invalidate_recordset()
                    self.assertAlmostEqual(unit.property_fee_due, open_arrears)
                    self.assertAlmostEqual(unit.property_fee_prepaid, prepaid)
                    ledger = unit._property_fee_ledger()
                    self.assertAlmostEqual(ledger[-1]["balance"], open_arrears - prepaid)
            # u1 paid 600 of 747.50, u2 its 500 and 100 ahead, u3 November, u5 50 of 700;
            # u4 and u6 nothing.
            residual = {
                unit: sum(
                    bills.filtered(lambda b, u=unit: b.property_unit_id == u).mapped(
                        "amount_residual"
                    )
                )
                for unit in self.units
            }
            self.assertEqual(
                residual, {u1: 147.5, u2: 0.0, u3: 300.0, u4: 350.0, u5: 650.0, u6: 450.0}
            )
            self.assertEqual(u2._property_prepaid(u2.owner_id), 100.0)
            # The arrears list holds exactly what is open and overdue.
            arrears = self.estate_a._property_fee_arrears()
            overdue = bills.filtered(
                lambda b: b.amount_residual and b.invoice_date_due < date(2026, 12, 5)
            )
            self.assertEqual({row["bill"] for row in arrears} & set(bills), set(overdue))
            # The daily closes hold the payments of their day, each once, in the journals.
            self.assertEqual(november_close.payment_ids, partly | ahead | exact)
            self.assertEqual(december_close.payment_ids, more | transfer)
            for close in (november_close, december_close):
                self.assertEqual(close.state, "closed")
                self.assertAlmostEqual(close.amount_total, sum(close.payment_ids.mapped("amount")))
                self.assertAlmostEqual(close.journal_total, close.amount_total)
            self.assertAlmostEqual(
                november_close.amount_total + december_close.amount_total,
                sum(payments.mapped("amount")),
            )
            # The figures of the estate count each yuan once too.
            nov, dec = self.figures()
            self.assertAlmostEqual(nov["billed"], 1673.75)
            self.assertAlmostEqual(dec["billed"], 1673.75)
            self.assertAlmostEqual(nov["collected"], 100 + 273.75 + 250 + 300 + 50)
            self.assertAlmostEqual(dec["collected"], 250 + 226.25)
            self.assertAlmostEqual(
                nov["collected"] + dec["collected"], self.applied(payments, bills)
            )
            # December began with November's bills less what November paid on them.
            self.assertAlmostEqual(dec["arrears_open"], 1673.75 - (100 + 250 + 300))
            self.assertAlmostEqual(dec["recovered"], 273.75 + 50)
            # Paid in November ahead of the bills: 350, of which December's bill took 250
            # (still November's prepaid: a month's figure does not change afterwards).
            self.assertAlmostEqual(nov["prepaid"], 350.0)
            self.assertAlmostEqual(dec["prepaid"], 0.0)

    def applied(self, payments, bills):
        """What the payments paid on the bills: their reconciliations, each counted once."""
        credits = payments.move_id.line_ids.filtered(
            lambda line: line.account_type == "asset_receivable"
        )
        partials = credits.matched_debit_ids.filtered(
            lambda partial: partial.debit_move_id.move_id in bills
        )
        return sum(partials.mapped("amount"))

    def figures(self):
        """The estate's sums of November and December."""
        Report = self.env["property.fee.collection.monthly"]
        names = ("billed", "collected", "arrears_open", "recovered", "prepaid")
        sums = []
        for month in (NOV, DEC):
            rows = Report.search([("estate_id", "=", self.estate_a.id), ("month", "=", month)])
            sums.append({name: sum(rows.mapped(name)) for name in names})
        return sums
