from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError

from ...models.callbacks.property_callback import systematic_sample_hit
from ..common import ServiceDeskCase, office_hours

# Monday 2026-11-23 10:00 in Shanghai
T0 = datetime(2026, 11, 23, 2, 0, 0)
SIGNATURE = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5E"
    "rkJggg=="
)


@freeze_time(T0)
class TestCallback(ServiceDeskCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.done = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        calendar = office_hours(cls.env, hours_per_day=8)
        cls.estate_a.resource_calendar_id = calendar

    def done_request(self, **vals):
        vals.setdefault("unit_id", self.unit_a.id)
        vals.setdefault("partner_id", self.owner_a.id)
        ticket = self._ticket(**vals)
        ticket.stage_id = self.done
        return ticket

    def test_due_dates_of_every_row_of_the_table(self):
        rows = [
            ({"request_kind": "repair"}, [date(2026, 11, 26)]),
            (
                {"request_kind": "repair", "high_quality_demand": True},
                [date(2026, 11, 24), date(2026, 11, 30)],
            ),
            ({"request_kind": "repair", "area_scope": "common"}, [date(2026, 11, 26)]),
            ({"request_kind": "special"}, [date(2026, 11, 24)]),
            ({"request_kind": "dispute"}, [date(2026, 11, 26)]),
        ]
        for vals, due_dates in rows:
            ticket = self.done_request(**vals)
            self.assertEqual(ticket.callback_ids.sorted("id").mapped("due_date"), due_dates, vals)
            self.assertEqual(ticket.callback_requirement, "required", vals)

    def test_complaint_callback_within_one_working_day(self):
        friday_1500 = datetime(2026, 11, 27, 7, 0)  # 15:00 in Shanghai
        with freeze_time(friday_1500):
            ticket = self.done_request(request_kind="complaint")
        # 8 working hours after Friday 15:00 is Monday 14:00.
        self.assertEqual(ticket.callback_ids.due_date, date(2026, 11, 30))
        self.env.ref("property_service_desk.property_callback_rule_complaint").active = False
        self.env.ref("property_service_desk.property_callback_rule_complaint_alt").active = True
        with freeze_time(friday_1500):
            other = self.done_request(request_kind="complaint")
        self.assertEqual(other.callback_ids.due_date, date(2026, 11, 29))

    def test_who_calls_back(self):
        repair = self.done_request(request_kind="repair")
        self.assertEqual(repair.callback_ids.user_id, self.business_manager)
        minor = self.done_request(request_kind="complaint")
        self.assertEqual(minor.callback_ids.user_id, self.project_manager)
        general = self.done_request(request_kind="complaint", compensation_amount=650)
        self.assertEqual(general.callback_ids.user_id, self.operations_manager)
        major = self.done_request(request_kind="complaint", compensation_amount=5000)
        self.assertEqual(major.callback_ids.user_id, self.division_lead)
        external = self.done_request(request_kind="complaint", channel_id=self.media.id)
        self.assertEqual(external.callback_ids.user_id, self.centre_manager)
        activity = repair.callback_ids.activity_ids
        self.assertEqual(
            (activity.user_id, activity.date_deadline),
            (self.business_manager, repair.callback_ids.due_date),
        )

    def test_scheduled_once_per_completion(self):
        ticket = self.done_request(request_kind="repair")
        ticket.stage_id = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_in_progress")
        ticket.stage_id = self.done
        self.assertEqual(len(ticket.callback_ids), 1)

    def test_a_completion_is_decided_once(self):
        in_progress = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_in_progress")
        repair = self.done_request(request_kind="repair")
        repair.callback_ids.write(
            {"method": "phone", "phone_attestation": True, "satisfaction": "5"}
        )
        repair.callback_ids.action_done()
        repair._schedule_callbacks()  # e.g. its work order finished after the Done stage
        self.assertEqual(len(repair.callback_ids), 1)
        self.done_request(request_kind="consultation")  # 25 %: the first of the month is drawn
        skipped = self.done_request(request_kind="consultation")
        self.assertEqual(skipped.callback_requirement, "not_sampled")
        position = skipped.callback_sample_position
        skipped.stage_id = in_progress
        skipped.stage_id = self.done
        self.assertEqual(skipped.callback_sample_position, position)
        self.assertFalse(skipped.callback_ids)

    def test_declined_or_cancelled_requests_get_no_callback(self):
        ticket = self._ticket(unit_id=self.unit_a.id, partner_id=self.owner_a.id)
        ticket.stage_id = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_cancelled")
        self.assertFalse(ticket.callback_ids)
        self.assertFalse(ticket.callback_requirement)

    def test_sampling_rule(self):
        hits = [n for n in range(1, 13) if systematic_sample_hit(n, 25)]
        self.assertEqual(hits, [1, 5, 9])
        for n in range(1, 200):
            selected = sum(systematic_sample_hit(k, 25) for k in range(1, n + 1))
            self.assertGreaterEqual(selected, n * 0.25)

    def test_sampling_over_a_month_of_requests(self):
        tickets = self.env["helpdesk.ticket"]
        for day in range(1, 31):
            for _ in range(3):
                with freeze_time(datetime(2026, 11, day, 3, 0)):
                    tickets |= self.done_request(request_kind="consultation")
        sampled = tickets.filtered(lambda t: t.callback_requirement == "sampled")
        self.assertEqual(set(tickets.mapped("callback_requirement")), {"sampled", "not_sampled"})
        self.assertGreaterEqual(len(sampled) / len(tickets), 0.25)
        self.assertEqual(sorted(tickets.mapped("callback_sample_position")), list(range(1, 91)))
        for ticket in tickets:
            self.assertEqual(
                ticket.callback_requirement == "sampled",
                systematic_sample_hit(ticket.callback_sample_position, 25),
                "an auditor recomputes the selection from the positions",
            )
        self.assertFalse(
            tickets.filtered(lambda t: t.callback_requirement == "not_sampled").callback_ids
        )
        # A new month starts counting again.
        with freeze_time(datetime(2026, 12, 1, 3, 0)):
            first_of_december = self.done_request(request_kind="consultation")
        self.assertEqual(first_of_december.callback_sample_position, 1)

    def callback(self, **vals):
        return self.done_request(request_kind="repair", **vals).callback_ids[:1]

    def test_closing_needs_a_satisfaction_value(self):
        callback = self.callback()
        callback.write({"method": "phone", "phone_attestation": True})
        with self.assertRefused(ValidationError, "overall satisfaction"):
            callback.action_done()
        self.assertEqual(callback.state, "to_do")

    def test_on_site_needs_the_customer_signature(self):
        callback = self.callback()
        callback.write({"method": "on_site", "satisfaction": "5"})
        with self.assertRefused(ValidationError, "signature"):
            callback.action_done()
        callback.customer_signature = SIGNATURE
        callback.action_done()
        self.assertEqual(callback.state, "done")
        self.assertTrue(callback.is_on_time)

    def test_phone_needs_the_agent_attestation(self):
        callback = self.callback()
        callback.write({"method": "phone", "satisfaction": "4"})
        with self.assertRefused(ValidationError, "phone callback"):
            callback.action_done()
        callback.phone_attestation = True
        callback.action_done()
        callback_type = self.env.ref("property_service_desk.mail_activity_type_callback")
        self.assertFalse(
            callback.activity_ids.filtered(lambda a: a.activity_type_id == callback_type),
            "the callback activity is marked done",
        )

    def test_common_area_callback_must_be_on_site(self):
        callback = self.callback(area_scope="common")
        self.assertTrue(callback.on_site_only)
        callback.write({"method": "phone", "phone_attestation": True, "satisfaction": "5"})
        with self.assertRefused(ValidationError, "on-site visit"):
            callback.action_done()

    def test_unsatisfied_request_is_reopened_with_a_follow_up(self):
        callback = self.callback(user_id=self.agent_a.id)
        ticket = callback.ticket_id
        callback.write({"method": "phone", "phone_attestation": True, "satisfaction": "2"})
        callback.action_done()
        self.assertFalse(ticket.closed)
        follow_up = self.activities(ticket, self.follow_up_type)
        self.assertEqual(follow_up.user_id, self.agent_a)
        self.assertEqual(self.promise(ticket, "handled").state, "running")

    def test_unsatisfied_complaint_goes_up_the_chain(self):
        ticket = self.done_request(request_kind="complaint")
        callback = ticket.callback_ids
        callback.write({"method": "phone", "phone_attestation": True, "satisfaction": "1"})
        callback.action_done()
        self.assertFalse(ticket.closed)
        self.assertEqual(ticket.complaint_severity, "general")
        self.assertEqual(ticket.complaint_owner_id, self.operations_manager)

    def test_problem_found_reaches_engineering_within_the_hour(self):
        lead = self._user("psd_eng_lead", "group_property_engineering_lead")
        self.estate_a.engineering_lead_id = lead
        callback = self.callback()
        callback.write(
            {
                "method": "phone",
                "phone_attestation": True,
                "satisfaction": "4",
                "problem_found": "The new pipe joint still drips.",
            }
        )
        callback.action_done()
        ticket = callback.ticket_id
        notice = ticket.activity_ids.filtered(lambda a: a.user_id == lead)
        self.assertEqual(notice.date_deadline, date(2026, 11, 23))
        message = ticket.message_ids.filtered(lambda m: lead.partner_id in m.partner_ids)
        self.assertIn("2026-11-23 11:00 (Beijing time)", str(message.body))
        self.assertIn("still drips", str(message.body))

    def test_spot_checks_by_the_configured_share(self):
        self.company.property_callback_spot_check_rate = 50
        callbacks = self.env["property.callback"]
        for _ in range(4):
            callback = self.callback()
            callback.write({"method": "phone", "phone_attestation": True, "satisfaction": "5"})
            callback.action_done()
            callbacks |= callback
        checked = callbacks.filtered("spot_check_state")
        self.assertEqual(len(checked), 2)
        self.assertTrue(
            checked[0].activity_ids.filtered(lambda a: a.user_id == self.project_manager)
        )
        with self.assertRefused(UserError, "result of the spot check"):
            checked[0].with_user(self.project_manager).action_spot_check_done()
        checked[0].spot_check_note = "Called the owner again: confirmed."
        checked[0].with_user(self.project_manager).action_spot_check_done()
        self.assertEqual(checked[0].spot_check_state, "checked")

    def test_the_business_supervisor_runs_the_spot_checks(self):
        """经营管理主管: the estate's business supervisor is asked, and may do it; a business
        manager may not."""
        supervisor = self._user("psd_bs_a", "group_property_business_supervisor")
        self.estate_a.business_supervisor_id = supervisor
        self.assertIn(supervisor, self.estate_a.member_ids)
        self.company.property_callback_spot_check_rate = 100
        callback = self.callback()
        callback.write({"method": "phone", "phone_attestation": True, "satisfaction": "5"})
        callback.action_done()
        self.assertEqual(callback.activity_ids.user_id, supervisor)
        callback.spot_check_note = "Called the owner again: confirmed."
        with self.assertRefused(AccessError, "business supervisor"):
            callback.with_user(self.business_manager).action_spot_check_done()
        callback.with_user(supervisor).action_spot_check_done()
        self.assertEqual(callback.spot_checked_by_id, supervisor)

    def test_kpis_per_estate_and_month(self):
        on_time = self.callback()
        on_time.write({"method": "phone", "phone_attestation": True, "satisfaction": "5"})
        on_time.action_done()
        late = self.callback()
        late.write({"method": "phone", "phone_attestation": True, "satisfaction": "2"})
        with freeze_time(datetime(2026, 11, 28, 3, 0)):
            late.action_done()
        self.callback()  # not called back yet
        self.env.flush_all()
        Report = self.env["property.callback.report"]
        [group] = Report._read_group(
            [("estate_id", "=", self.estate_a.id), ("kind", "=", "repair")],
            groupby=["estate_id"],
            aggregates=[
                "callback_rate:avg",
                "on_time_rate:avg",
                "satisfaction_rate:avg",
                "required_rate:avg",
            ],
        )
        _estate, callback_rate, on_time_rate, satisfaction_rate, required = group
        self.assertAlmostEqual(callback_rate, 200 / 3)
        self.assertAlmostEqual(on_time_rate, 50)
        self.assertAlmostEqual(satisfaction_rate, 50)
        self.assertEqual(required, 100)
