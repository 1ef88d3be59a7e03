"""The owner complaint/suggestion record (业主投诉/建议处理记录表, SPEC §8): each entry carries its
process, result and analysis; the recorder and the day are set by the system when it is written."""

from datetime import datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import tagged

from ..common import ServiceDeskCase

WRITTEN_AT = datetime(2026, 11, 30, 17, 0, 0)  # 1 December, 01:00 in Shanghai


@tagged("post_install", "-at_install")
@freeze_time(ServiceDeskCase.T0)
class TestOwnerRecord(ServiceDeskCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.estate_a.resource_calendar_id.tz = "Asia/Shanghai"
        cls.entry = {
            "record_process": "Called the guard supervisor; met the owner.",
            "record_result": "The guard apologised.",
            "record_analysis": "Guards not trained on complaints.",
        }

    def test_the_recorder_and_the_day_are_set_when_the_entry_is_written(self):
        complaint = self.complaint()
        with freeze_time(WRITTEN_AT):
            complaint.with_user(self.agent_a).write(self.entry)
        self.assertEqual(complaint.record_by_id, self.agent_a)
        self.assertEqual(str(complaint.record_date), "2026-12-01")  # the estate's day
        # Whoever completes the entry later is the recorder of that day.
        complaint.with_user(self.business_manager).record_analysis = "Retrain the guards."
        self.assertEqual(complaint.record_by_id, self.business_manager)
        self.assertEqual(str(complaint.record_date), "2026-11-23")

    def test_recorder_and_day_are_not_typed(self):
        complaint = self.complaint()
        for vals in ({"record_by_id": self.business_manager.id}, {"record_date": "2026-01-01"}):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                complaint.with_user(self.agent_a).write(dict(self.entry, **vals))
        self.assertFalse(complaint.record_by_id)
        with self.assertRaises(AccessError):
            self.env["helpdesk.ticket"].with_user(self.agent_a).create(
                {"name": "Noise", "unit_id": self.unit_a.id, "record_date": "2026-01-01"}
            )

    def test_the_desk_writes_the_entry(self):
        repair = self._ticket(
            unit_id=self.unit_a.id, request_kind="repair", user_id=self.technician.id
        )
        with self.assertRaisesRegex(AccessError, "desk writes"):
            repair.with_user(self.technician).write({"record_result": "Fixed"})
        self.assertFalse(repair.record_result)

    def test_the_register_prints_each_entry(self):
        complaint = self.complaint()
        complaint.with_user(self.agent_a).write(self.entry)
        report = self.env.ref("property_service_desk.helpdesk_ticket_report_owner_record")
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(report.report_name, complaint.ids)[0]
            .decode()
        )
        for text in (*self.entry.values(), self.agent_a.name, "2026-11-23"):
            self.assertIn(text, html)
