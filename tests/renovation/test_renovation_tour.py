from odoo.tests import tagged

from ..common import PhoneTourCase, tour_estate, tour_user
from ..renovation_common import make_renovation


@tagged("post_install", "-at_install")
class TestRenovationInspectionPhoneTour(PhoneTourCase):
    """An inspector on a phone-sized screen records a violation with a photo."""

    browser_size = "390x844"

    def test_renovation_inspection_phone_tour(self):
        env = self.tour_env()
        inspector = tour_user(env, "psd_tour_inspector", "technician")
        _estate, building = tour_estate(env, "TOURR", inspector)
        owner = env["res.partner"].create({"name": "Wang Fang", "email": "wf@example.com"})
        unit = env["property.unit"].create(
            {"name": "808", "building_id": building.id, "owner_id": owner.id}
        )
        renovation = make_renovation(env, unit, "permitted", inspector_id=inspector.id)
        inspection = env["property.renovation.inspection"].create(
            {"renovation_id": renovation.id, "inspector_id": inspector.id}
        )

        self.start_tour(
            "/odoo/action-property_service_desk.property_renovation_inspection_action",
            "property_renovation_inspection_tour",
            login="psd_tour_inspector",
            timeout=180,
        )

        inspection.invalidate_recordset()
        self.assertEqual((inspection.state, inspection.result), ("done", "violation"))
        self.assertEqual(inspection.done_by_id, inspector)
        self.assertEqual(len(inspection.photo_ids), 1)
        self.assertEqual(inspection.notice_id.required_action, "Clean the corridor today")
