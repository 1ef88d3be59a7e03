from contextlib import contextmanager

from odoo.tests import TransactionCase, new_test_user

QUIET = {
    "mail_create_nolog": True,
    "mail_notrack": True,
    "tracking_disable": True,
    "no_reset_password": True,
}


class PropertyCase(TransactionCase):
    """Two estates (A and B) with a building and units each, and staff of each estate."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, **QUIET))
        cls.company = cls.env.company
        cls.agent_a = cls._user("psd_agent_a", "group_property_agent")
        cls.agent_b = cls._user("psd_agent_b", "group_property_agent")
        cls.centre_manager = cls._user("psd_centre_gm", "group_property_centre_manager")
        cls.owner_a = cls.env["res.partner"].create({"name": "王芳", "email": "wf@example.com"})
        cls.tenant_a = cls.env["res.partner"].create({"name": "赵磊", "email": "zl@example.com"})
        cls.owner_b = cls.env["res.partner"].create({"name": "陈静", "email": "cj@example.com"})
        cls.estate_a = cls._estate("Test Estate A", "TEA", cls.agent_a)
        cls.estate_b = cls._estate("Test Estate B", "TEB", cls.agent_b)
        cls.building_a = cls.env["property.building"].create(
            {"name": "A1", "estate_id": cls.estate_a.id, "floor_count": 18}
        )
        cls.building_b = cls.env["property.building"].create(
            {"name": "B1", "estate_id": cls.estate_b.id, "floor_count": 6}
        )
        cls.unit_a = cls.env["property.unit"].create(
            {
                "name": "1201",
                "building_id": cls.building_a.id,
                "floor": 12,
                "floor_area": 89.5,
                "owner_id": cls.owner_a.id,
                "tenant_ids": [(4, cls.tenant_a.id)],
            }
        )
        cls.unit_a2 = cls.env["property.unit"].create(
            {"name": "1202", "building_id": cls.building_a.id, "floor": 12}
        )
        cls.unit_b = cls.env["property.unit"].create(
            {"name": "301", "building_id": cls.building_b.id, "owner_id": cls.owner_b.id}
        )
        cls.phone = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_phone")
        cls.media = cls.env.ref("property_service_desk.helpdesk_ticket_channel_external_media")

    @contextmanager
    def assertRefused(self, exception, message):
        """The error is raised with this message and the transaction is rolled back to before."""
        with self.assertRaises(exception) as caught:
            yield caught
        self.assertRegex(str(caught.exception), message)

    @classmethod
    def _user(cls, login, group, **kwargs):
        groups = f"base.group_user,property_service_desk.{group}"
        return new_test_user(cls.env, login=login, groups=groups, **kwargs)

    @classmethod
    def _estate(cls, name, code, *staff):
        return cls.env["property.estate"].create(
            {"name": name, "code": code, "member_ids": [(6, 0, [u.id for u in staff])]}
        )

    @classmethod
    def _ticket(cls, **vals):
        vals.setdefault("name", "Water leaking from the ceiling")
        vals.setdefault("description", "<p>Leak above the bathroom.</p>")
        return cls.env["helpdesk.ticket"].create(vals)
