"""Two workers flag keys not back: a row held by one is left to it, none is flagged twice. These
tests commit their data (a second connection cannot see an uncommitted transaction) and remove
it afterwards."""

import base64
from datetime import timedelta

from odoo import SUPERUSER_ID, api, fields

from ..common import CommittedDataCase

MODELS = ("property.key.log", "property.key.set", "property.key.authorisation")


class TestKeysNotBackBesideAConcurrentWorker(CommittedDataCase):
    def setUp(self):
        super().setUp()
        self.now = fields.Datetime.now().replace(microsecond=0)
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            gm = env.ref("base.user_admin")
            estate = env["property.estate"].create(
                {"name": "Key Runner Estate", "code": "KRUN", "service_centre_manager_id": gm.id}
            )
            building = env["property.building"].create({"name": "K", "estate_id": estate.id})
            # No e-mail and no mobile: the owner gets a note, nothing is queued.
            owner = env["res.partner"].create({"name": "Key Runner Owner"})
            unit = env["property.unit"].create(
                {"name": "101", "building_id": building.id, "owner_id": owner.id}
            )
            authorisation = env["property.key.authorisation"].create(
                {
                    "unit_id": unit.id,
                    "document": base64.b64encode(b"scan"),
                    "keys_description": "Unit door",
                    "key_count": 3,
                    "valid_from": self.now.date() - timedelta(days=30),
                    "valid_until": self.now.date() + timedelta(days=30),
                    "contact_name": "Owner",
                    "contact_phone": "139",
                }
            )
            key_sets = env["property.key.set"].create(
                [
                    {
                        "unit_id": unit.id,
                        "authorisation_id": authorisation.id,
                        "keys_description": "Unit door",
                        "seal_number": f"KR-{n}",
                        "storage_location": "K1",
                    }
                    for n in range(3)
                ]
            )
            logs = env["property.key.log"].create(
                [
                    {
                        "key_set_id": key_set.id,
                        "reason": "Repair",
                        "authorised_by_id": gm.id,
                        "taken_by_id": gm.id,
                    }
                    for key_set in key_sets
                ]
            )
            cr.execute(
                "UPDATE property_key_log SET out_at = %s WHERE id IN %s",
                [self.now - timedelta(days=2), tuple(logs.ids)],
            )
            self.ids = {
                "estate": estate.id,
                "building": building.id,
                "unit": unit.id,
                "owner": owner.id,
                "authorisation": authorisation.id,
                "sets": tuple(key_sets.ids),
                "logs": tuple(logs.ids),
            }
        self.addCleanup(self._remove_data)

    def _remove_data(self):
        ids = self.ids
        with self.registry.cursor() as cr:
            for model, res_ids in (
                ("property.key.log", ids["logs"]),
                ("property.key.set", ids["sets"]),
                ("property.key.authorisation", (ids["authorisation"],)),
                ("property.unit", (ids["unit"],)),
            ):
                for table, column in (
                    ("mail_activity", "res_model"),
                    ("mail_message", "model"),
                    ("mail_followers", "res_model"),
                    ("ir_attachment", "res_model"),
                ):
                    cr.execute(
                        f"DELETE FROM {table} WHERE {column} = %s AND res_id IN %s",
                        [model, res_ids],
                    )
            cr.execute("DELETE FROM property_key_log WHERE id IN %s", [ids["logs"]])
            cr.execute("DELETE FROM property_key_set WHERE id IN %s", [ids["sets"]])
            cr.execute(
                "DELETE FROM property_key_authorisation WHERE id = %s", [ids["authorisation"]]
            )
            cr.execute("DELETE FROM property_unit WHERE id = %s", [ids["unit"]])
            cr.execute("DELETE FROM property_building WHERE id = %s", [ids["building"]])
            cr.execute("DELETE FROM property_estate WHERE id = %s", [ids["estate"]])
            cr.execute("DELETE FROM res_partner WHERE id = %s", [ids["owner"]])

    def _run(self, cr):
        env = api.Environment(cr, SUPERUSER_ID, {})
        return env["property.key.log"]._cron_flag_not_back(now=self.now, batch_size=2)

    def _flags(self):
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT count(*) FROM mail_activity WHERE res_model = 'property.key.set'"
                " AND res_id IN %s",
                [self.ids["sets"]],
            )
            activities = cr.fetchone()[0]
            cr.execute(
                "SELECT count(*) FROM property_key_log WHERE id IN %s"
                " AND overdue_flagged_at IS NOT NULL",
                [self.ids["logs"]],
            )
            return activities, cr.fetchone()[0]

    def test_a_use_held_by_another_worker_is_left_to_it_and_none_flagged_twice(self):
        held = self.ids["logs"][:1]
        with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
            cr1.execute("SELECT id FROM property_key_log WHERE id IN %s FOR UPDATE", [held])
            self.assertEqual(self._run(cr2), 2, "every use but the held one")
            cr2.commit()
            cr1.rollback()
        with self.registry.cursor() as cr3:
            self.assertEqual(self._run(cr3), 1, "the held one, once released")
        with self.registry.cursor() as cr4:
            self.assertEqual(self._run(cr4), 0)
        self.assertEqual(self._flags(), (3, 3), "one activity per use, exactly once")
