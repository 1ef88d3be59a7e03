"""Meter readings (SPEC §10): the previous reading shown, a reading below it refused unless the
meter was changed, a consumption far above the recent average flagged, a round per building."""

from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, ValidationError

from .common import FeeCase


class TestMeterReading(FeeCase):
    def setUp(self):
        super().setUp()
        self.meter = self._meter(self.unit_a)

    def test_previous_reading_and_consumption(self):
        self._read(self.meter, date(2026, 9, 1), 100)
        reading = self._read(self.meter, date(2026, 10, 1), 112.5)
        self.assertEqual(reading.previous_value, 100)
        self.assertEqual(reading.consumption, 12.5)
        self.assertEqual(self.meter.last_value, 112.5)

    def test_a_reading_below_the_last_is_refused(self):
        self._read(self.meter, date(2026, 9, 1), 100)
        with self.assertRefused(ValidationError, "below its previous reading"):
            self._read(self.meter, date(2026, 10, 1), 90)
        self.assertEqual(len(self.meter.reading_ids), 1)

    def test_a_meter_change_with_final_and_initial_readings(self):
        self._read(self.meter, date(2026, 9, 1), 100)
        reading = self._read(
            self.meter,
            date(2026, 10, 1),
            7,
            is_meter_change=True,
            final_value=104,
            initial_value=0,
        )
        self.assertEqual(reading.consumption, 11)  # 4 on the old meter, 7 on the new one
        with self.assertRefused(ValidationError, "final reading"):
            self._read(
                self.meter,
                date(2026, 11, 1),
                3,
                is_meter_change=True,
                final_value=5,
                initial_value=0,
            )

    def test_readings_are_entered_in_order(self):
        self._read(self.meter, date(2026, 10, 1), 100)
        with self.assertRefused(ValidationError, "later month"):
            self._read(self.meter, date(2026, 9, 1), 90)

    def test_far_above_the_average_is_flagged(self):
        value = 100
        for month in range(4, 10):
            value += 10
            self._read(self.meter, date(2026, month, 1), value)
        normal = self._read(self.meter, date(2026, 10, 1), value + 30)
        self.assertFalse(normal.needs_review)  # 3× the average is still believable
        flagged = self._read(self.meter, date(2026, 11, 1), value + 30 + 45)
        self.assertTrue(flagged.needs_review)
        self.company.property_meter_review_factor = 5
        self.meter.invalidate_recordset()
        later = self._read(self.meter, date(2026, 12, 1), value + 30 + 45 + 60)
        self.assertFalse(later.needs_review)

    @freeze_time(datetime(2026, 11, 30, 17, 0))  # 1 December, 01:00 in Shanghai
    def test_the_round_shows_what_is_left_on_the_estate_clock(self):
        other = self._meter(self.unit_a2)
        Meter = self.env["property.meter"].with_user(self.reader)
        to_read = Meter.search([("to_read", "=", True), ("building_id", "=", self.building_a.id)])
        self.assertEqual(to_read, self.meter | other)
        reading = (
            self.env["property.meter.reading"]
            .with_user(self.reader)
            .create({"meter_id": other.id, "value": 5})
        )
        self.assertEqual(reading.period, date(2026, 12, 1))
        self.assertEqual(reading.reading_date, date(2026, 12, 1))
        self.assertEqual(reading.reader_id, self.reader)
        to_read = Meter.search([("to_read", "=", True), ("building_id", "=", self.building_a.id)])
        self.assertEqual(to_read, self.meter)

    def test_computed_values_are_kept_by_the_system(self):
        reading = self._read(self.meter, date(2026, 10, 1), 100)
        for field in ("previous_value", "consumption", "needs_review"):
            with self.assertRaises(AccessError):
                reading.with_user(self.reader).write({field: 0})

    def test_only_engineering_staff_record_readings(self):
        with self.assertRaises(AccessError):
            self.env["property.meter.reading"].with_user(self.agent_a).create(
                {"meter_id": self.meter.id, "value": 5}
            )
