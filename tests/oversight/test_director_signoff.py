"""The estate director's sign-off of complaint handling sheets and monthly business reports
(SPEC §3 and §8): the project manager of the estate (or a manager above) signs, the sign-off is
then frozen, archived as a signed print and sent to the department heads concerned."""

from datetime import datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from ..common import ServiceDeskCase

SIGNED_AT = datetime(2026, 11, 30, 17, 0, 0)  # 1 December, 01:00 in Shanghai


@tagged("post_install", "-at_install")
@freeze_time(ServiceDeskCase.T0)
class TestDirectorSignoff(ServiceDeskCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.engineering_lead = cls._user("psd_eng_a", "group_property_engineering_lead")
        cls.estate_a.engineering_lead_id = cls.engineering_lead
        cls.estate_a.resource_calendar_id.tz = "Asia/Shanghai"
        cls.Signoff = cls.env["property.director.signoff"]
        cls.signoff_type = cls.env.ref("property_service_desk.mail_activity_type_director_signoff")

    def sheet(self, **vals):
        complaint = self.complaint(**vals)
        action = complaint.with_user(self.project_manager).action_open_director_signoff()
        signoff = self.Signoff.browse(action["res_id"])
        signoff.with_user(self.project_manager).opinion = "Retrain the guard; apologise in person."
        return complaint, signoff

    def test_the_estate_director_signs_the_complaint_sheet(self):
        complaint, signoff = self.sheet()
        with freeze_time(SIGNED_AT):
            signoff.with_user(self.project_manager).action_sign()
        self.assertEqual(signoff.state, "signed")
        self.assertEqual(signoff.signed_by_id, self.project_manager)
        self.assertEqual(str(signoff.signed_on), "2026-12-01")  # the estate's day
        # Archived: the signed print attached to the complaint, with the director's block.
        attachment = signoff.attachment_id
        self.assertEqual((attachment.res_model, attachment.res_id), (complaint._name, complaint.id))
        printed = attachment.raw.decode()
        self.assertIn("Retrain the guard", printed)
        self.assertIn(self.project_manager.name, printed)
        self.assertIn("2026-12-01", printed)
        # Opening it again finds the same sign-off.
        action = complaint.with_user(self.project_manager).action_open_director_signoff()
        self.assertEqual(action["res_id"], signoff.id)

    def test_signed_is_frozen(self):
        _complaint, signoff = self.sheet()
        signoff.with_user(self.project_manager).action_sign()
        with self.assertRaises(AccessError):
            signoff.with_user(self.project_manager).opinion = "Changed afterwards"
        with self.assertRaises(AccessError):
            signoff.with_user(self.centre_manager).unlink()
        with self.assertRaises(UserError):
            signoff.with_user(self.project_manager).action_sign()
        self.assertEqual(signoff.opinion, "Retrain the guard; apologise in person.")

    def test_only_the_estate_director_or_above_signs(self):
        _complaint, signoff = self.sheet()
        other_pm = self._user("psd_pm_other", "group_property_project_manager")
        self.estate_a.member_ids |= other_pm
        for user in (self.agent_a, self.business_manager, self.engineering_lead, other_pm):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                signoff.with_user(user).action_sign()
            self.assertEqual(signoff.state, "draft")
        with self.assertRaises(AccessError):
            self.complaint().with_user(self.agent_a).action_open_director_signoff()
        signoff.with_user(self.operations_manager).action_sign()
        self.assertEqual(signoff.signed_by_id, self.operations_manager)

    def test_the_signature_is_kept_by_the_system(self):
        _complaint, signoff = self.sheet()
        for vals in ({"state": "signed"}, {"signed_by_id": self.project_manager.id}):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                signoff.with_user(self.project_manager).write(vals)
        with self.assertRaises(AccessError):
            self.Signoff.with_user(self.project_manager).create(
                {"kind": "complaint_sheet", "ticket_id": self.complaint().id, "state": "signed"}
            )

    def test_an_opinion_is_needed(self):
        _complaint, signoff = self.sheet()
        signoff.opinion = " "
        with self.assertRaisesRegex(UserError, "opinion"):
            signoff.with_user(self.project_manager).action_sign()

    def test_department_heads_concerned_get_an_activity(self):
        _complaint, signoff = self.sheet()
        signoff.with_user(self.project_manager).action_sign()
        heads = signoff.activity_ids.filtered(lambda a: a.activity_type_id == self.signoff_type)
        self.assertEqual(heads.user_id, self.business_manager)
        # A complaint about a repair (housing quality) goes to the engineering lead too.
        _complaint, signoff = self.sheet(name="Cracks in the wall", cause_class="class_2")
        signoff.with_user(self.project_manager).action_sign()
        self.assertEqual(
            signoff.activity_ids.user_id, self.business_manager | self.engineering_lead
        )

    def test_the_monthly_business_report_is_signed_and_printed_signed(self):
        signoff = self.Signoff.with_user(self.project_manager).create(
            {
                "kind": "business_report",
                "estate_id": self.estate_a.id,
                "month": "2026-11-17",
                "opinion": "Complaints down; keep the patrols weekly.",
            }
        )
        self.assertEqual(str(signoff.month), "2026-11-01")
        signoff.with_user(self.project_manager).action_sign()
        attachment = signoff.attachment_id
        self.assertEqual((attachment.res_model, attachment.res_id), (signoff._name, signoff.id))
        self.assertIn("Complaints down", attachment.raw.decode())
        self.assertEqual(
            signoff.activity_ids.user_id, self.business_manager | self.engineering_lead
        )
        Report = self.env["ir.actions.report"]
        data = {"month": "2026-11-01"}
        monthly = Report._render_qweb_html(
            "property_service_desk.report_business_monthly", self.estate_a.ids, data=data
        )[0].decode()
        self.assertIn("Complaints down", monthly)
        weekly = Report._render_qweb_html(
            "property_service_desk.report_business_weekly", self.estate_a.ids, data=data
        )[0].decode()
        self.assertNotIn("Complaints down", weekly)
        october = Report._render_qweb_html(
            "property_service_desk.report_business_monthly",
            self.estate_a.ids,
            data={"month": "2026-10-01"},
        )[0].decode()
        self.assertNotIn("Complaints down", october)
