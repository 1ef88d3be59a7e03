from datetime import timedelta

from freezegun import freeze_time

from .common import ServiceDeskCase
from .test_sla_milestones import T0, minutes


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
        general_deadline = self.milestone(self.ticket, "solution").deadline
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
        self.assertEqual(self.ticket.escalation_count, 2)

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
        answer = self.milestone(self.ticket, "escalation_answer")
        self.assertEqual(answer.deadline, minutes(3 * 24 * 60))

        def top_notes():
            return self.ticket.message_ids.filtered(
                lambda m: top.partner_id in m.partner_ids and "top management" in str(m.body)
            )

        self.run_cron(minutes(3 * 24 * 60) - timedelta(seconds=1))
        self.assertFalse(top_notes())
        self.run_cron(minutes(3 * 24 * 60))
        self.run_cron(minutes(3 * 24 * 60 + 5))
        self.assertEqual(len(top_notes()), 1)

    def test_an_answer_in_time_spares_top_management(self):
        with freeze_time(minutes(24 * 60)):
            self.run_cron(minutes(24 * 60))
        with freeze_time(minutes(30 * 60)):
            self.ticket.action_propose_solution("Lift repaired by Friday, one month fee waived.")
        self.assertEqual(self.milestone(self.ticket, "escalation_answer").state, "met")
        self.assertEqual(self.milestone(self.ticket, "solution").state, "met")
        self.run_cron(minutes(10 * 24 * 60))
        self.assertEqual(self.ticket.complaint_severity, "general")
