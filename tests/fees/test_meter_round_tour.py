from dateutil.relativedelta import relativedelta

from odoo.tests import tagged

from ..common import PhoneTourCase, tour_estate, tour_user
from .fee_fixtures import fee_item


@tagged("post_install", "-at_install")
class TestMeterReadingRoundPhoneTour(PhoneTourCase):
    """A meter reader on a phone-sized screen reads the meters left in the round."""

    def test_meter_reading_round_phone_tour(self):
        env = self.tour_env()
        reader = tour_user(env, "psd_tour_reader", "technician")
        estate, building = tour_estate(env, "TOURM", reader, building="M1")
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
