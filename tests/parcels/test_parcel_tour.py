from odoo.tests import tagged

from ..common import PhoneTourCase, tour_estate, tour_user


@tagged("post_install", "-at_install")
class TestParcelHandoverPhoneTour(PhoneTourCase):
    """An agent on a phone-sized screen hands a parcel over against the collector's signature."""

    def test_parcel_handover_phone_tour(self):
        env = self.tour_env()
        env.company.email = "desk@example.com"
        agent = tour_user(env, "psd_tour_agent", "agent")
        _estate, building = tour_estate(env, "TOURP", agent)
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
