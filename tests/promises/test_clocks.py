"""Clocks that cannot lie: a promise reached after its deadline is broken at once, event times
come from the server, and only a manager corrects one, with a reason kept for the record."""

from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError

from ..common import ServiceDeskCase

T0 = datetime(2026, 11, 23, 2, 0, 0)  # Monday 10:00 in Shanghai


def minutes(n):
    return T0 + timedelta(minutes=n)


@freeze_time(minutes(120))
class TestLateIsBroken(ServiceDeskCase):
    def test_relayed_after_its_deadline_is_breached_before_the_job_runs(self):
        """The issue's example: logged with its real time two hours ago, relayed now."""
        ticket = self._ticket(unit_id=self.unit_a.id, received_at=T0, user_id=self.agent_a.id)
        relay = self.promise(ticket, "relay")
        self.assertEqual((relay.state, relay.reached_at), ("breached", minutes(120)))
        self.assertEqual(relay.breached_at, minutes(5), "broken at its deadline")
        self.assertTrue(ticket.has_breach)
        self.assertTrue(relay.breach_pending)
        self.assertFalse(self.activities(ticket, self.breach_type), "actions at the next pass")

    def test_breach_actions_run_at_the_next_pass_once(self):
        ticket = self._ticket(unit_id=self.unit_a.id, received_at=T0)
        ticket.user_id = self.agent_a
        self.run_cron(minutes(121))
        relay = self.promise(ticket, "relay")
        self.assertEqual(relay.state, "breached")
        self.assertFalse(relay.breach_pending)
        relay_activities = self.activities(ticket, self.breach_type).filtered(
            lambda a: "Relayed" in a.summary
        )
        self.assertEqual(len(relay_activities), 1)
        self.run_cron(minutes(180))
        self.assertEqual(
            len(
                self.activities(ticket, self.breach_type).filtered(lambda a: "Relayed" in a.summary)
            ),
            1,
            "never twice",
        )

    def test_breached_by_the_job_then_reached_keeps_one_breach(self):
        ticket = self._ticket(unit_id=self.unit_a.id, received_at=T0, request_kind="repair")
        self.run_cron(minutes(11))
        with freeze_time(minutes(30)):
            ticket.action_check_in()
        on_site = self.promise(ticket, "on_site")
        self.assertEqual((on_site.state, on_site.reached_at), ("breached", minutes(30)))
        self.assertFalse(on_site.breach_pending, "its actions already ran")

    def test_on_time_is_met(self):
        ticket = self._ticket(
            unit_id=self.unit_a.id, received_at=minutes(118), request_kind="repair"
        )
        ticket.action_check_in()
        self.assertEqual(self.promise(ticket, "on_site").state, "met")


@freeze_time(minutes(60))
class TestServerClock(ServiceDeskCase):
    def test_check_in_takes_no_time_from_the_caller(self):
        ticket = self._ticket(unit_id=self.unit_a.id, received_at=T0, request_kind="repair")
        with self.assertRaises(TypeError):
            ticket.with_user(self.agent_a).action_check_in(when=minutes(3))
        self.assertFalse(ticket.on_site_at)
        ticket.with_user(self.agent_a).action_check_in()
        self.assertEqual(ticket.on_site_at, minutes(60))

    def test_only_the_desk_starts_a_response_and_checks_in(self):
        ticket = self._ticket(unit_id=self.unit_a.id, received_at=T0, request_kind="repair")
        accountant = self._user("psd_clock_accountant", "group_property_accountant")
        self.estate_a.member_ids = [(4, accountant.id)]
        with self.assertRaises(AccessError):
            ticket.with_user(accountant).action_start_response()
        with self.assertRaises(AccessError):
            ticket.with_user(accountant).action_check_in()
        self.assertFalse(ticket.response_started_at or ticket.on_site_at)
        ticket.with_user(self.agent_a).action_start_response()
        self.assertEqual(ticket.response_started_at, minutes(60))

    def test_work_order_check_in_reaches_on_site_at_the_server_time(self):
        ticket = self._ticket(unit_id=self.unit_a.id, received_at=T0, request_kind="repair")
        order = self.env["property.work.order"].create(
            {"ticket_id": ticket.id, "technician_ids": [(6, 0, self.technician.ids)]}
        )
        order.action_dispatch()
        order.with_user(self.technician).action_check_in()
        self.assertEqual(ticket.on_site_at, minutes(60))
        self.assertEqual(self.promise(ticket, "on_site").state, "breached")

    def test_clock_fields_are_refused_on_write_and_create(self):
        ticket = self._ticket(unit_id=self.unit_a.id, received_at=T0)
        for field in (
            "received_at",
            "response_started_at",
            "on_site_at",
            "agreed_at",
            "assigned_date",
            "closed_date",
        ):
            for user in (self.agent_a, self.centre_manager):
                with self.assertRaises(AccessError, msg=field):
                    ticket.with_user(user).write({field: minutes(1)})
        self.assertEqual(ticket.received_at, T0)
        self.assertFalse(ticket.on_site_at)
        Ticket = self.env["helpdesk.ticket"].with_user(self.agent_a)
        with self.assertRaises(AccessError):
            Ticket.create(
                {
                    "name": "Backdated",
                    "description": "x",
                    "estate_id": self.estate_a.id,
                    "on_site_at": T0,
                }
            )
        created = Ticket.create(
            {
                "name": "Called two hours ago",
                "description": "x",
                "estate_id": self.estate_a.id,
                "received_at": T0,
            }
        )
        self.assertEqual(created.received_at, T0, "the real time of the call, at intake")

    def test_the_desk_still_assigns_and_closes_and_the_server_dates_it(self):
        Ticket = self.env["helpdesk.ticket"].with_user(self.agent_a)
        ticket = Ticket.create(
            {
                "name": "Relayed at intake",
                "description": "x",
                "estate_id": self.estate_a.id,
                "received_at": minutes(58),
                "user_id": self.agent_a.id,
            }
        )
        self.assertEqual(ticket.assigned_date, minutes(60))
        ticket.stage_id = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        self.assertEqual(ticket.closed_date, minutes(60))

    def test_received_at_cannot_be_in_the_future(self):
        with self.assertRaisesRegex(ValidationError, "cannot be in the future"):
            self._ticket(unit_id=self.unit_a.id, received_at=minutes(61))

    def test_promises_are_refused_on_write_and_create(self):
        ticket = self._ticket(unit_id=self.unit_a.id, received_at=T0)
        relay = self.promise(ticket, "relay")
        admin = self.env.ref("base.user_admin")
        for vals in ({"deadline": minutes(600)}, {"reached_at": minutes(1)}, {"state": "met"}):
            with self.assertRaises(AccessError):
                relay.with_user(admin).write(vals)
        with self.assertRaises(AccessError):
            self.env["property.promise"].with_user(admin).create(
                {
                    "ticket_id": ticket.id,
                    "policy_id": relay.policy_id.id,
                    "kind": "relay",
                    "start_at": T0,
                    "deadline": minutes(600),
                    "state": "met",
                }
            )
        self.assertEqual((relay.state, relay.deadline), ("running", minutes(5)))


@freeze_time(minutes(60))
class TestTimeCorrection(ServiceDeskCase):
    def correct(self, ticket, field, when, reason="Typed the wrong hour", user=None):
        return ticket.with_user(user or self.business_manager).action_correct_time(
            field, when, reason
        )

    def test_only_a_manager_corrects_with_a_reason(self):
        ticket = self._ticket(unit_id=self.unit_a.id, received_at=minutes(50))
        for user in (self.agent_a, self.technician):
            with self.assertRaises(AccessError):
                self.correct(ticket, "received_at", T0, user=user)
            with self.assertRaises(AccessError):
                ticket.with_user(user).action_open_time_correction_wizard()
        with self.assertRaisesRegex(UserError, "Write why"):
            self.correct(ticket, "received_at", T0, reason="  ")
        with self.assertRaisesRegex(UserError, "future"):
            self.correct(ticket, "received_at", minutes(61))
        with self.assertRaisesRegex(UserError, "before the request was received"):
            self.correct(ticket, "on_site_at", minutes(40))
        with self.assertRaises(UserError):
            self.correct(ticket, "closed_date", minutes(55))
        self.assertEqual(ticket.received_at, minutes(50))
        self.assertFalse(ticket.time_correction_ids)

    def test_correcting_received_at_judges_the_promises_again(self):
        ticket = self._ticket(unit_id=self.unit_a.id, received_at=minutes(58))
        ticket.user_id = self.agent_a
        relay = self.promise(ticket, "relay")
        self.assertEqual(relay.state, "met")
        self.correct(ticket, "received_at", T0, reason="The call came in at 10:00")
        self.assertEqual(ticket.received_at, T0)
        self.assertEqual((relay.start_at, relay.deadline), (T0, minutes(5)))
        self.assertEqual((relay.state, relay.breach_pending), ("breached", True))
        self.assertEqual(self.promise(ticket, "handled").deadline, minutes(24 * 60))
        correction = ticket.time_correction_ids
        self.assertEqual(
            (
                correction.field_name,
                correction.old_time,
                correction.new_time,
                correction.reason,
                correction.user_id,
            ),
            ("received_at", minutes(58), T0, "The call came in at 10:00", self.business_manager),
        )
        self.assertIn("The call came in at 10:00", ticket.message_ids[:1].body)
        self.run_cron(minutes(61))
        self.assertEqual(len(self.activities(ticket, self.breach_type)), 1)

    def test_correcting_on_site_time_can_make_it_met(self):
        ticket = self._ticket(
            unit_id=self.unit_a.id, received_at=minutes(50), request_kind="repair"
        )
        ticket.action_check_in()
        on_site = self.promise(ticket, "on_site")
        self.assertEqual(on_site.state, "met")
        with freeze_time(minutes(70)):
            self.correct(ticket, "on_site_at", minutes(65), reason="Arrived late: radio log")
        self.assertEqual((ticket.on_site_at, on_site.reached_at), (minutes(65), minutes(65)))
        self.assertEqual(on_site.state, "breached")
        self.assertEqual(on_site.minutes_taken, 15)

    def test_history_is_append_only(self):
        ticket = self._ticket(unit_id=self.unit_a.id, received_at=minutes(50))
        self.correct(ticket, "received_at", minutes(40))
        correction = ticket.time_correction_ids
        with self.assertRaises(AccessError):
            correction.with_user(self.centre_manager).write({"reason": "Nothing happened"})
        with self.assertRaises(AccessError):
            correction.with_user(self.centre_manager).unlink()
        with self.assertRaises(AccessError):
            self.env["property.ticket.time.correction"].with_user(self.centre_manager).create(
                {
                    "ticket_id": ticket.id,
                    "field_name": "received_at",
                    "new_time": T0,
                    "reason": "forged",
                }
            )

    def test_wizard_corrects(self):
        ticket = self._ticket(unit_id=self.unit_a.id, received_at=minutes(50))
        action = ticket.with_user(self.business_manager).action_open_time_correction_wizard()
        Wizard = self.env[action["res_model"]].with_user(self.business_manager)
        wizard = Wizard.with_context(**action["context"]).create(
            {
                "field_name": "received_at",
                "new_time": minutes(45),
                "reason": "Radio log",
            }
        )
        self.assertEqual(wizard.current_time, minutes(50))
        wizard.action_confirm()
        self.assertEqual(ticket.received_at, minutes(45))
