"""Keys kept for owners (钥匙保管, SPEC §8): authorisations, key sets and the append-only log."""

import base64
import unicodedata
from datetime import date, datetime, timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError

from ..common import ServiceDeskCase, needs_pdftotext, pdf_text

T0 = datetime(2026, 11, 23, 2, 0, 0)  # Monday 10:00 in Shanghai
SCAN = base64.b64encode(b"%PDF-1.4 signed key authorisation")


class KeyCase(ServiceDeskCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.email = "desk@example.com"
        cls.estate_a.resource_calendar_id = cls.env["resource.calendar"].create(
            {"name": "Shanghai", "tz": "Asia/Shanghai"}
        )
        cls.engineering_lead = cls._user("psd_el_key", "group_property_engineering_lead")
        cls.estate_a.member_ids = [(4, cls.engineering_lead.id)]
        cls.authorisation = cls._authorisation()
        cls.key_set = cls.env["property.key.set"].create(
            {
                "unit_id": cls.unit_a.id,
                "authorisation_id": cls.authorisation.id,
                "keys_description": "Unit door",
                "key_count": 2,
                "seal_number": "FT-001",
                "storage_location": "K1-05",
            }
        )
        cls.Log = cls.env["property.key.log"]

    @classmethod
    def _authorisation(cls, **vals):
        return cls.env["property.key.authorisation"].create(
            {
                "unit_id": cls.unit_a.id,
                "document": SCAN,
                "document_name": "authorisation.pdf",
                "keys_description": "Unit door, mailbox",
                "key_count": 2,
                "valid_from": date(2026, 1, 1),
                "valid_until": date(2026, 12, 31),
                "contact_name": "王芳",
                "contact_phone": "188 5258 0646",
                **vals,
            }
        )

    def hand_out(self, user=None, **vals):
        vals.setdefault("key_set_id", self.key_set.id)
        vals.setdefault("purpose", "repair")
        vals.setdefault("reason", "Replace the angle valve")
        vals.setdefault("taken_by_id", self.technician.id)
        vals.setdefault("authorised_by_id", self.engineering_lead.id)
        return self.Log.with_user(user or self.agent_a).create(vals)

    def owner_mails(self, log):
        return self.env["mail.message"].search(
            [
                ("model", "=", "property.key.log"),
                ("res_id", "=", log.id),
                ("partner_ids", "in", self.owner_a.ids),
            ]
        )


@freeze_time(T0)
class TestKeyAuthorisation(KeyCase):
    def test_the_scan_of_the_signed_authorisation_is_required(self):
        with self.assertRefused(ValidationError, "scan of the owner's signed key authorisation"):
            self._authorisation(document=False)
        self.assertEqual(self.authorisation.partner_id, self.owner_a, "the unit's owner by default")
        self.assertTrue(self.authorisation.name.startswith("KA/"))

    def test_a_key_set_holds_no_more_keys_than_authorised_and_only_of_its_unit(self):
        with self.assertRefused(ValidationError, "more than the 2 the owner authorised"):
            self.key_set.key_count = 3
        with self.assertRefused(ValidationError, "another unit"):
            self.key_set.unit_id = self.unit_a2

    def test_revoking_needs_a_reason_and_stops_the_use(self):
        authorisation = self.authorisation.with_user(self.agent_a)
        with self.assertRefused(UserError, "why the key authorisation is revoked"):
            authorisation.action_revoke("")
        self.env["property.key.revoke.wizard"].with_user(self.agent_a).create(
            {"authorisation_id": authorisation.id, "reason": "The owner took the keys back"}
        ).action_confirm()
        self.assertEqual(authorisation.revoked_by_id, self.agent_a)
        with self.assertRefused(UserError, "not valid today"):
            self.hand_out()
        with self.assertRefused(AccessError, "official record"):
            authorisation.write({"valid_until": date(2027, 1, 1)})

    def test_authorisations_are_never_deleted(self):
        with self.assertRaises(AccessError):
            self.authorisation.with_user(self.agent_a).unlink()
        with self.assertRefused(AccessError, "official record"):
            self.authorisation.sudo().unlink()


@freeze_time(T0)
class TestKeyHandOut(KeyCase):
    def test_hand_out_is_logged_at_server_time_and_the_owner_told_by_email(self):
        log = self.hand_out(accompanied_by_ids=[(6, 0, self.agent_a.ids)])
        self.assertEqual(log.out_at, T0)
        self.assertEqual(log.handed_out_by_id, self.agent_a)
        self.assertEqual(log.authorisation_id, self.authorisation)
        self.assertEqual(log.state, "out")
        self.assertTrue(self.key_set.is_out)
        self.assertEqual(log.owner_notified_channel, "email")
        message = self.owner_mails(log)
        self.assertEqual(len(message), 1)
        self.assertIn("Replace the angle valve", message.body)

    def test_the_owner_is_told_by_sms_without_an_email(self):
        self.owner_a.write({"email": False, "mobile": "+86 188 5258 0646"})
        log = self.hand_out()
        self.assertEqual(log.owner_notified_channel, "sms")
        messages = log.message_ids.filtered(lambda m: m.message_type == "sms")
        sms = self.env["sms.sms"].search([("mail_message_id", "in", messages.ids)])
        self.assertEqual(len(sms), 1)
        self.assertEqual(sms.partner_id, self.owner_a)
        self.assertIn(log.name, sms.body)

    def test_the_owner_is_not_told_of_their_own_request(self):
        log = self.hand_out(purpose="owner_request", reason="Owner locked out")
        self.assertFalse(log.owner_notified_at)
        self.assertFalse(self.owner_mails(log))

    def test_out_at_and_who_handed_out_are_the_servers(self):
        with self.assertRefused(AccessError, "kept by the system"):
            self.hand_out(out_at="2026-11-20 08:00:00")
        with self.assertRefused(AccessError, "kept by the system"):
            self.hand_out(back_at="2026-11-20 08:00:00")

    def test_no_key_out_without_a_valid_authorisation(self):
        self.authorisation.valid_until = date(2026, 11, 22)
        for purpose in ("repair", "vacant_inspection", "owner_request"):
            with self.subTest(purpose=purpose), self.assertRefused(UserError, "not valid today"):
                self.hand_out(purpose=purpose)
        self.authorisation.write(
            {"valid_from": date(2026, 11, 24), "valid_until": date(2026, 12, 31)}
        )
        with self.assertRefused(UserError, "not valid today"):
            self.hand_out()

    def test_a_key_set_out_is_not_handed_out_again(self):
        first = self.hand_out()
        with self.assertRefused(UserError, "already out"):
            self.hand_out()
        first.with_user(self.agent_a).action_return()
        self.assertEqual(first.back_at, T0)
        self.assertEqual(first.received_back_by_id, self.agent_a)
        self.assertFalse(self.key_set.is_out)
        second = self.hand_out()
        self.assertEqual(second.state, "out")
        with self.assertRefused(UserError, "already back"):
            first.with_user(self.agent_a).action_return()

    def test_only_the_desk_of_the_estate_hands_keys_out(self):
        with self.assertRaises(AccessError):
            self.hand_out(user=self.technician)
        with self.assertRaises(AccessError):
            self.hand_out(user=self.agent_b)


@freeze_time(T0)
class TestEmergencyEntry(KeyCase):
    def test_emergency_needs_its_kind_and_two_staff_but_no_authorisation(self):
        self.authorisation.valid_until = date(2026, 1, 31)
        with self.assertRefused(UserError, "leak, fire or gas"):
            self.hand_out(purpose="emergency", reason="Water through the ceiling")
        with self.assertRefused(UserError, "needs two staff"):
            self.hand_out(purpose="emergency", emergency_kind="leak", reason="Leak")
        with self.assertRefused(UserError, "needs two staff"):
            self.hand_out(
                purpose="emergency",
                emergency_kind="leak",
                reason="Leak",
                accompanied_by_ids=[(6, 0, self.technician.ids)],
            )
        log = self.hand_out(
            purpose="emergency",
            emergency_kind="leak",
            reason="Water through the ceiling of 1102",
            accompanied_by_ids=[(6, 0, self.agent_a.ids)],
        )
        self.assertFalse(log.authorisation_id, "no valid authorisation was used")
        self.assertEqual(log.owner_notified_channel, "email", "the owner is told at once")

    def test_an_emergency_entry_comes_back_with_photos_and_a_written_record(self):
        log = self.hand_out(
            purpose="emergency",
            emergency_kind="gas",
            reason="Smell of gas",
            accompanied_by_ids=[(6, 0, self.agent_a.ids)],
        ).with_user(self.agent_a)
        with self.assertRefused(UserError, "attach the photos and write the record"):
            log.action_return()
        photo = self.env["ir.attachment"].create(
            {"name": "valve.jpg", "raw": b"jpeg", "res_model": "property.key.log", "res_id": log.id}
        )
        log.write({"photo_ids": [(6, 0, photo.ids)]})
        with self.assertRefused(UserError, "attach the photos and write the record"):
            log.action_return()
        log.entry_report = "Gas valve open in the kitchen; closed it, windows opened."
        log.action_return()
        self.assertEqual(log.state, "back")


@freeze_time(T0)
class TestKeyLogIsAppendOnly(KeyCase):
    def test_nobody_rewrites_or_deletes_the_log(self):
        log = self.hand_out().with_user(self.agent_a)
        with self.assertRefused(AccessError, "part of the key log"):
            log.write({"reason": "Something else"})
        with self.assertRefused(AccessError, "part of the key log"):
            log.write({"taken_by_id": self.agent_a.id})
        log.note = "Technician called the owner first"  # while out, notes may be added
        log.action_return()
        with self.assertRefused(AccessError, "can no longer be changed"):
            log.write({"note": "Rewritten"})
        with self.assertRaises(AccessError):
            log.unlink()
        admin = self._user("psd_admin_key", "group_property_manager")
        with self.assertRaises(AccessError):
            log.with_user(admin).unlink()
        with self.assertRefused(AccessError, "official record"):
            log.sudo().unlink()
        with self.assertRefused(AccessError, "official record"):
            self.key_set.sudo().unlink()

    def test_staff_of_another_estate_do_not_see_the_keys(self):
        log = self.hand_out()
        for record in (self.authorisation, self.key_set, log):
            with self.subTest(model=record._name):
                Model = self.env[record._name].with_user(self.agent_b)
                self.assertFalse(Model.search([("id", "=", record.id)]))
                with self.assertRaises(AccessError):
                    record.with_user(self.agent_b).read(["name"])
                with self.assertRaises(AccessError):
                    record.with_user(self.technician).read(["name"])


class TestKeysNotBack(KeyCase):
    def flagged(self):
        activity_type = self.env.ref("property_service_desk.mail_activity_type_key_not_back")
        return self.key_set.activity_ids.filtered(lambda a: a.activity_type_id == activity_type)

    def test_a_key_not_back_by_the_end_of_the_local_day_is_flagged_once_to_the_gm(self):
        with freeze_time(datetime(2026, 11, 23, 10, 0)):  # 18:00 in Shanghai
            log = self.hand_out()
        self.Log._cron_flag_not_back(now=datetime(2026, 11, 23, 15, 59))  # 23:59 local
        self.assertFalse(self.flagged())
        self.assertFalse(log.overdue_flagged_at)
        self.Log._cron_flag_not_back(now=datetime(2026, 11, 23, 16, 1))  # 00:01 the next day
        activity = self.flagged()
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.centre_manager)
        self.assertIn(log.name, activity.note)
        self.assertEqual(log.overdue_flagged_at, datetime(2026, 11, 23, 16, 1))
        self.Log._cron_flag_not_back(now=datetime(2026, 11, 24, 16, 1))
        self.assertEqual(len(self.flagged()), 1, "never twice")

    def test_the_day_is_the_estates_own(self):
        self.estate_a.tz = "UTC"
        with freeze_time(datetime(2026, 11, 23, 10, 0)):
            log = self.hand_out()
        self.Log._cron_flag_not_back(now=datetime(2026, 11, 23, 16, 1))  # still the 23rd in UTC
        self.assertFalse(log.overdue_flagged_at)
        self.Log._cron_flag_not_back(now=datetime(2026, 11, 24, 0, 1))
        self.assertTrue(log.overdue_flagged_at)

    def test_keys_back_in_time_are_not_flagged(self):
        with freeze_time(datetime(2026, 11, 23, 3, 0)):
            log = self.hand_out()
            log.with_user(self.agent_a).action_return()
        self.Log._cron_flag_not_back(now=datetime(2026, 11, 25, 0, 0))
        self.assertFalse(self.flagged())
        self.assertFalse(log.overdue_flagged_at)

    def test_a_key_out_at_night_counts_in_the_local_day(self):
        with freeze_time(datetime(2026, 11, 23, 17, 0)):  # 01:00 on the 24th in Shanghai
            log = self.hand_out()
        self.Log._cron_flag_not_back(now=datetime(2026, 11, 24, 15, 0))  # 23:00 on the 24th
        self.assertFalse(log.overdue_flagged_at, "taken on the 24th, local time")
        self.Log._cron_flag_not_back(now=datetime(2026, 11, 24, 16, 0))
        self.assertTrue(log.overdue_flagged_at)


@needs_pdftotext
@freeze_time(T0)
class TestKeyRegister(KeyCase):
    def test_key_borrowing_register(self):
        log = self.hand_out(accompanied_by_ids=[(6, 0, self.agent_a.ids)])
        log.with_user(self.agent_a).action_return()
        text = unicodedata.normalize(
            "NFKC", pdf_text(self.env, "property_service_desk.report_register_key_log", log.ids)
        )
        self.assertIn("钥匙借用登记表", text)
        # Narrow columns wrap long values: look for short ones.
        self.assertIn("FT-", text)
        self.assertIn("1201", text)
        self.assertIn("psd_el_key", text)
        self.assertGreater(log.back_at, T0 - timedelta(seconds=1))
