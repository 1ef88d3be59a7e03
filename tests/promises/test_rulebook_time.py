from datetime import datetime, timedelta

from freezegun import freeze_time

from ..common import ServiceDeskCase, office_hours

# Monday 2026-11-23 10:00 in Shanghai.
T0 = datetime(2026, 11, 23, 2, 0, 0)
H = timedelta(hours=1)


def shanghai(day, hour, minute=0):
    """A time of November 2026 in Shanghai, as naive UTC."""
    return datetime(2026, 11, day, hour, minute) - 8 * H


class RulebookTimeCase(ServiceDeskCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.done = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        # Office hours Monday to Friday, 9:00-12:00 and 13:00-18:00 in Shanghai.
        cls.estate_a.resource_calendar_id = office_hours(cls.env)
        cls.hotline = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_phone")
        cls.walk_in = cls.env.ref("property_service_desk.helpdesk_ticket_channel_walk_in")

    def policy(self, name):
        return self.env.ref(f"property_service_desk.property_promise_policy_{name}")

    def request(self, **vals):
        vals.setdefault("unit_id", self.unit_a.id)
        vals.setdefault("partner_id", self.owner_a.id)
        return self._ticket(**vals)


@freeze_time(T0 + 2 * H)
class TestAlternativePromises(RulebookTimeCase):
    """SPEC §2: the other documents' promises, activated, do what they say."""

    def test_activating_an_alternative_is_enough(self):
        self.policy("alt_first_response").active = True
        ticket = self.request(received_at=T0, user_id=self.agent_a.id)
        self.assertEqual(
            self.promise(ticket, "response").policy_id, self.policy("alt_first_response")
        )
        self.assertEqual(self.promise(ticket, "response").target_minutes, 24 * 60)

    def test_three_working_days_are_calendar_days_not_24_working_hours(self):
        self.policy("alt_resolution").active = True
        monday = self.request(received_at=T0)
        handled = self.promise(monday, "handled")
        self.assertEqual(handled.policy_id, self.policy("alt_resolution"))
        # Monday does not count: Tuesday, Wednesday, Thursday, closing at 18:00.
        # (24 working hours of 8 a day would end on Thursday at 10:00.)
        self.assertEqual(handled.deadline, shanghai(26, 18))

    @freeze_time(shanghai(28, 12))
    def test_working_days_skip_the_weekend(self):
        self.policy("alt_resolution").active = True
        friday = self.request(received_at=shanghai(27, 15))
        # Monday, Tuesday, Wednesday 2 December, closing at 18:00.
        self.assertEqual(self.promise(friday, "handled").deadline, datetime(2026, 12, 2, 10, 0))

    def test_hotline_reply_applies_to_the_hotline_only(self):
        self.policy("alt_hotline_reply").active = True
        called = self.request(received_at=T0, channel_id=self.hotline.id)
        walked_in = self.request(received_at=T0, channel_id=self.walk_in.id)
        self.assertEqual(self.promise(called, "handled").deadline, T0 + 72 * H)
        self.assertEqual(self.promise(walked_in, "handled").deadline, T0 + 24 * H)
        # Moving a request to the hotline moves its promise.
        walked_in.channel_id = self.hotline
        self.assertEqual(self.promise(walked_in, "handled").deadline, T0 + 72 * H)

    def test_a_policy_filters_by_channel(self):
        policy = self.env["property.promise.policy"].create(
            {
                "name": "Walk-in: relay within 1 minute",
                "kind": "relay",
                "target_minutes": 1,
                "channel_ids": [(4, self.walk_in.id)],
            }
        )
        walked_in = self.request(received_at=T0, channel_id=self.walk_in.id)
        called = self.request(received_at=T0, channel_id=self.hotline.id)
        self.assertEqual(self.promise(walked_in, "relay").policy_id, policy)
        self.assertEqual(self.promise(called, "relay").deadline, T0 + timedelta(minutes=5))


class TestReceptionHours(RulebookTimeCase):
    """SPEC §8: reception 8:00-20:00 every day; urgent requests count 24/7."""

    def test_estates_receive_on_the_shipped_calendar(self):
        reception = self.env.ref("property_service_desk.resource_calendar_reception")
        self.assertEqual(self.estate_a.reception_calendar_id, reception)
        self.assertEqual(reception.tz, "Asia/Shanghai")
        self.assertEqual(
            sorted(
                reception.attendance_ids.mapped(lambda a: (a.dayofweek, a.hour_from, a.hour_to))
            ),
            [(str(day), 8.0, 20.0) for day in range(7)],
        )

    @freeze_time(shanghai(24, 9))
    def test_a_general_request_after_hours_counts_from_the_next_opening(self):
        self.policy("relay").count_from_opening = True
        # Monday 21:30: reception opens again on Tuesday at 8:00; relay due at 8:05.
        general = self.request(received_at=shanghai(23, 21, 30))
        self.assertEqual(self.promise(general, "relay").deadline, shanghai(24, 8, 5))
        self.assertEqual(self.promise(general, "relay").start_at, shanghai(23, 21, 30))
        # Sunday night counts too: reception opens every day.
        sunday = self.request(received_at=shanghai(22, 23))
        self.assertEqual(self.promise(sunday, "relay").deadline, shanghai(23, 8, 5))

    @freeze_time(shanghai(24, 9))
    def test_urgent_requests_count_at_once(self):
        self.policy("relay").count_from_opening = True
        urgent = self.request(received_at=shanghai(23, 21, 30), urgency="urgent")
        self.assertEqual(self.promise(urgent, "relay").deadline, shanghai(23, 21, 35))

    @freeze_time(shanghai(24, 9))
    def test_within_hours_or_without_the_flag_nothing_waits(self):
        self.policy("relay").count_from_opening = True
        open_hours = self.request(received_at=shanghai(23, 19, 58))
        self.assertEqual(self.promise(open_hours, "relay").deadline, shanghai(23, 20, 3))
        self.policy("relay").count_from_opening = False
        late = self.request(received_at=shanghai(23, 21, 30))
        self.assertEqual(self.promise(late, "relay").deadline, shanghai(23, 21, 35))

    @freeze_time(shanghai(24, 9))
    def test_the_estate_chooses_its_reception_hours(self):
        self.policy("relay").count_from_opening = True
        self.estate_a.reception_calendar_id = self.estate_a.resource_calendar_id  # 9:00 weekdays
        ticket = self.request(received_at=shanghai(23, 21, 30))
        self.assertEqual(self.promise(ticket, "relay").deadline, shanghai(24, 9, 5))

    def test_the_shipped_policies_count_general_requests_from_the_next_opening(self):
        for name in ("relay", "response", "on_site_repair", "handled"):
            self.assertTrue(self.policy(name).count_from_opening, name)
        self.assertFalse(self.policy("on_site_urgent").count_from_opening)

    @freeze_time(shanghai(23, 23, 15))
    def test_a_dripping_tap_at_night_waits_for_the_morning(self):
        """A non-urgent repair at 23:10 promises no technician by 23:20: the clocks start at
        8:00 when reception opens. A burst pipe (urgent) counts at once."""
        tap = self.request(request_kind="repair", received_at=shanghai(23, 23, 10))
        self.assertEqual(self.promise(tap, "on_site").deadline, shanghai(24, 8, 10))
        self.assertEqual(self.promise(tap, "relay").deadline, shanghai(24, 8, 5))
        self.assertEqual(self.promise(tap, "handled").deadline, shanghai(25, 8))
        burst = self.request(
            request_kind="repair", urgency="urgent", received_at=shanghai(23, 23, 10)
        )
        self.assertEqual(self.promise(burst, "on_site").deadline, shanghai(23, 23, 15))
        self.assertEqual(self.promise(burst, "relay").deadline, shanghai(23, 23, 15))


class TestComplaintsOutsideTheDesk(RulebookTimeCase):
    """SPEC §3: informal complaints reach the desk within 1 h; face-to-face ones not settled on
    the spot reach the owner's superior within 2 h."""

    def outside(self, how, received_at):
        return self.complaint(outside_desk=how, received_at=received_at)

    @freeze_time(T0 + timedelta(minutes=40))
    def test_informal_complaint_registered_within_the_hour(self):
        complaint = self.outside("informal", T0)
        desk = self.promise(complaint, "desk_intake")
        self.assertEqual((desk.state, desk.deadline), ("met", T0 + H))
        self.assertFalse(self.promise(complaint, "superior_report"))

    @freeze_time(T0 + timedelta(minutes=90))
    def test_informal_complaint_registered_late_breaks_the_promise(self):
        complaint = self.outside("informal", T0)
        desk = self.promise(complaint, "desk_intake")
        self.assertEqual(
            (desk.state, desk.breached_at, desk.breach_pending), ("breached", T0 + H, True)
        )
        self.run_cron(T0 + timedelta(minutes=90))
        self.assertTrue(self.activities(complaint, self.breach_type))
        # The policy tells the responsible's superior too.
        self.assertTrue(
            complaint.message_ids.filtered(lambda m: "overdue" in str(m.body) and m.partner_ids)
        )

    @freeze_time(T0 + H)
    def test_face_to_face_complaint_reaches_the_owners_superior(self):
        complaint = self.outside("face_to_face", T0)
        self.assertEqual(complaint.complaint_owner_id, self.project_manager)
        report = self.promise(complaint, "superior_report")
        self.assertEqual((report.state, report.deadline), ("met", T0 + 2 * H))
        superior = self.operations_manager
        self.assertTrue(
            complaint.message_ids.filtered(lambda m: superior.partner_id in m.partner_ids)
        )
        self.assertIn(superior, complaint.activity_ids.user_id)

    @freeze_time(T0 + 3 * H)
    def test_face_to_face_complaint_registered_late_breaks_the_promise(self):
        complaint = self.outside("face_to_face", T0)
        self.assertEqual(self.promise(complaint, "superior_report").state, "breached")

    @freeze_time(T0 + 3 * H)
    def test_marked_later_it_counts_from_its_registration(self):
        complaint = self.complaint(received_at=T0 + 2 * H)
        self.assertFalse(self.promise(complaint, "desk_intake"))
        complaint.outside_desk = "informal"
        desk = self.promise(complaint, "desk_intake")
        self.assertEqual(desk.start_at, T0 + 2 * H)
        self.assertEqual(desk.reached_at, complaint.create_date)

    def test_a_complaint_at_the_desk_has_no_such_promise(self):
        complaint = self.complaint()
        self.assertFalse(
            complaint.promise_ids.filtered(lambda m: m.kind in ("desk_intake", "superior_report"))
        )


@freeze_time(T0)
class TestCallbacksToTheHour(RulebookTimeCase):
    """SPEC §5: callback deadlines are times; on-site verification and spot checks."""

    def done_request(self, **vals):
        ticket = self.request(**vals)
        ticket.stage_id = self.done
        return ticket

    def answer(self, callback, when):
        callback.write({"method": "phone", "phone_attestation": True, "satisfaction": "5"})
        with freeze_time(when):
            callback.action_done()

    def test_within_one_day_is_24_hours_after_completion(self):
        ticket = self.done_request(request_kind="special")
        callback = ticket.callback_ids
        self.assertEqual(callback.due_at, T0 + 24 * H)
        self.assertEqual(callback.due_date, (T0 + 24 * H + 8 * H).date())
        # Tuesday 11:00 is the same day as the deadline, but an hour late.
        self.answer(callback, T0 + 25 * H)
        self.assertFalse(callback.is_on_time)

    def test_answered_within_24_hours_is_on_time(self):
        callback = self.done_request(request_kind="special").callback_ids
        self.answer(callback, T0 + 23 * H)
        self.assertTrue(callback.is_on_time)

    def test_one_working_day_ends_with_the_next_working_day(self):
        with freeze_time(shanghai(27, 15)):  # Friday 15:00
            complaint = self.done_request(request_kind="complaint")
        self.assertEqual(complaint.callback_ids.due_at, shanghai(30, 18))  # Monday closing

    def test_a_due_date_set_by_hand_is_due_at_the_end_of_that_day(self):
        callback = self.done_request(request_kind="special").callback_ids
        callback.due_date = "2026-11-25"
        self.assertEqual(callback.due_at, shanghai(25, 23, 59) + timedelta(seconds=59))
        callback.due_at = shanghai(26, 0, 30)
        self.assertEqual(str(callback.due_date), "2026-11-26")

    def test_large_common_area_repair_keeps_its_on_site_verification(self):
        ticket = self.done_request(
            request_kind="repair", area_scope="common", high_quality_demand=True
        )
        callbacks = ticket.callback_ids
        self.assertEqual(len(callbacks), 2, "the large-job rule: 1 day, then 7 days")
        self.assertEqual(callbacks.mapped("on_site_only"), [True, True])

    def test_spot_checks_aim_at_complaints_repairs_alarms_and_help_requests(self):
        self.company.property_callback_spot_check_rate = 100
        self.env["property.callback.rule"].search([]).required_rate = 100
        alarm = self.env.ref("property_service_desk.helpdesk_ticket_category_alarm")
        help_request = self.env.ref("property_service_desk.helpdesk_ticket_category_help_request")
        checked = {}
        for label, vals in {
            "complaint": {"request_kind": "complaint"},
            "repair": {"request_kind": "repair"},
            "alarm": {"request_kind": "basic", "category_id": alarm.id},
            "help": {"request_kind": "basic", "category_id": help_request.id},
            "consultation": {"request_kind": "consultation"},
            "special": {"request_kind": "special"},
        }.items():
            callback = self.done_request(**vals).callback_ids[:1]
            self.answer(callback, T0 + H)
            checked[label] = callback.spot_check_state
        self.assertEqual(
            checked,
            {
                "complaint": "to_check",
                "repair": "to_check",
                "alarm": "to_check",
                "help": "to_check",
                "consultation": False,
                "special": False,
            },
        )

    def test_the_share_counts_only_the_callbacks_spot_checked(self):
        self.company.property_callback_spot_check_rate = 50
        self.env["property.callback.rule"].search([]).required_rate = 100
        states = []
        for kind in ("repair", "special", "repair", "special", "repair", "repair"):
            callback = self.done_request(request_kind=kind).callback_ids[:1]
            self.answer(callback, T0 + H)
            if kind == "repair":
                states.append(callback.spot_check_state)
        # Half of the four repairs, whatever the special services between them.
        self.assertEqual(states, ["to_check", False, "to_check", False])

    def test_a_late_evening_problem_is_due_on_the_estates_next_day(self):
        lead = self._user("psd_rt_eng_lead", "group_property_engineering_lead")
        self.estate_a.engineering_lead_id = lead
        callback = self.done_request(request_kind="repair").callback_ids[:1]
        callback.write({"problem_found": "The new pipe joint still drips."})
        # Done at 23:30 in Shanghai: engineering acts by 00:30, the next day there.
        self.answer(callback, shanghai(23, 23, 30))
        notice = callback.ticket_id.activity_ids.filtered(lambda a: a.user_id == lead)
        self.assertEqual(str(notice.date_deadline), "2026-11-24")
