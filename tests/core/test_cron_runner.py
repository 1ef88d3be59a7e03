"""One failing record does not stall a scheduled job: it is rolled back alone, logged on the
record and retried later with a back-off, while the rest of the batch and the queue go on."""

from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError

from ...tools.row_claims import retry_delay
from ..common import ServiceDeskCase
from ..parcels.test_parcel import ParcelCase

T0 = datetime(2026, 11, 23, 2, 0, 0)
BROKEN_BODY = "<p t-out=\"1 / 0 if object.name == 'Broken' else 'ok'\"/>"


def minutes(n):
    return T0 + timedelta(minutes=n)


def set_body(template, body):
    """In every language: the template renders in the recipient's."""
    for lang in ("en_US", "zh_CN"):
        template.with_context(lang=lang).body_html = body


@freeze_time(T0)
class TestPromiseRunner(ServiceDeskCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.ref(
            "property_service_desk.property_promise_policy_relay"
        ).breach_email_customer = True
        set_body(cls.env.ref("property_service_desk.mail_template_service_delay"), BROKEN_BODY)

    def request(self, name, **vals):
        return self._ticket(
            unit_id=self.unit_a.id, partner_id=self.owner_a.id, received_at=T0, name=name, **vals
        )

    def test_a_broken_template_on_one_request_does_not_stop_the_others(self):
        broken, fine = self.request("Broken"), self.request("Fine")
        self.assertEqual(self.run_cron(minutes(5)), 1)
        relay_broken, relay_fine = self.promise(broken, "relay"), self.promise(fine, "relay")
        self.assertEqual(relay_fine.state, "breached")
        self.assertEqual(len(self.activities(fine, self.breach_type)), 1)
        # The broken one is rolled back alone: no breach half-done, no activity.
        self.assertEqual(relay_broken.state, "running")
        self.assertFalse(self.activities(broken, self.breach_type))
        self.assertEqual(relay_broken.cron_failure_count, 1)
        self.assertEqual(relay_broken.cron_retry_at, minutes(10))
        self.assertIn("ZeroDivisionError", relay_broken.cron_last_error)
        self.assertTrue(
            broken.message_ids.filtered(lambda m: "scheduled job failed" in str(m.body)),
            "the failure is told on the request",
        )

    def test_a_failing_record_backs_off_then_succeeds(self):
        broken = self.request("Broken")
        relay = self.promise(broken, "relay")
        self.run_cron(minutes(5))
        self.assertEqual(self.run_cron(minutes(6)), 0, "not claimed again before its retry")
        self.assertEqual(relay.cron_failure_count, 1)
        self.run_cron(minutes(10))
        self.assertEqual(relay.cron_failure_count, 2)
        self.assertEqual(relay.cron_retry_at, minutes(20), "5 min, then 10 min…")
        set_body(self.env.ref("property_service_desk.mail_template_service_delay"), "<p>ok</p>")
        self.assertEqual(self.run_cron(minutes(20)), 1)
        self.assertEqual(relay.state, "breached")
        self.assertEqual((relay.cron_failure_count, relay.cron_retry_at), (0, False))
        self.assertEqual(len(self.activities(broken, self.breach_type)), 1)

    def test_back_off_is_capped_at_a_day(self):
        self.assertEqual(retry_delay(1), timedelta(minutes=5))
        self.assertEqual(retry_delay(4), timedelta(minutes=40))
        self.assertEqual(retry_delay(40), timedelta(days=1))

    def test_a_handler_without_email_does_not_stop_the_job(self):
        no_mail = self._user("psd_no_mail", "group_property_agent", email=False)
        self.estate_a.member_ids = [(4, no_mail.id)]
        first = self._ticket(unit_id=self.unit_a.id, received_at=T0, name="First")
        first.user_id = no_mail
        second = self._ticket(unit_id=self.unit_a.id, received_at=T0, name="Second")
        second.user_id = no_mail
        self.assertEqual(self.run_cron(minutes(30)), 2, "both response promises broken")
        self.assertEqual(self.promise(first, "response").state, "breached")
        self.assertEqual(self.promise(second, "response").state, "breached")
        self.assertEqual(self.activities(first, self.breach_type).user_id, no_mail)

    def test_retry_state_is_kept_by_the_system(self):
        relay = self.promise(self.request("Fine"), "relay")
        for user in (self.agent_a, self.centre_manager):
            with self.assertRaises(AccessError):
                relay.with_user(user).write({"cron_retry_at": False})


class TestParcelRunner(ParcelCase):
    def test_a_broken_reminder_backs_off_while_the_others_are_reminded(self):
        set_body(
            self.env.ref("property_service_desk.mail_template_parcel_reminder"),
            "<p t-out=\"1 / 0 if object.tracking_number == 'BROKEN' else 'ok'\"/>",
        )
        broken = self._parcel(tracking_number="BROKEN", received_at=T0 - timedelta(days=5))
        fine = self._parcel(tracking_number="FINE01", received_at=T0 - timedelta(days=5))
        done = self.Parcel._cron_remind_uncollected(now=T0)
        self.assertGreaterEqual(done, 1)
        self.assertEqual(fine.last_reminded_on, T0.date())
        self.assertFalse(broken.last_reminded_on)
        self.assertEqual(broken.cron_failure_count, 1)
        self.assertEqual(broken.cron_retry_at, T0 + timedelta(minutes=5))
        self.Parcel._cron_remind_uncollected(now=T0 + timedelta(minutes=1))
        self.assertEqual(broken.cron_failure_count, 1, "waits for its retry")

    def test_a_recipient_without_email_or_mobile_does_not_stop_the_others(self):
        silent = self._parcel(
            tracking_number="SILENT", unit_id=self.unit_b.id, received_at=T0 - timedelta(days=5)
        )
        fine = self._parcel(tracking_number="FINE02", received_at=T0 - timedelta(days=5))
        self.assertEqual(silent.state, "notified")
        silent.partner_id.write({"email": False, "mobile": False})
        self.Parcel._cron_remind_uncollected(now=T0)
        self.assertEqual(fine.last_reminded_on, T0.date())
        self.assertEqual(silent.last_reminded_on, T0.date(), "nothing to send: done anyway")
        self.assertFalse(silent.cron_failure_count)
