from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError

from ..common import ServiceDeskCase, office_hours

T0 = datetime(2026, 11, 23, 2, 0, 0)  # Monday 10:00 in Shanghai
ONE_SECOND = timedelta(seconds=1)


def minutes(n):
    return T0 + timedelta(minutes=n)


@freeze_time(T0)
class TestPromiseCron(ServiceDeskCase):
    def assert_breaches_at(self, ticket, kind, deadline):
        """Not breached a second before the deadline; breached at it, once, with one activity."""
        promise = self.promise(ticket, kind)
        self.assertEqual(promise.deadline, deadline)
        label = dict(promise._fields["kind"]._description_selection(self.env))[kind]

        def breach_activities():
            activities = self.activities(ticket, self.breach_type)
            return activities.filtered(lambda a: label in a.summary)

        before = len(breach_activities())
        self.run_cron(deadline - ONE_SECOND)
        self.assertEqual(promise.state, "running", f"{kind} breached too early")
        self.run_cron(deadline)
        self.assertEqual(promise.state, "breached", kind)
        self.assertEqual(promise.breached_at, deadline)
        self.run_cron(deadline + timedelta(minutes=1))
        self.assertEqual(len(breach_activities()), before + 1, kind)

    def test_each_default_promise_breaches_at_its_minute(self):
        ticket = self._ticket(unit_id=self.unit_a.id, received_at=T0)
        self.assert_breaches_at(ticket, "relay", minutes(5))
        with freeze_time(minutes(7)):
            ticket.user_id = self.agent_a
        self.assert_breaches_at(ticket, "response", minutes(32))
        self.assert_breaches_at(ticket, "handled", minutes(24 * 60))

    def test_urgent_on_site_breaches_at_5_minutes(self):
        ticket = self._ticket(unit_id=self.unit_a.id, received_at=T0, urgency="urgent")
        self.assert_breaches_at(ticket, "on_site", minutes(5))

    def test_repair_on_site_breaches_at_10_minutes(self):
        ticket = self._ticket(unit_id=self.unit_a.id, received_at=T0, request_kind="repair")
        self.assert_breaches_at(ticket, "on_site", minutes(10))

    def test_breach_activity_goes_to_the_handler_else_the_area_manager(self):
        ticket = self._ticket(unit_id=self.unit_a.id, received_at=T0)
        self.run_cron(minutes(5))
        self.assertEqual(self.activities(ticket, self.breach_type).user_id, self.business_manager)

    def test_breach_notifies_the_superior_when_the_policy_says_so(self):
        ticket = self._ticket(unit_id=self.unit_a.id, received_at=T0, user_id=self.agent_a.id)
        self.run_cron(minutes(25))
        notes = ticket.message_ids.filtered(
            lambda m: self.project_manager.partner_id in m.partner_ids
        )
        self.assertEqual(len(notes), 1, "response policy notifies the superior")
        self.assertIn("overdue", str(notes.body))

    def test_a_rerun_does_nothing_new(self):
        ticket = self._ticket(unit_id=self.unit_a.id, received_at=T0)
        self.assertEqual(self.run_cron(minutes(6)), 1)
        self.assertEqual(self.run_cron(minutes(6)), 0)
        self.assertEqual(len(self.activities(ticket, self.breach_type)), 1)

    def test_working_hours_calendar(self):
        calendar = office_hours(self.env)
        self.env["property.promise.policy"].create(
            {
                "name": "Estate A: handled in 2 working hours",
                "kind": "handled",
                "target_minutes": 120,
                "calendar_type": "working",
                "calendar_id": calendar.id,
                "estate_ids": [(4, self.estate_a.id)],
            }
        )
        friday_1730 = datetime(2026, 11, 27, 9, 30)  # 17:30 in Shanghai
        with freeze_time(friday_1730):
            ticket = self._ticket(unit_id=self.unit_a.id, received_at=friday_1730)
        # 30 minutes on Friday, 90 on Monday from 09:00: Monday 10:30 Shanghai = 02:30 UTC.
        self.assert_breaches_at(ticket, "handled", datetime(2026, 11, 30, 2, 30))

    def test_reappointment_moves_the_deadline_and_is_kept(self):
        ticket = self._ticket(unit_id=self.unit_a.id, received_at=T0)
        agreed = minutes(3 * 24 * 60)
        with freeze_time(minutes(60)):
            ticket._reschedule(agreed, "The owner is away until Thursday.")
        self.assertEqual(ticket.agreed_at, agreed)
        self.assertEqual(ticket.reappointment_ids.previous_deadline, minutes(24 * 60))
        self.assertEqual(ticket.reappointment_ids.reason, "The owner is away until Thursday.")
        self.run_cron(minutes(24 * 60 + 1))
        self.assertEqual(self.promise(ticket, "handled").state, "running")
        self.assert_breaches_at(ticket, "handled", agreed)

    def test_second_appointment_keeps_both_in_history(self):
        ticket = self._ticket(unit_id=self.unit_a.id, received_at=T0)
        ticket._reschedule(minutes(600), "Customer available tomorrow morning")
        ticket._reschedule(minutes(1800), "Team could not come: parts missing")
        self.assertEqual(len(ticket.reappointment_ids), 2)
        self.assertEqual(self.promise(ticket, "handled").deadline, minutes(1800))
        with self.assertRaises(AccessError):
            ticket.reappointment_ids[0].with_user(self.agent_a).write({"reason": "edited"})
        with self.assertRaises(UserError):
            ticket.unlink()

    def test_reappointment_needs_a_reason_and_a_future_time(self):
        ticket = self._ticket(unit_id=self.unit_a.id, received_at=T0)
        with self.assertRefused(UserError, "why"):
            ticket._reschedule(minutes(600), "  ")
        with self.assertRefused(UserError, "future"):
            ticket._reschedule(minutes(-1), "Too late")
        self.assertFalse(ticket.reappointment_ids)
        self.assertFalse(ticket.agreed_at)

    def test_follow_up_every_two_days_not_duplicated(self):
        ticket = self._ticket(unit_id=self.unit_a.id, received_at=T0, user_id=self.agent_a.id)
        two_days = 2 * 24 * 60
        self.run_cron(minutes(two_days) - ONE_SECOND)
        self.assertFalse(self.activities(ticket, self.follow_up_type))
        for day in (2, 4):
            at = minutes(day * 24 * 60)
            with freeze_time(at):
                self.run_cron(at)
                self.run_cron(at)
            follow_ups = self.activities(ticket, self.follow_up_type)
            self.assertEqual(len(follow_ups), day // 2, f"day {day}")
        self.assertEqual(follow_ups.user_id, self.agent_a)
        self.assertEqual(self.promise(ticket, "follow_up").occurrences, 2)

    def test_weekly_progress_notice_to_the_customer(self):
        ticket = self._ticket(unit_id=self.unit_a.id, received_at=T0, partner_id=self.owner_a.id)
        week = 7 * 24 * 60

        def notices():
            return ticket.message_ids.filtered(
                lambda m: m.message_type == "comment" and self.owner_a in m.partner_ids
            )

        self.run_cron(minutes(week) - ONE_SECOND)
        self.assertFalse(notices())
        self.run_cron(minutes(week))
        self.run_cron(minutes(week) + timedelta(hours=1))
        self.assertEqual(len(notices()), 1)
        self.assertIn(self.owner_a, notices().partner_ids)
        self.run_cron(minutes(2 * week))
        self.assertEqual(len(notices()), 2)

    def test_progress_notice_says_what_was_done(self):
        ticket = self._ticket(unit_id=self.unit_a.id, received_at=T0, partner_id=self.owner_a.id)
        ticket.progress_note = "Ordered the new valve; the plumber comes on Thursday."
        self.run_cron(minutes(7 * 24 * 60))
        notice = ticket.message_ids.filtered(
            lambda m: m.message_type == "comment" and self.owner_a in m.partner_ids
        )
        self.assertIn("plumber comes on Thursday", str(notice.body))

    def test_closed_request_gets_no_more_follow_ups(self):
        ticket = self._ticket(unit_id=self.unit_a.id, received_at=T0, user_id=self.agent_a.id)
        ticket.stage_id = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        self.run_cron(minutes(30 * 24 * 60))
        self.assertFalse(self.activities(ticket, self.follow_up_type))
        self.assertFalse(ticket.has_breach)

    def test_breach_marks_the_request(self):
        ticket = self._ticket(unit_id=self.unit_a.id, received_at=T0)
        self.assertFalse(ticket.has_breach)
        self.run_cron(minutes(5))
        self.assertTrue(ticket.has_breach)
        breached = self.env["helpdesk.ticket"].search([("has_breach", "=", True)])
        self.assertIn(ticket, breached)
