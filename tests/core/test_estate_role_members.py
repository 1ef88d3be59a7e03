from ..common import ServiceDeskCase


class TestEstateRoleMembers(ServiceDeskCase):
    """Staff removed from an estate role leave the estate unless they hold another role there
    (issue 14, point 13)."""

    def test_a_replaced_project_manager_leaves_the_estate(self):
        successor = self._user("psd_pm_a2", "group_property_project_manager")
        self.estate_a.project_manager_id = successor
        self.assertIn(successor, self.estate_a.member_ids)
        self.assertNotIn(self.project_manager, self.estate_a.member_ids)
        # and no longer sees the estate's requests
        request = self._ticket(unit_id=self.unit_a.id)
        Ticket = self.env["helpdesk.ticket"]
        self.assertTrue(Ticket.with_user(successor).search([("id", "=", request.id)]))
        self.assertFalse(Ticket.with_user(self.project_manager).search([("id", "=", request.id)]))

    def test_another_role_in_the_estate_keeps_the_membership(self):
        self.estate_a.business_manager_ids = [(4, self.project_manager.id)]
        self.estate_a.project_manager_id = False
        self.assertIn(self.project_manager, self.estate_a.member_ids)
        self.estate_a.business_manager_ids = [(3, self.project_manager.id)]
        self.assertNotIn(self.project_manager, self.estate_a.member_ids)

    def test_a_removed_business_manager_leaves(self):
        self.estate_a.business_manager_ids = [(3, self.business_manager.id)]
        self.assertNotIn(self.business_manager, self.estate_a.member_ids)

    def test_named_as_staff_in_the_same_change_stays(self):
        self.estate_a.write({"engineering_lead_id": False, "division_lead_id": False})
        self.estate_a.write(
            {
                "division_lead_id": self.operations_manager.id,
                "member_ids": [(4, self.division_lead.id)],
            }
        )
        self.assertNotEqual(self.estate_a.division_lead_id, self.division_lead)
        self.assertIn(self.division_lead, self.estate_a.member_ids)

    def test_role_changes_leave_other_staff_and_estates_alone(self):
        self.estate_b.project_manager_id = self.project_manager
        self.estate_a.project_manager_id = False
        self.assertIn(self.agent_a, self.estate_a.member_ids)
        self.assertIn(self.technician, self.estate_a.member_ids)
        self.assertIn(self.project_manager, self.estate_b.member_ids)
        self.assertNotIn(self.project_manager, self.estate_a.member_ids)
