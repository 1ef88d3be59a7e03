"""Routing at registration (SPEC §1–§4, issue 29): rules per estate, kind and area that an
administrator keeps propose a handler, which the desk confirms or changes; a request left
unassigned past its relay promise is put before whoever answers for its area."""

from freezegun import freeze_time

from odoo.exceptions import AccessError, ValidationError

from ..common import ServiceDeskCase
from ..promises.test_promises import T0, minutes


@freeze_time(T0)
class TestRoutingRules(ServiceDeskCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.administrator = cls._user("psd_admin_a", "group_property_manager")
        cls.Rule = cls.env["property.routing.rule"]

    def routed(self, unit=None, **vals):
        ticket = self.env["helpdesk.ticket"].new({"unit_id": (unit or self.unit_a).id, **vals})
        ticket._onchange_route_to_handler()
        return ticket.user_id

    def test_shipped_rules_route_by_kind_and_area(self):
        self.estate_a.engineering_lead_id = self.technician
        self.assertEqual(self.routed(request_kind="basic"), self.business_manager)
        self.assertEqual(self.routed(request_kind="repair", area_scope="common"), self.technician)
        self.assertEqual(self.routed(request_kind="complaint"), self.project_manager)

    def test_the_administrator_routes_an_estates_requests_to_another_handler(self):
        self.Rule.with_user(self.administrator).create(
            {
                "name": "Estate A: private repairs to the duty technician",
                "sequence": 50,
                "estate_id": self.estate_a.id,
                "request_kind": "repair",
                "area_scope": "private",
                "handler": "user",
                "user_id": self.technician.id,
            }
        )
        # The estate's own rule goes before the general ones, whatever their sequence.
        self.assertEqual(self.routed(request_kind="repair", area_scope="private"), self.technician)
        self.assertEqual(self.routed(request_kind="basic"), self.business_manager)
        self.unit_b.building_id.business_manager_id = self.agent_b
        self.assertEqual(
            self.routed(unit=self.unit_b, request_kind="repair", area_scope="private"),
            self.agent_b,
            "other estates keep the general rules",
        )
        # The desk confirms the proposal or chooses another handler.
        self.assertEqual(
            self.routed(request_kind="repair", area_scope="private", user_id=self.agent_a.id),
            self.agent_a,
        )

    def test_only_the_administrator_edits_the_rules_and_a_named_handler_is_named(self):
        rule = self.env.ref("property_service_desk.property_routing_rule_other")
        with self.assertRaises(AccessError):
            rule.with_user(self.agent_a).write({"handler": "project_manager"})
        with self.assertRaises(ValidationError):
            rule.with_user(self.administrator).write({"handler": "user"})
        self.assertEqual(rule.handler, "business_manager")

    def test_unassigned_past_its_relay_promise_is_put_before_the_area(self):
        ticket = self._ticket(unit_id=self.unit_a.id, received_at=T0)
        self.assertFalse(ticket.user_id)
        self.run_cron(minutes(6))
        activities = self.activities(ticket, self.breach_type)
        self.assertEqual(activities.user_id, self.business_manager)
        self.assertIn("assign a handler", activities.summary)
