"""Two cashiers collect for the same unit at once (two database connections, as two workers):
the second waits for the first, then finds the bills as the first left them, so a payment is
never applied twice nor lost. Nothing of these tests is committed."""

import threading
import time

from odoo import SUPERUSER_ID, api

from ..common import CommittedDataCase


class TestConcurrentCollection(CommittedDataCase):
    def _env(self):
        cr = self.registry.cursor()
        self.addCleanup(cr.close)
        self.addCleanup(cr.rollback)
        return api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})

    def test_a_second_collection_of_a_unit_waits_for_the_first(self):
        first = self._env()
        unit = first.ref(
            "property_service_desk.property_unit_demo_1_0402", raise_if_not_found=False
        )
        if not unit:
            self.skipTest("needs the demo data")
        payment = unit._property_collect(unit.owner_id, 10.0, "cash")
        self.assertTrue(payment)
        second = self._env()
        outcome = {}

        def collect():
            try:
                unit2 = second["property.unit"].browse(unit.id)
                outcome["payment"] = unit2._property_collect(unit2.owner_id, 10.0, "wechat")
            except Exception as error:  # noqa: BLE001 - reported below
                outcome["error"] = error

        thread = threading.Thread(target=collect)
        thread.start()
        time.sleep(1.0)
        self.assertTrue(thread.is_alive(), "the second collection did not wait for the first")
        first.cr.rollback()  # the first cashier's transaction ends
        thread.join(timeout=60)
        self.assertFalse(thread.is_alive())
        self.assertNotIn("error", outcome)
        self.assertEqual(outcome["payment"].amount, 10.0)
