from odoo.tests import HttpCase, new_test_user, tagged

from ..common import PropertyCase
from .test_parcel import T0


@tagged("post_install", "-at_install")
class TestPortalParcel(HttpCase, PropertyCase):
    """Owners and tenants see the parcels of their own units only, on /my/parcels."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.email = "desk@example.com"
        sf = cls.env.ref("property_service_desk.property_parcel_carrier_sf")
        Parcel = cls.env["property.parcel"]
        common = {
            "carrier_id": sf.id,
            "storage_location": "Shelf A-3",
            "received_at": T0,
            "notify_channel": "none",
        }
        cls.parcel_a = Parcel.create(
            {**common, "unit_id": cls.unit_a.id, "tracking_number": "SFUNITA0001"}
        )
        cls.parcel_b = Parcel.create(
            {**common, "unit_id": cls.unit_b.id, "tracking_number": "SFUNITB0002"}
        )
        # Addressed to owner A, though for a unit A does not live in.
        cls.parcel_addressed = Parcel.create(
            {
                **common,
                "unit_id": cls.unit_a2.id,
                "partner_id": cls.owner_a.id,
                "tracking_number": "SFTOA0003",
            }
        )
        cls.portal_a = new_test_user(
            cls.env,
            "psd_portal_a",
            groups="base.group_portal",
            partner_id=cls.owner_a.id,
            password="psd_portal_a",
        )
        cls.portal_b = new_test_user(
            cls.env,
            "psd_portal_b",
            groups="base.group_portal",
            partner_id=cls.owner_b.id,
            password="psd_portal_b",
        )

    def test_list_shows_only_the_users_parcels(self):
        self.authenticate("psd_portal_a", "psd_portal_a")
        response = self.url_open("/my/parcels")
        self.assertEqual(response.status_code, 200)
        self.assertIn("SFUNITA0001", response.text)
        self.assertIn("SFTOA0003", response.text)
        self.assertNotIn("SFUNITB0002", response.text)

    def test_other_units_parcel_page_is_not_found(self):
        self.authenticate("psd_portal_a", "psd_portal_a")
        own = self.url_open(f"/my/parcels/{self.parcel_a.id}")
        self.assertEqual(own.status_code, 200)
        self.assertIn("SFUNITA0001", own.text)
        self.assertIn("Shelf A-3", own.text)
        other = self.url_open(f"/my/parcels/{self.parcel_b.id}")
        self.assertIn(other.status_code, (403, 404))
        self.assertNotIn("SFUNITB0002", other.text)

    def test_unit_b_sees_its_parcel_and_not_unit_a(self):
        self.authenticate("psd_portal_b", "psd_portal_b")
        self.assertEqual(self.url_open(f"/my/parcels/{self.parcel_b.id}").status_code, 200)
        for parcel in (self.parcel_a, self.parcel_addressed):
            self.assertIn(self.url_open(f"/my/parcels/{parcel.id}").status_code, (403, 404))
        listing = self.url_open("/my/parcels").text
        self.assertIn("SFUNITB0002", listing)
        self.assertNotIn("SFUNITA0001", listing)

    def test_home_counter(self):
        # Items sent for the owner are not waiting for them.
        self.env["property.parcel"].create(
            {
                "direction": "outgoing",
                "unit_id": self.unit_a.id,
                "received_at": T0,
                "carrier_id": self.parcel_a.carrier_id.id,
                "tracking_number": "SFOUTA0004",
                "notify_channel": "none",
            }
        )
        self.authenticate("psd_portal_a", "psd_portal_a")
        counters = self.make_jsonrpc_request("/my/counters", {"counters": ["parcel_count"]})
        self.assertEqual(counters["parcel_count"], 2)
        self.authenticate("psd_portal_b", "psd_portal_b")
        counters = self.make_jsonrpc_request("/my/counters", {"counters": ["parcel_count"]})
        self.assertEqual(counters["parcel_count"], 1)

    def test_record_rule_without_http(self):
        Parcel = self.env["property.parcel"].with_user(self.portal_b)
        self.assertEqual(Parcel.search([]), self.parcel_b)

    def test_anonymous_visitor_is_not_shown_a_parcel(self):
        response = self.url_open(f"/my/parcels/{self.parcel_a.id}")
        self.assertIn(response.status_code, (403, 404))
        self.assertNotIn("SFUNITA0001", response.text)
