from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError

from ..common import ServiceDeskCase
from ..promises.test_promises import T0, minutes


@freeze_time(T0)
class TestComplaintSeverity(ServiceDeskCase):
    def test_severity_by_compensation_default_thresholds(self):
        expected = {200: "minor", 300: "minor", 650: "general", 1000: "major", 1200: "major"}
        for amount, severity in expected.items():
            self.assertEqual(
                self.complaint(compensation_amount=amount).complaint_severity, severity, amount
            )

    def test_severity_by_compensation_changed_settings(self):
        settings = self.env["res.config.settings"].create(
            {"property_minor_compensation": 500, "property_major_compensation": 1100}
        )
        settings.execute()
        self.assertEqual(self.company.property_major_compensation, 1100)
        expected = {200: "minor", 300: "minor", 650: "general", 1000: "general", 1200: "major"}
        for amount, severity in expected.items():
            self.assertEqual(
                self.complaint(compensation_amount=amount).complaint_severity, severity, amount
            )

    def test_thresholds_must_be_ordered(self):
        with self.assertRefused(ValidationError, "above the minor limit"):
            self.company.write({"property_minor_compensation": 1000})

    def test_risk_facts_raise_the_severity(self):
        facts = {
            "beyond_estate_authority": "general",
            "risk_lawsuit_or_media": "general",
            "lawsuit_or_media_happened": "major",
            "risk_collective_lawsuit": "major",
        }
        for fact, severity in facts.items():
            self.assertEqual(self.complaint(**{fact: True}).complaint_severity, severity, fact)

    def test_facts_found_later_raise_but_never_lower(self):
        ticket = self.complaint(compensation_amount=100)
        ticket.risk_lawsuit_or_media = True
        self.assertEqual(ticket.complaint_severity, "general")
        ticket.risk_lawsuit_or_media = False
        self.assertEqual(ticket.complaint_severity, "general")

    def test_alternative_major_definitions_are_configurable(self):
        repeated = self.env.ref("property_service_desk.property_complaint_severity_rule_repeated")
        self.assertEqual(self.complaint(repeat_complaint_count=3).complaint_severity, "minor")
        repeated.active = True
        self.assertEqual(self.complaint(repeat_complaint_count=3).complaint_severity, "major")
        month = self.env.ref("property_service_desk.property_complaint_severity_rule_month")
        month.active = True
        old = self.complaint(received_at=minutes(-40 * 24 * 60))
        self.assertEqual(old.complaint_severity, "major")

    def test_unresolved_for_a_month_becomes_major_as_time_passes(self):
        self.env.ref("property_service_desk.property_complaint_severity_rule_month").active = True
        ticket = self.complaint()
        Ticket = self.env["helpdesk.ticket"]
        with freeze_time(T0 + relativedelta(days=29)):
            Ticket._cron_apply_severity_rules()
            self.assertEqual(ticket.complaint_severity, "minor")
        with freeze_time(T0 + relativedelta(months=1, minutes=1)):
            Ticket._cron_apply_severity_rules()
            self.assertEqual(ticket.complaint_severity, "major")
            self.assertEqual(ticket.complaint_owner_id, self.division_lead)

    def test_transfer_found_later_goes_to_the_centre_manager(self):
        ticket = self.complaint(channel_id=self.phone.id)
        self.assertEqual(ticket.complaint_owner_id, self.project_manager)
        ticket.channel_id = self.media
        self.assertEqual(ticket.complaint_owner_id, self.centre_manager)

    def test_owner_by_severity(self):
        owners = {
            100: self.project_manager,
            650: self.operations_manager,
            5000: self.division_lead,
        }
        for amount, owner in owners.items():
            self.assertEqual(self.complaint(compensation_amount=amount).complaint_owner_id, owner)

    def test_missing_role_passes_the_complaint_up(self):
        self.estate_a.project_manager_id = False
        self.assertEqual(self.complaint().complaint_owner_id, self.operations_manager)

    def test_solution_deadline_by_severity(self):
        deadlines = {100: 24 * 60, 650: 8 * 60, 5000: 3 * 60}
        for amount, deadline in deadlines.items():
            ticket = self.complaint(compensation_amount=amount)
            self.assertEqual(self.promise(ticket, "solution").deadline, minutes(deadline))

    def test_external_channel_owner_and_8_hour_deadline(self):
        for amount in (100, 5000):
            ticket = self.complaint(channel_id=self.media.id, compensation_amount=amount)
            self.assertTrue(ticket.is_external)
            self.assertEqual(ticket.complaint_owner_id, self.centre_manager)
            self.assertEqual(self.promise(ticket, "solution").deadline, minutes(8 * 60))

    def test_negative_compensation_refused_in_both_languages(self):
        with self.assertRefused(ValidationError, "must be between 0 and"):
            self.complaint(compensation_amount=-1)
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env.ref("base.module_property_service_desk")._update_translations(["zh_CN"])
        with self.assertRefused(ValidationError, "必须在 0 到"):
            self.env["helpdesk.ticket"].with_context(lang="zh_CN").create(
                {
                    "name": "x",
                    "description": "<p>x</p>",
                    "request_kind": "complaint",
                    "compensation_amount": -1,
                }
            )

    def test_raising_by_hand_needs_a_business_manager(self):
        ticket = self.complaint()
        with self.assertRaises(AccessError):
            ticket.with_user(self.agent_a).action_change_severity("general", "Media called")
        ticket.with_user(self.business_manager).action_change_severity("general", "Media called")
        self.assertEqual(ticket.complaint_severity, "general")
        self.assertEqual(ticket.complaint_owner_id, self.operations_manager)

    def test_lowering_needs_an_operations_manager_and_a_reason(self):
        ticket = self.complaint(compensation_amount=650)
        with self.assertRefused(AccessError, "operations general manager"):
            ticket.with_user(self.business_manager).action_change_severity("minor", "Settled")
        with self.assertRefused(UserError, "reason"):
            ticket.with_user(self.operations_manager).action_change_severity("minor", " ")
        self.assertEqual(ticket.complaint_severity, "general")
        self.assertEqual(
            len(ticket.complaint_history_ids.filtered(lambda h: h.change == "severity")), 1
        )
        ticket.with_user(self.operations_manager).action_change_severity("minor", "Settled")
        self.assertEqual(ticket.complaint_severity, "minor")

    def test_invalid_needs_a_manager_and_a_reason_and_is_kept_closed(self):
        ticket = self.complaint()
        with self.assertRaises(AccessError):
            ticket.with_user(self.project_manager).action_change_severity("invalid", "Not ours")
        with self.assertRefused(UserError, "reason"):
            ticket.with_user(self.operations_manager).action_change_severity("invalid", "")
        self.assertEqual(ticket.complaint_severity, "minor")
        ticket.with_user(self.operations_manager).action_change_severity(
            "invalid", "Noise from the public road outside the estate: not a property duty."
        )
        self.assertEqual(ticket.complaint_severity, "invalid")
        self.assertTrue(ticket.closed)
        self.assertFalse(ticket._running_promises())
        self.assertIn("public road", ticket.complaint_history_ids[0].reason)
        with self.assertRaises(UserError):
            ticket.unlink()
