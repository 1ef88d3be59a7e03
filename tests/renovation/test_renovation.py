"""Renovation (装修, SPEC §8): every rule of the application, the decisions, the money through
Accounting, the permit, the inspections, the rectification notices and the refund."""

from datetime import date, datetime, timedelta

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user

from ..common import ServiceDeskCase, needs_pdftotext, pdf_text
from ..renovation_common import ID_NUMBERS, make_renovation, pay, photo, violation

START = date(2026, 11, 23)


class TestRenovation(ServiceDeskCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.engineering_lead = cls._user("psd_ren_lead", "group_property_engineering_lead")
        cls.accountant = cls._user("psd_ren_accountant", "group_property_accountant")
        cls.estate_a.write(
            {
                "engineering_lead_id": cls.engineering_lead.id,
                "member_ids": [
                    Command.link(cls.engineering_lead.id),
                    Command.link(cls.accountant.id),
                ],
            }
        )
        cls.company.write(
            {"property_renovation_deposit": 3000, "property_renovation_rubbish_fee": 500}
        )
        cls.Renovation = cls.env["property.renovation"]

    def renovation(self, state="draft", **vals):
        return make_renovation(self.env, self.unit_a, state, **vals)

    def run_works_cron(self, day):
        return self.Renovation._cron_follow_works(now=datetime.combine(day, datetime.min.time()))

    # Application ---------------------------------------------------------------------------

    def test_application_is_complete_before_it_is_submitted(self):
        renovation = self.renovation(contractor_licence=False, worker_ids=[])
        with self.assertRefused(UserError, "licence number.*workers"):
            renovation.with_user(self.agent_a).action_submit()
        self.assertEqual(renovation.state, "draft")

    def test_a_tenant_applies_with_the_owners_written_consent(self):
        renovation = self.renovation(partner=self.tenant_a)
        with self.assertRefused(UserError, "owner's written consent"):
            renovation.action_submit()
        renovation.owner_consent_file = photo(self.env).datas
        renovation.with_user(self.agent_a).action_submit()
        self.assertEqual(renovation.state, "submitted")

    def test_only_the_owner_or_a_tenant_applies(self):
        with self.assertRefused(ValidationError, "neither the owner nor a tenant"):
            self.renovation(partner=self.owner_b)

    def test_the_works_end_after_they_start(self):
        with self.assertRefused(ValidationError, "cannot be before their start"):
            self.renovation(end_date=START - timedelta(days=1))

    def test_worker_id_numbers_are_checked(self):
        with self.assertRefused(ValidationError, "18 characters"):
            self.renovation(worker_ids=[Command.create({"name": "Wu Hai", "id_number": "12345"})])
        renovation = self.renovation(
            worker_ids=[Command.create({"name": "Wu Hai", "id_number": ID_NUMBERS[2].lower()})]
        )
        self.assertEqual(renovation.worker_ids.id_number, ID_NUMBERS[2])

    def test_worker_identity_is_seen_by_estate_staff_only(self):
        worker = self.renovation().worker_ids
        portal = new_test_user(self.env, login="psd_ren_portal", groups="base.group_portal")
        with self.assertRaises(AccessError):
            worker.with_user(portal).read(["id_number"])
        with self.assertRaises(AccessError):
            worker.with_user(self.agent_b).read(["name"])  # another estate's desk
        self.assertEqual(worker.with_user(self.agent_a).id_number, ID_NUMBERS[0])

    def test_the_application_is_frozen_once_approved(self):
        renovation = self.renovation("approved")
        with self.assertRefused(UserError, "can no longer be changed"):
            renovation.with_user(self.agent_a).write({"end_date": START + timedelta(days=90)})

    # Review and approval ---------------------------------------------------------------------

    def test_engineering_reviews_and_the_service_centre_approves(self):
        renovation = self.renovation("submitted")
        self.assertTrue(
            renovation.activity_ids.filtered(lambda a: a.user_id == self.engineering_lead)
        )
        for user in (self.agent_a, self.technician, self.accountant):
            with self.assertRaises(AccessError):
                renovation.with_user(user).action_review_pass()
        renovation.with_user(self.engineering_lead).action_review_pass()
        self.assertEqual(renovation.reviewed_by_id, self.engineering_lead)
        self.assertFalse(renovation.activity_ids)
        for user in (self.agent_a, self.business_manager, self.engineering_lead):
            with self.assertRaises(AccessError):
                renovation.with_user(user).action_approve()
        renovation.with_user(self.project_manager).action_approve()
        self.assertEqual(
            (renovation.state, renovation.approved_by_id), ("approved", self.project_manager)
        )

    def test_forbidden_works_are_refused_with_reasons_and_the_owner_is_told(self):
        renovation = self.renovation("submitted", touches_load_bearing=True)
        lead = renovation.with_user(self.engineering_lead)
        with self.assertRefused(UserError, "forbidden"):
            lead.action_review_refuse("  ")
        lead.action_review_refuse("Removing the load-bearing wall of the living room is forbidden.")
        self.assertEqual(renovation.state, "refused")
        told = renovation.message_ids.filtered(lambda m: self.owner_a in m.partner_ids)
        self.assertIn("load-bearing wall", told.body)
        with self.assertRefused(AccessError, "official record"):
            renovation.with_user(self.agent_a).write({"scope": "Other"})

    # Money and permit --------------------------------------------------------------------------

    def test_fees_are_invoiced_from_the_settings_and_the_permit_waits_for_the_deposit(self):
        renovation = self.renovation("approved")
        with self.assertRaises(AccessError):
            renovation.with_user(self.agent_a).action_invoice_fees()
        renovation.with_user(self.accountant).action_invoice_fees()
        renovation.with_user(self.accountant).action_invoice_fees()  # once
        deposit, fees = renovation.deposit_move_id, renovation.fee_move_id
        self.assertEqual(
            len(self.env["account.move"].search([("property_renovation_id", "=", renovation.id)])),
            2,
        )
        self.assertEqual((deposit.state, deposit.amount_total), ("posted", 3000))
        self.assertEqual(
            deposit.invoice_line_ids.product_id,
            self.env.ref("property_service_desk.product_renovation_deposit"),
        )
        self.assertEqual(fees.amount_total, 500)
        with self.assertRefused(UserError, "only once the deposit is paid"):
            renovation.with_user(self.agent_a).action_issue_permit()
        self.assertFalse(renovation.worker_ids.pass_number)
        pay(self.env, deposit)
        renovation.with_user(self.agent_a).action_issue_permit()
        self.assertEqual(renovation.state, "permitted")
        self.assertTrue(renovation.permit_number)
        self.assertTrue(renovation.worker_ids.pass_number)
        self.assertEqual(renovation.permit_end_date, renovation.end_date)
        self.assertEqual(renovation.next_inspection_on, START + timedelta(days=7))
        with self.assertRefused(AccessError, "already has a pass"):
            renovation.worker_ids.with_user(self.agent_a).write({"name": "Someone else"})

    def test_a_worker_added_later_gets_a_pass_from_the_desk(self):
        renovation = self.renovation("permitted")
        self.env["property.renovation.worker"].with_user(self.agent_a).create(
            {"renovation_id": renovation.id, "name": "Wu Hai", "id_number": ID_NUMBERS[2]}
        )
        renovation.with_user(self.agent_a).action_issue_passes()
        self.assertEqual(len(renovation.worker_ids.filtered("pass_number")), 2)

    def test_cancel_needs_a_reason_and_no_deposit_invoiced(self):
        renovation = self.renovation("reviewed")
        with self.assertRefused(UserError, "why"):
            renovation.with_user(self.agent_a).action_cancel("")
        invoiced = self.renovation("invoiced")
        with self.assertRefused(UserError, "already invoiced"):
            invoiced.action_cancel("Owner changed their mind")
        renovation.with_user(self.agent_a).action_cancel("Owner changed their mind")
        self.assertEqual(renovation.state, "cancelled")

    # Inspections and notices -------------------------------------------------------------------

    def test_weekly_inspections_are_scheduled_once_to_the_inspector(self):
        renovation = self.renovation("permitted")
        self.run_works_cron(START + timedelta(days=6))
        self.assertFalse(renovation.inspection_ids)
        day = START + timedelta(days=7)
        self.run_works_cron(day)
        self.run_works_cron(day)  # a second worker, or Run Now, finds nothing left to do
        inspection = renovation.inspection_ids
        self.assertEqual(len(inspection), 1)
        self.assertEqual(inspection.inspector_id, self.engineering_lead)
        self.assertEqual(inspection.scheduled_date, day)
        self.assertEqual(inspection.activity_ids.user_id, self.engineering_lead)
        self.assertEqual(renovation.next_inspection_on, day + timedelta(days=7))

    def test_a_violation_needs_a_photo_and_issues_a_notice_that_stops_the_works(self):
        renovation = self.renovation("permitted")
        inspection = self.env["property.renovation.inspection"].create(
            {
                "renovation_id": renovation.id,
                "result": "violation",
                "findings": "Rubbish in the fire escape",
                "required_action": "Clear it today",
                "stop_works": True,
            }
        )
        with self.assertRefused(UserError, "photo"):
            inspection.with_user(self.technician).action_done()
        inspection.photo_ids = [Command.set(photo(self.env).ids)]
        with self.assertRaises(AccessError):
            inspection.with_user(self.accountant).action_done()
        inspection.with_user(self.technician).action_done()
        notice = inspection.notice_id
        self.assertEqual((notice.state, notice.required_action), ("open", "Clear it today"))
        self.assertEqual(notice.deadline, renovation.estate_id._local_date() + timedelta(days=3))
        self.assertTrue(renovation.works_stopped)
        self.assertIn(self.owner_a, renovation.message_ids.partner_ids)
        with self.assertRefused(AccessError, "official record"):
            inspection.with_user(self.agent_a).write({"findings": "Nothing"})
        notice.with_user(self.technician).action_verify_rectified()
        self.assertFalse(renovation.works_stopped)
        with self.assertRefused(UserError, "already rectified"):
            notice.action_verify_rectified()

    def test_an_overdue_notice_is_flagged_once_whenever_the_job_runs(self):
        notice = violation(self.env, self.renovation("permitted")).notice_id
        Notice = self.env["property.renovation.notice"]
        Notice._cron_flag_overdue(now=datetime.combine(notice.deadline, datetime.min.time()))
        self.assertFalse(notice.is_overdue)
        late = datetime.combine(notice.deadline + timedelta(days=10), datetime.min.time())
        Notice._cron_flag_overdue(now=late)
        Notice._cron_flag_overdue(now=late)
        self.assertTrue(notice.is_overdue)
        overdue_type = self.env.ref(
            "property_service_desk.mail_activity_type_renovation_notice_overdue"
        )
        self.assertEqual(
            len(notice.activity_ids.filtered(lambda a: a.activity_type_id == overdue_type)), 1
        )
        with self.assertRefused(AccessError, "kept by the system"):
            notice.with_user(self.agent_a).write({"deadline": late.date()})

    def test_works_past_the_permit_need_an_approved_extension(self):
        renovation = self.renovation("permitted")
        after_end = renovation.permit_end_date + timedelta(days=1)
        self.run_works_cron(after_end)
        self.assertTrue(renovation.overrun_flagged)
        Extension = self.env["property.renovation.extension"].with_user(self.agent_a)
        with self.assertRefused(UserError, "after the end of the permit"):
            Extension.create({"renovation_id": renovation.id, "new_end_date": START, "reason": "x"})
        extension = Extension.create(
            {
                "renovation_id": renovation.id,
                "new_end_date": after_end + timedelta(days=14),
                "reason": "Tiles delivered late",
            }
        )
        with self.assertRefused(UserError, "after the end of the permit"):
            extension.write({"new_end_date": START})
        with self.assertRaises(AccessError):
            extension.action_approve()
        extension.with_user(self.project_manager).action_approve()
        self.assertEqual(renovation.permit_end_date, after_end + timedelta(days=14))
        self.assertFalse(renovation.overrun_flagged)
        self.assertEqual(extension.previous_end_date, after_end - timedelta(days=1))

    def test_a_neighbours_complaint_links_to_a_renovation_of_its_estate(self):
        renovation = self.renovation("permitted")
        complaint = self.complaint(unit_id=self.unit_a2.id, renovation_id=renovation.id)
        self.assertEqual(renovation.complaint_ids, complaint)
        with self.assertRefused(ValidationError, "estate of the request"):
            self.complaint(
                unit_id=self.unit_b.id, partner_id=self.owner_b.id, renovation_id=renovation.id
            )

    # Acceptance and refund -----------------------------------------------------------------------

    def test_acceptance_by_engineering_after_every_notice_is_rectified(self):
        renovation = self.renovation("permitted")
        notice = violation(self.env, renovation).notice_id
        renovation.with_user(self.agent_a).action_complete()
        with self.assertRaises(AccessError):
            renovation.with_user(self.agent_a).action_accept()
        with self.assertRefused(UserError, "open rectification notices"):
            renovation.with_user(self.engineering_lead).action_accept()
        deduction = self.env["property.renovation.deduction"].create(
            {"renovation_id": renovation.id, "amount": 300, "reason": "Corridor left dirty"}
        )
        deduction.notice_id = notice  # the unremedied violation is settled from the deposit
        renovation.with_user(self.engineering_lead).action_accept("All good")
        self.assertEqual(
            (renovation.state, renovation.accepted_by_id, renovation.acceptance_note),
            ("accepted", self.engineering_lead, "All good"),
        )

    def test_deductions_need_a_reason_and_the_operations_gm(self):
        renovation = self.renovation("accepted")
        Deduction = self.env["property.renovation.deduction"].with_user(self.agent_a)
        with self.assertRaises(ValidationError):
            Deduction.create({"renovation_id": renovation.id, "amount": 100, "reason": " "})
        with self.assertRaises(ValidationError):
            Deduction.create({"renovation_id": renovation.id, "amount": -5, "reason": "Lift"})
        deduction = Deduction.create(
            {"renovation_id": renovation.id, "amount": 200, "reason": "Lift panel scratched"}
        )
        with self.assertRefused(UserError, "waiting for the operations general manager"):
            renovation.with_user(self.accountant).action_refund_deposit()
        for user in (self.agent_a, self.project_manager, self.accountant):
            with self.assertRaises(AccessError):
                deduction.with_user(user).action_approve()
        too_much = Deduction.create(
            {"renovation_id": renovation.id, "amount": 2900, "reason": "Facade damaged"}
        )
        with self.assertRefused(UserError, "exceed its deposit"):
            (deduction | too_much).with_user(self.operations_manager).action_approve()
        too_much.unlink()
        deduction.with_user(self.operations_manager).action_approve()
        self.assertEqual(deduction.approved_by_id, self.operations_manager)
        with self.assertRefused(AccessError, "official record"):
            deduction.with_user(self.agent_a).unlink()

    def test_the_deposit_is_refunded_through_accounting_minus_deductions_once(self):
        renovation = self.renovation("accepted")
        self.env["property.renovation.deduction"].create(
            {"renovation_id": renovation.id, "amount": 200, "reason": "Lift panel scratched"}
        ).action_approve()
        with self.assertRaises(AccessError):
            renovation.with_user(self.agent_a).action_refund_deposit()
        renovation.with_user(self.accountant).action_refund_deposit()
        credit_note, payment = renovation.refund_move_id, renovation.refund_payment_id
        self.assertEqual(renovation.state, "refunded")
        self.assertEqual((credit_note.move_type, credit_note.state), ("out_refund", "posted"))
        self.assertEqual(credit_note.amount_total, 2800)
        self.assertIn("Lift panel scratched", " ".join(credit_note.invoice_line_ids.mapped("name")))
        self.assertEqual((payment.payment_type, payment.amount), ("outbound", 2800))
        self.assertIn(credit_note.payment_state, ("paid", "in_payment"))
        with self.assertRefused(UserError, "not possible|already refunded"):
            renovation.with_user(self.accountant).action_refund_deposit()
        moves = self.env["account.move"].search([("property_renovation_id", "=", renovation.id)])
        self.assertEqual(
            sorted(moves.mapped("move_type")), ["out_invoice", "out_invoice", "out_refund"]
        )
        with self.assertRefused(AccessError, "official record"):
            renovation.with_user(self.agent_a).write({"inspector_id": self.technician.id})

    def test_a_refund_under_way_elsewhere_is_refused_at_once(self):
        """NOWAIT: the second desk is told instead of waiting to pay a second time."""
        demo = self.env.ref("property_service_desk.property_renovation_demo_0102")
        with self.env.registry.cursor() as other:
            other.execute("SELECT id FROM property_renovation WHERE id = %s FOR UPDATE", [demo.id])
            with self.assertRefused(UserError, "being refunded by someone else"):
                demo._lock_for_refund()
            other.rollback()

    def test_the_official_record_is_not_deleted(self):
        draft = self.renovation()
        submitted = self.renovation("submitted")
        with self.assertRefused(AccessError, "official record"):
            submitted.unlink()
        draft.with_user(self.env.ref("base.user_admin")).unlink()
        self.assertFalse(draft.exists())

    def test_settings_are_checked(self):
        with self.assertRefused(ValidationError, "08:00-12:00"):
            self.company.property_renovation_noisy_hours = "mornings"
        with self.assertRefused(ValidationError, "positive"):
            self.company.property_renovation_inspection_days = 0

    # Printed forms -------------------------------------------------------------------------------

    @needs_pdftotext
    def test_printed_forms(self):
        renovation = self.renovation("permitted")
        notice = violation(self.env, renovation).notice_id
        permit = pdf_text(
            self.env, "property_service_desk.report_renovation_permit", renovation.ids
        )
        self.assertIn("装修许可证", permit)
        self.assertIn("08:00-12:00, 14:00-18:00", permit)
        self.assertIn(renovation.permit_number, permit)
        notice_text = pdf_text(
            self.env, "property_service_desk.report_renovation_notice", notice.ids
        )
        self.assertIn("整改通知单", notice_text)
        self.assertIn(notice.name, notice_text)
        for report, title in (
            ("report_renovation_application", "装修申请表"),
            ("report_renovation_inspections", "装修巡查记录"),
            ("report_renovation_acceptance", "装修验收单"),
        ):
            with self.subTest(report=report):
                text = pdf_text(self.env, f"property_service_desk.{report}", renovation.ids)
                self.assertIn(title, text)
        english = pdf_text(
            self.env, "property_service_desk.report_renovation_permit", renovation.ids, lang="en_US"
        )
        self.assertIn("Renovation Permit", english)

    def test_the_demo_deposit_can_be_followed_from_invoice_to_refund(self):
        refunded = self.env.ref("property_service_desk.property_renovation_demo_0101")
        self.assertEqual(refunded.state, "refunded")
        self.assertIn(refunded.deposit_move_id.payment_state, ("paid", "in_payment"))
        self.assertEqual(refunded.refund_move_id.property_renovation_id, refunded)
        self.assertEqual(refunded.refund_move_id.amount_total, refunded.deposit_amount - 200)
        self.assertIn(refunded.refund_move_id.payment_state, ("paid", "in_payment"))
        self.assertEqual(refunded.refund_payment_id.payment_type, "outbound")
        in_works = self.env.ref("property_service_desk.property_renovation_demo_0102")
        self.assertEqual(in_works.state, "permitted")
        self.assertEqual(in_works.notice_ids.state, "open")
