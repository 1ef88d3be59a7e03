import unicodedata
from datetime import date, datetime, timedelta

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import mute_logger

from ..common import ServiceDeskCase, needs_pdftotext, pdf_text

T0 = datetime(2026, 12, 1, 2, 0)  # Tuesday 10:00 in Shanghai


class LendingCase(ServiceDeskCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.estate_a.resource_calendar_id.tz = "Asia/Shanghai"
        cls.accountant = cls._user("psd_acc_a", "group_property_accountant")
        cls.estate_a.member_ids = [(4, cls.accountant.id)]
        cls.umbrella = cls.env["property.lending.item"].create(
            {"name": "Umbrella", "kind": "umbrella", "estate_id": cls.estate_a.id, "quantity": 2}
        )
        cls.trolley_b = cls.env["property.lending.item"].create(
            {"name": "Trolley", "kind": "trolley", "estate_id": cls.estate_b.id, "quantity": 1}
        )
        cls.copy = cls.env.ref("property_service_desk.product_convenience_copy")

    def lend(self, user=None, **vals):
        vals = {
            "item_id": self.umbrella.id,
            "partner_id": self.owner_a.id,
            "unit_id": self.unit_a.id,
            "lent_at": T0,
            **vals,
        }
        return self.env["property.lending"].with_user(user or self.agent_a).create(vals)

    def service(self, user=None, **vals):
        vals = {
            "unit_id": self.unit_a.id,
            "partner_id": self.owner_a.id,
            "product_id": self.copy.id,
            "quantity": 10,
            **vals,
        }
        return self.env["property.convenience.service"].with_user(user or self.agent_a).create(vals)


@freeze_time(T0)
class TestLending(LendingCase):
    def test_an_item_is_tracked_until_returned(self):
        lending = self.lend()
        self.assertTrue(lending.name.startswith("LND/"))
        self.assertEqual(lending.estate_id, self.estate_a)
        self.assertEqual(lending.due_at, T0 + timedelta(hours=24))
        self.assertEqual(lending.lent_by_id, self.agent_a)
        self.assertEqual(self.umbrella.available_quantity, 1)
        lending.with_user(self.agent_a).action_return()
        self.assertEqual(lending.state, "returned")
        self.assertEqual(lending.returned_to_id, self.agent_a)
        self.umbrella.invalidate_recordset()
        self.assertEqual(self.umbrella.available_quantity, 2)
        with self.assertRefused(UserError, "already returned"):
            lending.with_user(self.agent_a).action_return()
        with self.assertRefused(AccessError, "official record"):
            lending.with_user(self.agent_a).write({"note": "lost"})

    def test_more_than_held_is_refused_and_nothing_is_lent(self):
        self.lend(quantity=2)
        with self.assertRefused(ValidationError, "Only 0 of Umbrella left"):
            self.lend()
        self.assertEqual(
            self.env["property.lending"].search_count([("item_id", "=", self.umbrella.id)]), 1
        )
        with self.assertRefused(ValidationError, "due back before it is lent"):
            self.lend(item_id=self.umbrella.id, quantity=0 + 1, due_at=T0 - timedelta(hours=1))

    def test_system_fields_and_estates(self):
        with self.assertRefused(AccessError, "kept by the system"):
            self.lend(state="returned")
        lending = self.lend()
        with self.assertRefused(AccessError, "kept by the system"):
            lending.with_user(self.agent_a).write({"returned_at": T0})
        with self.assertRaises(AccessError):
            lending.with_user(self.agent_b).action_return()
        with self.assertRaises(AccessError):
            self.lend(user=self.agent_a, item_id=self.trolley_b.id, unit_id=False)
        with self.assertRefused(ValidationError, "is not in estate"):
            self.lend(user=self.centre_manager, unit_id=self.unit_b.id)

    def test_overdue_borrowers_are_reminded_once_a_day(self):
        lending = self.lend()
        Lending = self.env["property.lending"]

        def remind(now):
            Lending._cron_remind_overdue(now=now)
            return lending.reminder_count

        self.assertEqual(remind(T0 + timedelta(hours=23)), 0, "not due yet")
        later = T0 + timedelta(hours=25)
        with freeze_time(later):
            self.assertTrue(lending.is_overdue)
            self.assertIn(lending, Lending.search([("is_overdue", "=", True)]))
            self.assertEqual(remind(later), 1)
            self.assertEqual(remind(later + timedelta(hours=2)), 1, "once a day")
        self.assertEqual(lending.last_reminded_on, date(2026, 12, 2))
        told = lending.message_ids.filtered(lambda m: self.owner_a in m.partner_ids)
        self.assertIn("Please return", told.body)
        self.assertEqual(lending.activity_ids.user_id, self.agent_a)
        self.assertEqual(remind(T0 + timedelta(days=2)), 2, "the next day again")
        lending.with_user(self.agent_a).action_return()
        self.assertEqual(remind(T0 + timedelta(days=3)), 2, "returned: no more")


@freeze_time(T0)
class TestConvenienceService(LendingCase):
    def test_charged_at_the_published_price_through_accounting_with_a_receipt(self):
        pricelist = self.env["product.pricelist"].create(
            {
                "name": "Published",
                "item_ids": [
                    (
                        0,
                        0,
                        {
                            "applied_on": "0_product_variant",
                            "product_id": self.copy.id,
                            "fixed_price": 0.4,
                        },
                    )
                ],
            }
        )
        self.company.property_pricelist_id = pricelist
        service = self.service()
        self.assertTrue(service.name.startswith("BC/"))
        self.assertEqual(service.price_unit, 0.4)
        self.assertEqual(service.amount_total, 4.0)
        action = service.with_user(self.agent_a).action_charge()
        self.assertEqual(action["report_name"], "property_service_desk.report_convenience_receipt")
        self.assertEqual(service.state, "paid")
        move = service.invoice_move_id
        self.assertEqual(move.state, "posted")
        self.assertEqual(move.amount_total, 4.0)
        self.assertEqual(move.partner_id, self.owner_a)
        self.assertIn(move.payment_state, ("paid", "in_payment"))
        self.assertEqual(service.charged_by_id, self.agent_a)
        with self.assertRefused(UserError, "already paid"):
            service.with_user(self.agent_a).action_charge()
        with self.assertRefused(AccessError, "official record"):
            service.with_user(self.agent_a).write({"quantity": 1})
        with self.assertRefused(AccessError, "official record"):
            service.unlink()

    def test_the_price_is_not_the_callers(self):
        with self.assertRefused(AccessError, "kept by the system"):
            self.service(price_unit=0.01)
        service = self.service()
        with self.assertRefused(AccessError, "kept by the system"):
            service.with_user(self.agent_a).write({"price_unit": 0.01})
        with self.assertRefused(AccessError, "kept by the system"):
            service.with_user(self.agent_a).write({"invoice_move_id": False, "state": "paid"})

    def test_bad_input_is_refused_and_nothing_is_charged(self):
        other = self.env["product.product"].create({"name": "Not a service of the centre"})
        with self.assertRefused(ValidationError, "not a convenience service"):
            self.service(product_id=other.id)
        free = self.copy.copy({"list_price": 0})
        service = self.service(product_id=free.id)
        moves = self.env["account.move"].search_count([])
        with self.assertRefused(UserError, "no price"):
            service.with_user(self.agent_a).action_charge()
        self.assertEqual(self.env["account.move"].search_count([]), moves)
        self.assertEqual(service.state, "draft")
        with self.assertRefused(UserError, "not paid yet"):
            service.with_user(self.agent_a).action_print_receipt()
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            self.service(quantity=0)

    def test_only_the_desk_of_the_estate_charges(self):
        service = self.service()
        with self.assertRaises(AccessError):
            service.with_user(self.agent_b).action_charge()
        with self.assertRefused(AccessError, "reserved"):
            service.with_user(self.technician).action_charge()
        with self.assertRefused(AccessError, "reserved"):
            service.with_user(self.accountant).action_charge()
        self.assertEqual(service.state, "draft")
        self.assertEqual(service.with_user(self.accountant).amount_total, service.amount_total)

    @needs_pdftotext
    def test_receipt_and_register_of_the_day_are_printed(self):
        service = self.service()
        service.with_user(self.agent_a).action_charge()
        lending = self.lend()
        receipt = pdf_text(
            self.env, "property_service_desk.report_convenience_receipt", service.ids
        )
        self.assertIn("收款收据", receipt)
        self.assertIn(service.invoice_move_id.name, receipt)
        wizard = self.env["property.register.wizard"].with_user(self.agent_a)
        for register, record, title in (
            ("property_lending_report_register", lending, "借用登记表"),
            ("property_convenience_service_report_register", service, "商务中心收费登记表"),
        ):
            action = wizard.create(
                {
                    "register": f"property_service_desk.{register}",
                    "estate_ids": [(6, 0, self.estate_a.ids)],
                    "date_from": date(2026, 12, 1),
                    "date_to": date(2026, 12, 1),
                }
            ).action_print()
            self.assertEqual(action["context"]["active_ids"], record.ids)
            text = unicodedata.normalize(
                "NFKC", pdf_text(self.env, action["report_name"], record.ids)
            )
            self.assertIn(title, text)
            self.assertIn(record.name, text)
