from dateutil.relativedelta import relativedelta

from odoo.tests import HttpCase, new_test_user, tagged

from ..common import QUIET
from .fee_fixtures import fee_item


@tagged("post_install", "-at_install")
class TestMeterReadingRoundPhoneTour(HttpCase):
    """A meter reader on a phone-sized screen reads the meters left in the round."""

    browser_size = "375x667"
    touch_enabled = True

    def test_meter_reading_round_phone_tour(self):
        env = self.env(context=dict(self.env.context, **QUIET))
        reader = new_test_user(
            env,
            login="psd_tour_reader",
            password="psd_tour_reader",
            lang="en_US",
            groups="base.group_user,property_service_desk.group_property_technician",
        )
        estate = env["property.estate"].create(
            {"name": "Tour Estate", "code": "TOURM", "member_ids": [(6, 0, reader.ids)]}
        )
        building = env["property.building"].create({"name": "M1", "estate_id": estate.id})
        unit = env["property.unit"].create({"name": "301", "building_id": building.id})
        water = fee_item(env, estate, "metered")
        meter = env["property.meter"].create(
            {"serial": "TOUR-W-1", "unit_id": unit.id, "item_id": water.id}
        )
        this_month = estate._local_date().replace(day=1)
        env["property.meter.reading"].create(
            {"meter_id": meter.id, "period": this_month - relativedelta(months=1), "value": 100}
        )

        self.start_tour(
            "/odoo/action-property_service_desk.property_meter_action_round",
            "property_meter_reading_round_tour",
            login="psd_tour_reader",
            timeout=180,
        )

        reading = meter.reading_ids.filtered(lambda r: r.period == this_month)
        self.assertEqual(reading.value, 112)
        self.assertEqual(reading.consumption, 12)
        self.assertEqual(reading.reader_id, reader)
        self.assertFalse(meter.to_read)
