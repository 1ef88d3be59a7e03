from odoo.tests import HttpCase, new_test_user, tagged

from ..common import QUIET


@tagged("post_install", "-at_install")
class TestParcelHandoverPhoneTour(HttpCase):
    """An agent on a phone-sized screen hands a parcel over against the collector's signature."""

    browser_size = "375x667"
    touch_enabled = True

    def test_parcel_handover_phone_tour(self):
        env = self.env(context=dict(self.env.context, **QUIET))
        env.company.email = "desk@example.com"
        agent = new_test_user(
            env,
            login="psd_tour_agent",
            password="psd_tour_agent",
            lang="en_US",
            groups="base.group_user,property_service_desk.group_property_agent",
        )
        estate = env["property.estate"].create(
            {"name": "Tour Estate", "code": "TOURP", "member_ids": [(6, 0, agent.ids)]}
        )
        building = env["property.building"].create({"name": "T1", "estate_id": estate.id})
        # A Latin name: the signature pad's automatic signature fonts have no Chinese glyphs.
        tenant = env["res.partner"].create({"name": "Zhao Lei", "email": "zl@example.com"})
        unit = env["property.unit"].create(
            {"name": "802", "building_id": building.id, "tenant_ids": [(6, 0, tenant.ids)]}
        )
        parcel = env["property.parcel"].create(
            {
                "unit_id": unit.id,
                "tracking_number": "SFTOUR0001",
                "storage_location": "A-3",
                "carrier_id": env.ref("property_service_desk.property_parcel_carrier_sf").id,
            }
        )

        self.start_tour(
            "/odoo/action-property_service_desk.property_parcel_action_uncollected",
            "property_parcel_handover_tour",
            login="psd_tour_agent",
            timeout=180,
        )

        parcel.invalidate_recordset()
        self.assertEqual(parcel.state, "picked_up")
        self.assertEqual(parcel.picked_up_by_name, "Zhao Lei")
        self.assertEqual(parcel.handed_over_by_id, agent)
        self.assertTrue(parcel.pickup_signature)
