"""Nothing of the official record is deleted, by any role, not even by the superuser through
the ORM (but append-only history rows); what is not yet on record can still be deleted."""

from freezegun import freeze_time

from odoo.exceptions import UserError

from .access_model import PORTAL, ROLES
from .guard_common import T0, GuardCase

STAFF_ROLES = [role for role in ROLES if role not in PORTAL]
# Append-only rows (models/mechanisms/property_append_only_mixin.py): the superuser may still
# correct them.
SUPERUSER_DELETES = {"history row"}


@freeze_time(T0)
class TestRecordDeletion(GuardCase):
    def official_records(self):
        """(what it is, the records) that stay on record."""
        complaint = self.complaint_awaiting_decision()
        signed = self.work_order("signed")
        closed = self.work_order("closed")
        signed_off = self.campaign("summarised", signed_off=True)
        return [
            ("request with promises", self.request()),
            ("complaint with history", complaint),
            ("declined request", self._declined()),
            ("history row", complaint.complaint_history_ids[:1]),
            ("done callback", self.callback("done")),
            ("signed work order", signed),
            ("lines of a signed work order", signed.line_ids),
            ("closed work order", closed),
            ("lines of a closed work order", closed.line_ids),
            ("lines of a cancelled work order", self.work_order("cancelled").line_ids),
            ("parcel handed over", self.parcel("picked_up")),
            ("parcel returned", self.parcel("returned")),
            ("evaluation being collected", self.campaign("sent")),
            ("evaluation signed off", signed_off),
            ("summary of a signed-off evaluation", signed_off.summary_line_ids),
            ("summary of an evaluation", self.campaign("summarised").summary_line_ids),
        ]

    def _declined(self):
        ticket = self.request()
        ticket.action_decline("Outside our services.")
        return ticket

    def test_nobody_deletes_the_official_record(self):
        for label, records in self.official_records():
            self.assertTrue(records, f"no fixture for {label}")
            for role in STAFF_ROLES:
                with self.subTest(record=label, role=role), self.assertRaises(UserError):
                    records.with_user(self.users[role]).unlink()
            if label not in SUPERUSER_DELETES:
                with self.subTest(record=label, role="superuser"), self.assertRaises(UserError):
                    records.unlink()
            self.assertEqual(records.exists(), records, f"{label} was deleted")

    def test_what_is_not_on_record_yet_can_be_deleted(self):
        draft = self.work_order()
        line = self.work_order("on_site").line_ids
        line.with_user(self.users["technician"]).unlink()
        draft.with_user(self.users["administrator"]).unlink()
        parcel = self.parcel()
        parcel.with_user(self.users["agent"]).unlink()
        campaign = self.campaign()
        campaign.with_user(self.users["administrator"]).unlink()
        callback = self.callback()
        callback.unlink()
        for record in (draft, line, parcel, campaign, callback):
            self.assertFalse(record.exists())

    def test_a_request_kept_on_record_can_be_archived(self):
        ticket = self.request()
        ticket.with_user(self.users["agent"]).write({"active": False})
        self.assertFalse(ticket.active)

    def test_a_redone_summary_replaces_its_lines(self):
        """The system itself deletes the lines of a summary it redoes before the sign-off."""
        campaign = self.campaign("summarised")
        old_lines = campaign.summary_line_ids
        campaign.with_user(self.users["project_manager"]).action_summarise()
        self.assertFalse(old_lines.exists())
