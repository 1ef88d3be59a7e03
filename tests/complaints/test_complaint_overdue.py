from datetime import timedelta

from freezegun import freeze_time

from ..common import ServiceDeskCase
from ..promises.test_promises import T0, minutes


@freeze_time(T0)
class TestComplaintOverdue(ServiceDeskCase):
    def setUp(self):
        super().setUp()
        self.ticket = self._ticket(
            name="Lift out of order for a week",
            request_kind="complaint",
            unit_id=self.unit_a.id,
            partner_id=self.owner_a.id,
            received_at=T0,
        )

    def severity_changes(self):
        return self.ticket.complaint_history_ids.filtered(lambda h: h.change == "severity")

    def test_minor_to_general_to_major_exactly_once_each(self):
        self.run_cron(minutes(24 * 60) - timedelta(seconds=1))
        self.assertEqual(self.ticket.complaint_severity, "minor")
        with freeze_time(minutes(24 * 60)):
            self.run_cron(minutes(24 * 60))
            self.run_cron(minutes(24 * 60 + 1))
        self.assertEqual(self.ticket.complaint_severity, "general")
        self.assertEqual(self.ticket.complaint_owner_id, self.operations_manager)
        general_deadline = self.promise(self.ticket, "solution").deadline
        self.assertEqual(general_deadline, minutes(24 * 60 + 8 * 60))
        with freeze_time(general_deadline):
            self.run_cron(general_deadline)
            self.run_cron(general_deadline)
        self.assertEqual(self.ticket.complaint_severity, "major")
        self.assertEqual(self.ticket.complaint_owner_id, self.division_lead)
        self.run_cron(minutes(60 * 24 * 60))
        self.assertEqual(
            self.severity_changes().sorted("id").mapped("new_value"), ["Minor", "General", "Major"]
        )
        upgrades = self.severity_changes().filtered(lambda h: h.trigger == "scheduled")
        self.assertEqual(len(upgrades), 2)
        # The major complaint missed its own deadline too: its owner's superior took it over.
        self.assertEqual(self.ticket.complaint_owner_id, self.centre_manager)
        self.assertEqual(self.ticket.escalation_count, 3)

    def test_upgrade_gives_the_new_owner_an_activity_and_tells_the_superior(self):
        with freeze_time(minutes(24 * 60)):
            self.run_cron(minutes(24 * 60))
        activity = self.ticket.activity_ids.filtered(
            lambda a: (
                a.user_id == self.operations_manager
                and a.activity_type_id
                == self.env.ref("property_service_desk.mail_activity_type_complaint_solution")
            )
        )
        self.assertEqual(len(activity), 1)
        told = self.ticket.message_ids.filtered(
            lambda m: (
                self.operations_manager.partner_id in m.partner_ids
                and "not solved in time" in str(m.body)
            )
        )
        self.assertEqual(len(told), 1, "the old owner's superior is told")

    def test_no_answer_two_days_after_escalation_reaches_top_management(self):
        top = self._user("psd_top", "group_property_manager")
        self.company.property_top_manager_id = top
        with freeze_time(minutes(24 * 60)):
            self.run_cron(minutes(24 * 60))
        answer = self.promise(self.ticket, "escalation_answer")
        self.assertEqual(answer.deadline, minutes(3 * 24 * 60))

        def top_notes():
            return self.ticket.message_ids.filtered(
                lambda m: top.partner_id in m.partner_ids and "top management" in str(m.body)
            )

        # Each level missed its deadline in turn (general 8 h, major 3 h, the service-centre GM
        # 3 h): each report to the next superior gives them 2 days to answer.
        for missed in (minutes(32 * 60), minutes(35 * 60), minutes(38 * 60)):
            with freeze_time(missed):
                self.run_cron(missed)
        self.assertEqual(self.ticket.complaint_owner_id, self.centre_manager)
        last_answer = self.promise(self.ticket, "escalation_answer")
        self.assertEqual(last_answer.deadline, minutes(38 * 60 + 2 * 24 * 60))
        self.assertEqual(answer.state, "cancelled", "the earlier level's answer is superseded")
        with freeze_time(last_answer.deadline - timedelta(seconds=1)):
            self.run_cron(last_answer.deadline - timedelta(seconds=1))
        self.assertFalse(top_notes())
        with freeze_time(last_answer.deadline):
            self.run_cron(last_answer.deadline)
            self.run_cron(last_answer.deadline + timedelta(minutes=5))
        self.assertEqual(len(top_notes()), 1)

    def test_an_answer_in_time_spares_top_management(self):
        with freeze_time(minutes(24 * 60)):
            self.run_cron(minutes(24 * 60))
        with freeze_time(minutes(30 * 60)):
            self.ticket.action_propose_solution("Lift repaired by Friday, one month fee waived.")
        self.assertEqual(self.promise(self.ticket, "escalation_answer").state, "met")
        self.assertEqual(self.promise(self.ticket, "solution").state, "met")
        self.run_cron(minutes(10 * 24 * 60))
        self.assertEqual(self.ticket.complaint_severity, "general")


@freeze_time(T0)
class TestOverdueChainInEveryScheme(ServiceDeskCase):
    """Unresolved by its deadline: the complaint owner's superior, who owns the new level and
    gets the activity; no answer in 2 days: top management. Severity, cause class, both, and
    external complaints alike (SPEC §3)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.top = cls._user("psd_top_chain", "group_property_manager")
        cls.company.property_top_manager_id = cls.top
        cls.solution_type = cls.env.ref(
            "property_service_desk.mail_activity_type_complaint_solution"
        )

    def told(self, ticket, user, text="not solved in time"):
        return ticket.message_ids.filtered(
            lambda m: user.partner_id in m.partner_ids and text in str(m.body)
        )

    def solution_activities(self, ticket, user):
        return self.activities(ticket, self.solution_type).filtered(lambda a: a.user_id == user)

    def miss_deadline(self, ticket):
        deadline = self.promise(ticket, "solution").deadline
        with freeze_time(deadline):
            self.run_cron(deadline)
        return deadline

    def assert_top_management_after_two_days(self, ticket, since):
        """The new level has 2 days to answer, else top management is told."""
        answer = self.promise(ticket, "escalation_answer")
        self.assertEqual((answer.state, answer.deadline), ("running", since + timedelta(days=2)))
        self.assertTrue(answer.policy_id.breach_notify_top_management)

    def test_cause_class_scheme_upgrades_and_reports_to_the_owners_superior(self):
        self.company.property_complaint_scheme = "cause"
        # Handled by an agent: the superior is the complaint owner's, not the handler's.
        ticket = self.complaint(cause_class="class_1", user_id=self.agent_a.id)
        self.assertEqual(ticket.complaint_owner_id, self.project_manager)
        missed = self.miss_deadline(ticket)
        self.assertEqual(missed, minutes(4 * 60))
        self.assertEqual(ticket.complaint_severity, "general", "upgraded under cause classes")
        self.assertEqual(ticket.complaint_owner_id, self.operations_manager)
        self.assertEqual(len(self.told(ticket, self.operations_manager)), 1)
        self.assertFalse(self.told(ticket, self.project_manager))
        self.assertEqual(len(self.solution_activities(ticket, self.operations_manager)), 1)
        self.assert_top_management_after_two_days(ticket, missed)

    def test_both_schemes_class_3_follows_the_chain_too(self):
        self.company.property_complaint_scheme = "both"
        ticket = self.complaint(cause_class="class_3")
        missed = self.miss_deadline(ticket)
        self.assertEqual(missed, minutes(3 * 24 * 60))
        self.assertEqual(ticket.complaint_severity, "general")
        self.assertEqual(ticket.complaint_owner_id, self.operations_manager)
        self.assertEqual(len(self.told(ticket, self.operations_manager)), 1)
        self.assert_top_management_after_two_days(ticket, missed)

    def test_major_complaint_goes_to_the_service_centre_gm(self):
        ticket = self.complaint(compensation_amount=5000)
        self.assertEqual(ticket.complaint_owner_id, self.division_lead)
        missed = self.miss_deadline(ticket)
        self.assertEqual(missed, minutes(3 * 60))
        self.assertEqual(ticket.complaint_severity, "major")
        self.assertEqual(ticket.complaint_owner_id, self.centre_manager, "the superior owns it")
        self.assertEqual(len(self.told(ticket, self.centre_manager)), 1)
        self.assertEqual(len(self.solution_activities(ticket, self.centre_manager)), 1)
        self.assertEqual(self.promise(ticket, "solution").deadline, missed + timedelta(hours=3))
        self.assert_top_management_after_two_days(ticket, missed)

    def test_external_complaint_reports_above_the_service_centre_gm(self):
        ticket = self.complaint(channel_id=self.media.id)
        self.assertEqual(ticket.complaint_owner_id, self.centre_manager)
        missed = self.miss_deadline(ticket)
        self.assertEqual(missed, minutes(8 * 60))
        self.assertEqual(ticket.complaint_severity, "general")
        self.assertEqual(ticket.complaint_owner_id, self.centre_manager)
        self.assertEqual(len(self.told(ticket, self.top)), 1, "top management is above")
        self.assertEqual(len(self.solution_activities(ticket, self.top)), 1)
        self.assertFalse(self.told(ticket, self.project_manager))
        self.assert_top_management_after_two_days(ticket, missed)
        # Missed again as general, then as major: top management is told each time; then
        # nobody answers in 2 days: top management is told so, once.
        for again in (minutes(16 * 60), minutes(24 * 60)):
            self.assertEqual(self.miss_deadline(ticket), again)
        self.assertEqual(ticket.complaint_severity, "major")
        self.assertEqual(len(self.told(ticket, self.top)), 3)
        self.assertFalse(self.promise(ticket, "solution").state == "running")
        answer = self.promise(ticket, "escalation_answer").deadline
        self.assertEqual(answer, minutes(72 * 60))
        with freeze_time(answer):
            self.run_cron(answer)
            self.run_cron(answer + timedelta(days=1))
        self.assertEqual(len(self.told(ticket, self.top, "top management")), 1)

    def test_the_chain_runs_once_per_missed_deadline(self):
        ticket = self.complaint(compensation_amount=5000)
        missed = self.miss_deadline(ticket)
        self.run_cron(missed)
        self.run_cron(missed + timedelta(minutes=1))
        self.assertEqual(ticket.escalation_count, 1)
        self.assertEqual(len(self.told(ticket, self.centre_manager)), 1)
