from datetime import datetime, timedelta

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time
from lxml import etree

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools.safe_eval import safe_eval

from ..callbacks.test_callback import SIGNATURE
from ..common import PropertyCase

T0 = datetime(2026, 11, 23, 2, 0, 0)  # Monday 10:00 in Shanghai


class ParcelCase(PropertyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Parcel = cls.env["property.parcel"]
        cls.sf = cls.env.ref("property_service_desk.property_parcel_carrier_sf")
        cls.jd = cls.env.ref("property_service_desk.property_parcel_carrier_jd")
        cls.company.property_parcel_notify_channel = "auto"
        cls.company.property_parcel_reminder_days = 3
        cls.company.email = "desk@example.com"

    @classmethod
    def _parcel(cls, **vals):
        vals.setdefault("unit_id", cls.unit_a.id)
        vals.setdefault("carrier_id", cls.sf.id)
        vals.setdefault("tracking_number", "SF100000001")
        vals.setdefault("storage_location", "Shelf A-3")
        vals.setdefault("received_at", T0)
        return cls.env["property.parcel"].create(vals)

    def mails_to(self, partner, parcel):
        return self.env["mail.mail"].search(
            [
                ("recipient_ids", "in", partner.ids),
                ("model", "=", "property.parcel"),
                ("res_id", "=", parcel.id),
            ]
        )

    def sms_of(self, parcel):
        messages = parcel.message_ids.filtered(lambda m: m.message_type == "sms")
        return self.env["sms.sms"].search([("mail_message_id", "in", messages.ids)])


@freeze_time(T0)
class TestParcelRules(ParcelCase):
    def test_estate_and_recipient_come_from_the_unit(self):
        parcel = self._parcel()
        self.assertEqual(parcel.estate_id, self.estate_a)
        self.assertEqual(parcel.company_id, self.company)
        self.assertEqual(parcel.partner_id, self.tenant_a, "the occupant first")
        self.assertTrue(parcel.name.startswith("PCL/"))
        self.assertEqual(parcel.received_by_id, self.env.user)
        owner_parcel = self._parcel(unit_id=self.unit_b.id, tracking_number="SF2")
        self.assertEqual(owner_parcel.partner_id, self.owner_b, "no tenant: the owner")

    def test_unit_must_belong_to_the_estate(self):
        with self.assertRefused(ValidationError, "is not in estate"):
            self._parcel(estate_id=self.estate_b.id)

    def test_tracking_number_is_normalized_and_an_open_duplicate_refused(self):
        parcel = self._parcel(tracking_number=" sf 1000 0000 1 ")
        self.assertEqual(parcel.tracking_number, "SF100000001")
        with self.assertRefused(ValidationError, "already registered as"):
            self._parcel(tracking_number="SF100000001")
        other_carrier = self._parcel(carrier_id=self.jd.id, tracking_number="sf100000001")
        self.assertEqual(other_carrier.tracking_number, "SF100000001")
        parcel._record_pickup("赵磊", SIGNATURE)
        again = self._parcel(tracking_number="SF100000001")
        self.assertEqual(again.state, "notified", "a collected item's number may come back")

    def test_duplicate_warning_while_typing(self):
        self._parcel(tracking_number="SF555")
        with self.env.cr.savepoint():
            form_parcel = self.Parcel.new({"carrier_id": self.sf.id, "tracking_number": "sf 555"})
            result = form_parcel._onchange_tracking_number_warn_duplicate()
        self.assertEqual(form_parcel.tracking_number, "SF555")
        self.assertIn("warning", result)

    def test_lookup_by_tracking_number(self):
        parcel = self._parcel(tracking_number="YT7788990011")
        self._parcel(tracking_number="SF999")
        found = self.Parcel.name_search("YT7788990011")
        self.assertEqual([row[0] for row in found], parcel.ids)
        search_view = self.env.ref("property_service_desk.property_parcel_view_search")
        node = etree.fromstring(search_view.arch).xpath("//field[@name='tracking_number']")[0]
        domain = safe_eval(node.get("filter_domain"), {"self": "yt 778899", "raw_value": ""})
        self.assertEqual(self.Parcel.search(domain), parcel)

    def test_collected_item_is_read_only_and_kept(self):
        parcel = self._parcel()
        parcel._record_pickup("赵磊", SIGNATURE)
        as_agent = parcel.with_user(self.agent_a)
        with self.assertRefused(UserError, "can no longer be changed"):
            as_agent.storage_location = "Shelf B"
        with self.assertRefused(UserError, "cannot be deleted"):
            as_agent.unlink()
        # A test's note, not a text of the addon. pylint: disable-next=translation-required
        as_agent.message_post(body="Auditor's note")  # the chatter stays open

    def test_uncollected_item_can_be_deleted(self):
        parcel = self._parcel(notify_channel="none")
        parcel.with_user(self.agent_a).unlink()
        self.assertFalse(parcel.exists())

    def test_return_to_sender_needs_a_reason(self):
        parcel = self._parcel()
        with self.assertRefused(UserError, "Return Reason"):
            parcel.action_return_to_sender()
        parcel.return_reason = "Refused by the addressee"
        parcel.action_return_to_sender()
        self.assertEqual(parcel.state, "returned")
        self.assertEqual(parcel.returned_at, T0)
        with self.assertRefused(UserError, "already collected or returned"):
            parcel.action_open_pickup_wizard()

    def test_staff_see_the_parcels_of_their_estates_only(self):
        parcel_a = self._parcel()
        parcel_b = self._parcel(unit_id=self.unit_b.id, tracking_number="SF2")
        Parcel_b = self.Parcel.with_user(self.agent_b)
        self.assertEqual(Parcel_b.search([("id", "in", (parcel_a | parcel_b).ids)]), parcel_b)
        with self.assertRaises(AccessError):
            parcel_a.with_user(self.agent_b).read(["tracking_number"])
        agent_a_parcel = self.Parcel.with_user(self.agent_a).create(
            {
                "unit_id": self.unit_a.id,
                "carrier_id": self.jd.id,
                "tracking_number": "JD1",
                "storage_location": "A-1",
            }
        )
        self.assertEqual(agent_a_parcel.received_by_id, self.agent_a)

    def test_technicians_and_accountants_have_no_access(self):
        self._parcel()
        for group in ("group_property_technician", "group_property_accountant"):
            user = self._user(f"psd_parcel_{group}", group)
            with self.assertRaises(AccessError, msg=group):
                self.Parcel.with_user(user).search([])


@freeze_time(T0)
class TestParcelNotification(ParcelCase):
    def test_recipient_is_emailed_once_on_receipt(self):
        parcel = self._parcel(tracking_number="SF123456789", storage_location="Shelf C-7")
        self.assertEqual(parcel.state, "notified")
        self.assertEqual(parcel.notified_channel, "email")
        self.assertEqual(parcel.notified_at, T0)
        mail = self.mails_to(self.tenant_a, parcel)
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.state, "outgoing", "queued, sent by the mail queue")
        self.assertIn("SF123456789", mail.body_html)
        self.assertIn("Shelf C-7", mail.body_html)
        self.assertIn("SF123456789", mail.subject)
        with self.assertRefused(UserError, "already notified"):
            parcel.action_notify()
        self.assertEqual(len(self.mails_to(self.tenant_a, parcel)), 1)
        self.assertEqual(parcel.notification_count, 1)

    def test_resend_sends_again_with_a_chatter_entry(self):
        parcel = self._parcel()
        messages_before = len(parcel.message_ids)
        parcel.action_resend_notification()
        self.assertEqual(len(self.mails_to(self.tenant_a, parcel)), 2)
        self.assertEqual(len(parcel.message_ids), messages_before + 1)
        self.assertEqual(parcel.notification_count, 2)

    def test_email_in_the_recipient_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.tenant_a.lang = "zh_CN"
        parcel = self._parcel(storage_location="货架 A-1")
        mail = self.mails_to(self.tenant_a, parcel)
        self.assertIn("快递单号", mail.body_html)
        self.assertIn("货架 A-1", mail.body_html)

    def test_sms_when_the_recipient_has_a_mobile(self):
        self.tenant_a.mobile = "+86 138 0013 8000"
        parcel = self._parcel(tracking_number="SF42", storage_location="Shelf D-2")
        self.assertEqual(parcel.notify_channel, "sms")
        self.assertEqual(parcel.notified_channel, "sms")
        sms = self.sms_of(parcel)
        self.assertEqual(len(sms), 1)
        self.assertEqual(sms.state, "outgoing", "queued for the SMS queue")
        self.assertEqual(sms.partner_id, self.tenant_a)
        self.assertIn("SF42", sms.body)
        self.assertIn("Shelf D-2", sms.body)
        self.assertFalse(self.mails_to(self.tenant_a, parcel))

    def test_settings_force_email(self):
        self.company.property_parcel_notify_channel = "email"
        self.tenant_a.mobile = "+86 138 0013 8000"
        parcel = self._parcel()
        self.assertEqual(parcel.notified_channel, "email")
        self.assertFalse(self.sms_of(parcel))

    def test_unreachable_recipient_is_left_to_the_desk(self):
        nobody = self.env["res.partner"].create({"name": "No contact"})
        parcel = self._parcel(partner_id=nobody.id)
        self.assertEqual(parcel.state, "received")
        self.assertIn("could not be notified", parcel.message_ids[:1].body)
        with self.assertRefused(UserError, "could not be notified"):
            parcel.action_notify()

    def test_do_not_notify_then_notify_by_hand(self):
        parcel = self._parcel(notify_channel="none")
        self.assertEqual(parcel.state, "received")
        self.assertFalse(self.mails_to(self.tenant_a, parcel))
        parcel.notify_channel = "email"
        parcel.action_notify()
        self.assertEqual(parcel.state, "notified")
        self.assertEqual(len(self.mails_to(self.tenant_a, parcel)), 1)

    def test_items_sent_for_a_customer_are_not_notified(self):
        parcel = self._parcel(direction="outgoing")
        self.assertEqual(parcel.notify_channel, "none")
        self.assertEqual(parcel.state, "received")
        with self.assertRefused(UserError, "nobody to notify"):
            parcel.action_notify()


@freeze_time(T0)
class TestParcelPickup(ParcelCase):
    def wizard(self, parcels, user=None, **vals):
        Wizard = self.env["property.parcel.pickup.wizard"].with_user(user or self.agent_a)
        return Wizard.with_context(**parcels.action_open_pickup_wizard()["context"]).create(vals)

    def test_handover_needs_a_signature(self):
        parcel = self._parcel()
        wizard = self.wizard(parcel)
        self.assertEqual(wizard.collector_partner_id, self.tenant_a)
        self.assertEqual(wizard.collector_name, self.tenant_a.name)
        with self.assertRefused(UserError, "must sign"):
            wizard.action_confirm()
        self.assertEqual(parcel.state, "notified")

    def test_handover_records_who_when_and_which_staff(self):
        parcels = self._parcel() | self._parcel(tracking_number="SF2")
        wizard = self.wizard(parcels, collector_name="王芳 (neighbour)", signature=SIGNATURE)
        wizard.action_confirm()
        for parcel in parcels:
            self.assertEqual(parcel.state, "picked_up")
            self.assertEqual(parcel.picked_up_at, T0)
            self.assertEqual(parcel.picked_up_by_name, "王芳 (neighbour)")
            self.assertEqual(parcel.handed_over_by_id, self.agent_a)
            self.assertTrue(parcel.pickup_signature)
            self.assertIn("王芳 (neighbour)", parcel.message_ids[0].body)

    def test_second_handover_is_refused(self):
        parcel = self._parcel()
        parcel._record_pickup("赵磊", SIGNATURE)
        with self.assertRefused(UserError, "already collected or returned"):
            parcel._record_pickup("Somebody else", SIGNATURE)
        self.assertEqual(parcel.picked_up_by_name, "赵磊")

    def test_picked_up_state_needs_signature_even_when_written_directly(self):
        parcel = self._parcel()
        with self.assertRefused(ValidationError, "name and signature"):
            parcel.write({"state": "picked_up", "picked_up_by_name": "赵磊"})


class TestUncollectedParcels(ParcelCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.old = cls._parcel(tracking_number="OLD8", received_at=T0 - timedelta(days=8))
        cls.mid = cls._parcel(tracking_number="MID4", received_at=T0 - timedelta(days=4))
        cls.new = cls._parcel(tracking_number="NEW0", received_at=T0 - timedelta(hours=2))
        cls.done = cls._parcel(tracking_number="DONE", received_at=T0 - timedelta(days=10))
        cls.done._record_pickup("赵磊", SIGNATURE)
        cls.sent = cls._parcel(
            tracking_number="OUT1", direction="outgoing", received_at=T0 - timedelta(days=9)
        )
        cls.mine = cls.old | cls.mid | cls.new | cls.done | cls.sent

    def uncollected(self, filter_name=None):
        action = self.env.ref("property_service_desk.property_parcel_action_uncollected")
        view = self.env.ref("property_service_desk.property_parcel_view_list_uncollected")
        order = etree.fromstring(view.arch).get("default_order")
        domain = safe_eval(action.domain) + [("id", "in", self.mine.ids)]
        if filter_name:
            search = self.env.ref("property_service_desk.property_parcel_view_search")
            node = etree.fromstring(search.arch).xpath(f"//filter[@name='{filter_name}']")[0]
            domain += safe_eval(
                node.get("domain"),
                {
                    "context_today": lambda: T0.date(),
                    "relativedelta": relativedelta,
                },
            )
        return self.Parcel.search(domain, order=order)

    def test_list_is_open_incoming_items_oldest_first(self):
        self.assertEqual(self.uncollected(), self.old | self.mid | self.new)
        self.assertEqual(list(self.uncollected()), [self.old, self.mid, self.new])

    def test_filters_by_age(self):
        self.assertEqual(self.uncollected("older_3_days"), self.old | self.mid)
        self.assertEqual(self.uncollected("older_7_days"), self.old)

    def test_reminder_once_per_period_never_twice_a_day(self):
        Parcel = self.Parcel
        self.tenant_a.lang = "en_US"

        def reminders(parcel):
            return self.mails_to(self.tenant_a, parcel) - first_mails

        first_mails = self.env["mail.mail"].search(
            [("res_id", "in", self.mine.ids), ("model", "=", "property.parcel")]
        )
        Parcel._cron_remind_uncollected(now=T0)
        self.assertEqual(len(reminders(self.old)), 1)
        self.assertEqual(len(reminders(self.mid)), 1)
        self.assertFalse(reminders(self.new), "received 2 hours ago")
        self.assertFalse(reminders(self.done))
        self.assertEqual(self.old.last_reminded_on, T0.date())
        self.assertIn("still waiting", reminders(self.old).body_html)
        Parcel._cron_remind_uncollected(now=T0 + timedelta(hours=5))
        Parcel._cron_remind_uncollected(now=T0 + timedelta(days=1))
        self.assertEqual(len(reminders(self.old)), 1, "not twice a day, then every 3 days")
        Parcel._cron_remind_uncollected(now=T0 + timedelta(days=3))
        self.assertEqual(len(reminders(self.old)), 2)
        self.assertEqual(len(reminders(self.new)), 1, "now 3 days old")

    def test_no_reminders_when_switched_off(self):
        self.company.property_parcel_reminder_days = 0
        self.assertEqual(self.Parcel._cron_remind_uncollected(now=T0), 0)
