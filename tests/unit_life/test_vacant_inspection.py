import base64
from datetime import date, datetime

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo import SUPERUSER_ID, api
from odoo.exceptions import AccessError, UserError
from odoo.tools import mute_logger

from ..common import CommittedDataCase, ServiceDeskCase, needs_pdftotext, pdf_text

# 1 December 2026, 00:30 in Shanghai (30 November 16:30 UTC): already December at the estate.
EARLY_DECEMBER = datetime(2026, 11, 30, 16, 30)
MID_DECEMBER = datetime(2026, 12, 15, 2, 0)
JANUARY = datetime(2027, 1, 2, 2, 0)
CHECKLIST = (
    "doors_windows_result",
    "water_result",
    "power_result",
    "gas_result",
    "leaks_result",
    "damage_result",
)
PHOTO = base64.b64encode(b"\x89PNG\r\n\x1a\n fake photo").decode()


class VacantCase(ServiceDeskCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Inspection = cls.env["property.vacant.inspection"]
        cls.unit_a2.write({"is_vacant": True, "owner_id": cls.owner_a.id})
        cls.estate_a.resource_calendar_id.tz = "Asia/Shanghai"

    def schedule(self, now):
        return self.Inspection._cron_schedule(now=now, unit_ids=self.unit_a2.ids)

    def inspections(self):
        return self.Inspection.search([("unit_id", "=", self.unit_a2.id)])

    def planned(self):
        self.schedule(MID_DECEMBER)
        return self.inspections()

    def photo(self):
        return self.env["ir.attachment"].create(
            {"name": "leak.png", "datas": PHOTO, "res_model": "property.vacant.inspection"}
        )

    def fill(self, inspection, problem=None, **vals):
        values = {name: "ok" for name in CHECKLIST}
        if problem:
            values[problem] = "problem"
        inspection.with_user(self.business_manager).write({**values, **vals})


class TestVacantScheduling(VacantCase):
    def test_one_inspection_per_vacant_unit_and_month_to_the_building_manager(self):
        self.assertEqual(self.schedule(EARLY_DECEMBER), 1)
        inspection = self.inspections()
        self.assertEqual(inspection.period, date(2026, 12, 1), "the estate's month, not UTC's")
        self.assertEqual(inspection.due_date, date(2026, 12, 31))
        self.assertEqual(inspection.inspector_id, self.business_manager)
        activity = inspection.activity_ids
        self.assertEqual(activity.user_id, self.business_manager)
        self.assertEqual(activity.date_deadline, date(2026, 12, 31))
        self.assertEqual(self.unit_a2.vacant_inspection_month, date(2026, 12, 1))
        # Again the same month: nothing; the next month: one more.
        self.assertEqual(self.schedule(MID_DECEMBER), 0)
        self.assertEqual(len(self.inspections()), 1)
        self.assertEqual(self.schedule(JANUARY), 1)
        self.assertEqual(self.inspections().mapped("period"), [date(2027, 1, 1), date(2026, 12, 1)])

    def test_an_inspection_planned_by_hand_is_not_doubled(self):
        self.Inspection.create({"unit_id": self.unit_a2.id, "period": date(2026, 12, 1)})
        self.assertEqual(self.schedule(MID_DECEMBER), 1)
        self.assertEqual(len(self.inspections()), 1)
        self.assertEqual(self.unit_a2.vacant_inspection_month, date(2026, 12, 1))
        self.assertEqual(self.schedule(MID_DECEMBER), 0)

    def test_occupied_and_archived_units_are_not_inspected(self):
        self.unit_a2.is_vacant = False
        self.assertEqual(self.schedule(MID_DECEMBER), 0)
        self.unit_a2.write({"is_vacant": True, "active": False})
        self.assertEqual(self.schedule(MID_DECEMBER), 0)

    def test_no_building_manager_falls_back_to_the_estate(self):
        self.building_a.business_manager_id = False
        inspection = self.planned()
        self.assertEqual(inspection.inspector_id, self.estate_a.business_manager_ids[:1])

    def test_the_month_planned_is_kept_by_the_system(self):
        with self.assertRefused(AccessError, "kept by the system"):
            self.unit_a2.with_user(self.agent_a).write({"vacant_inspection_month": "2030-01-01"})
        with self.assertRefused(AccessError, "kept by the system"):
            self.unit_a2.with_user(self.agent_a).write({"cron_retry_at": "2030-01-01"})

    def test_a_second_inspection_of_the_month_is_refused(self):
        inspection = self.planned()
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            self.Inspection.create({"unit_id": self.unit_a2.id, "period": inspection.period})

    def test_overdue_is_visible_filtered_and_counted_on_the_estate(self):
        with freeze_time(MID_DECEMBER):
            inspection = self.planned()
            self.assertFalse(inspection.is_overdue)
            self.assertEqual(self.estate_a.vacant_inspection_overdue_count, 0)
        with freeze_time(JANUARY):
            inspection.invalidate_recordset(["is_overdue"])
            self.assertTrue(inspection.is_overdue)
            self.assertIn(inspection, self.Inspection.search([("is_overdue", "=", True)]))
            self.assertNotIn(inspection, self.Inspection.search([("is_overdue", "=", False)]))
            self.estate_a.invalidate_recordset()
            self.assertEqual(self.estate_a.vacant_inspection_overdue_count, 1)
            action = self.estate_a.with_user(self.agent_a).action_view_overdue_vacant_inspections()
            self.assertEqual(self.Inspection.search(action["domain"]), inspection)


class TestVacantInspectionRecord(VacantCase):
    def test_all_ok_is_recorded_without_request(self):
        inspection = self.planned()
        self.fill(inspection)
        inspection.with_user(self.business_manager).action_done()
        self.assertEqual(inspection.state, "done")
        self.assertEqual(inspection.inspected_by_id, self.business_manager)
        self.assertFalse(inspection.ticket_id)
        self.assertFalse(inspection.activity_ids, "the to-do is done")

    def test_a_problem_opens_a_request_on_the_unit_and_tells_the_owner(self):
        inspection = self.planned()
        self.fill(
            inspection,
            problem="leaks_result",
            finding="Water on the kitchen floor",
            photo_ids=[(6, 0, self.photo().ids)],
        )
        inspection.with_user(self.business_manager).action_done()
        ticket = inspection.ticket_id
        self.assertEqual(ticket.unit_id, self.unit_a2)
        self.assertEqual(ticket.partner_id, self.owner_a)
        self.assertEqual(ticket.request_kind, "repair")
        self.assertIn("Leaks", ticket.name)
        self.assertTrue(inspection.owner_notified)
        told = inspection.message_ids.filtered(lambda m: self.owner_a in m.partner_ids)
        self.assertIn(ticket.number, told.body)

    def test_owner_without_email_is_told_by_sms(self):
        self.owner_a.write({"email": False, "mobile": "+86 138 0000 0000"})
        inspection = self.planned()
        self.fill(inspection, problem="damage_result", finding="Broken window")
        inspection.photo_ids = self.photo()
        inspection.with_user(self.business_manager).action_done()
        self.assertTrue(inspection.message_ids.filtered(lambda m: m.message_type == "sms"))

    def test_bad_input_is_refused_and_nothing_is_written(self):
        inspection = self.planned()
        manager = inspection.with_user(self.business_manager)
        with self.assertRefused(UserError, "check every item"):
            manager.action_done()
        self.fill(inspection, problem="water_result")
        with self.assertRefused(UserError, "describe the problem"):
            manager.action_done()
        inspection.finding = "Tap dripping"
        with self.assertRefused(UserError, "at least one photo"):
            manager.action_done()
        self.assertEqual(inspection.state, "planned")
        self.assertFalse(inspection.ticket_id)
        self.assertFalse(self.env["helpdesk.ticket"].search([("unit_id", "=", self.unit_a2.id)]))

    def test_a_recorded_inspection_is_the_official_record(self):
        inspection = self.planned()
        self.fill(inspection)
        inspection.with_user(self.business_manager).action_done()
        with self.assertRefused(UserError, "already recorded"):
            inspection.with_user(self.business_manager).action_done()
        with self.assertRefused(AccessError, "official record"):
            inspection.with_user(self.business_manager).write({"water_result": "problem"})
        with self.assertRefused(AccessError, "kept by the system"):
            inspection.with_user(self.business_manager).write({"state": "planned"})
        with self.assertRefused(AccessError, "official record"):
            inspection.unlink()

    def test_staff_of_another_estate_and_portal_users_are_refused(self):
        inspection = self.planned()
        with self.assertRaises(AccessError):
            inspection.with_user(self.agent_b).read(["name"])
        with self.assertRaises(AccessError):
            inspection.with_user(self.agent_b).action_done()
        portal = self.env["res.users"].create(
            {
                "name": "Portal owner",
                "login": "psd_vacant_portal",
                "partner_id": self.owner_a.id,
                "groups_id": [(6, 0, [self.env.ref("base.group_portal").id])],
            }
        )
        with self.assertRaises(AccessError):
            inspection.with_user(portal).read(["name"])
        with self.assertRefused(AccessError, "reserved"):
            inspection.with_user(self.technician).action_done()

    @needs_pdftotext
    def test_printed_record_has_the_chinese_title_and_checklist(self):
        inspection = self.planned()
        self.fill(inspection, problem="gas_result", finding="Gas valve left open")
        inspection.photo_ids = self.photo()
        inspection.with_user(self.business_manager).action_done()
        text = pdf_text(
            self.env, "property_service_desk.report_vacant_inspection_record", inspection.ids
        )
        self.assertIn("空置房巡查记录", text)
        self.assertIn("Gas valve left open", text)
        self.assertIn(inspection.ticket_id.number, text)


class TestVacantSchedulingTwoWorkers(CommittedDataCase):
    """Two workers run the monthly scheduling at once: one inspection per unit and month."""

    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            estate = env["property.estate"].create({"name": "Vacant Estate", "code": "VACC"})
            building = env["property.building"].create({"name": "V1", "estate_id": estate.id})
            self.estate_id = estate.id
            self.unit_ids = (
                env["property.unit"]
                .create(
                    [
                        {"name": f"V{n}", "building_id": building.id, "is_vacant": True}
                        for n in range(5)
                    ]
                )
                .ids
            )
        self.addCleanup(self._remove_data)

    def _remove_data(self):
        with self.registry.cursor() as cr:
            cr.execute(
                "DELETE FROM mail_message WHERE model = 'property.vacant.inspection' AND res_id IN"
                " (SELECT id FROM property_vacant_inspection WHERE unit_id IN %s)",
                [tuple(self.unit_ids)],
            )
            cr.execute(
                "DELETE FROM property_vacant_inspection WHERE unit_id IN %s", [tuple(self.unit_ids)]
            )
            cr.execute("DELETE FROM property_unit WHERE id IN %s", [tuple(self.unit_ids)])
            cr.execute("DELETE FROM property_building WHERE estate_id = %s", [self.estate_id])
            cr.execute("DELETE FROM property_estate WHERE id = %s", [self.estate_id])

    def _run(self, cr):
        env = api.Environment(cr, SUPERUSER_ID, {})
        return env["property.vacant.inspection"]._cron_schedule(
            now=MID_DECEMBER, batch_size=2, unit_ids=self.unit_ids
        )

    def _count(self):
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT count(*), count(DISTINCT unit_id) FROM property_vacant_inspection"
                " WHERE unit_id IN %s",
                [tuple(self.unit_ids)],
            )
            return cr.fetchone()

    def test_units_held_by_another_worker_are_left_to_it(self):
        held = self.unit_ids[:2]
        with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
            cr1.execute("SELECT id FROM property_unit WHERE id IN %s FOR UPDATE", [tuple(held)])
            self.assertEqual(self._run(cr2), 3)
            cr2.commit()
            cr1.rollback()
        with self.registry.cursor() as cr3:
            self.assertEqual(self._run(cr3), 2)
        with self.registry.cursor() as cr4:
            self.assertEqual(self._run(cr4), 0)
        self.assertEqual(self._count(), (5, 5))

    def test_a_worker_whose_snapshot_predates_the_other_run_plans_nothing_twice(self):
        with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
            cr2.execute("SELECT 1")  # worker 2's snapshot starts before worker 1's run
            self.assertEqual(self._run(cr1), 5)
            cr1.commit()
            self.assertEqual(self._run(cr2), 0, "every unit changed since its snapshot")
            cr2.commit()
        self.assertEqual(self._count(), (5, 5))
