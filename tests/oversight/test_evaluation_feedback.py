"""The quarterly evaluation (SPEC §7): who issued and who collected each paper form, the survey
score against the company's target (≥ 90 points) and the results fed back to all staff."""

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError

from .test_evaluation_campaign import EvaluationCase


@freeze_time("2026-12-15 02:00:00")
class TestEvaluationFeedback(EvaluationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.collector = cls._user("psd_collector_a", "group_property_agent")
        cls.project_manager = cls._user("psd_pm_eval_a", "group_property_project_manager")
        cls.estate_a.member_ids = [(4, cls.collector.id), (4, cls.project_manager.id)]
        cls.units = cls.env["property.unit"].search([("estate_id", "=", cls.estate_a.id)])

    def paper(self, campaign, unit, rating, collector=None):
        wizard = (
            self.env["property.evaluation.paper.wizard"]
            .with_user(self.agent_a)
            .with_context(default_campaign_id=campaign.id)
            .create(
                {
                    "unit_id": unit.id,
                    "partner_id": unit.owner_id.id,
                    "collected_by_id": (collector or self.collector).id,
                }
            )
        )
        for line in wizard.line_ids:
            if line.matrix_row_id:
                line.answer_id = self.columns[rating]
            elif line.question_id == self.q_overall:
                line.answer_id = self.overall[rating]
        wizard.action_confirm()
        return self.answer_of(campaign, unit.owner_id)

    def summarised(self, ratings, campaign=None):
        if not campaign:
            campaign = self.campaign()
            campaign.action_send_invitations()
        owned = self.units.filtered("owner_id")
        owners = owned.owner_id[: len(ratings)]
        for owner, rating in zip(owners, ratings, strict=True):
            self.paper(campaign, owned.filtered(lambda u, o=owner: u.owner_id == o)[:1], rating)
        campaign.action_close_collection()
        campaign.action_summarise()
        return campaign

    def test_each_paper_form_records_its_issuer_and_collector(self):
        campaign = self.campaign()
        campaign.action_send_invitations()
        unit = self.units.filtered("owner_id")[:1]
        answer = self.paper(campaign, unit, "satisfied")
        self.assertEqual(answer.property_issued_by_id, self.agent_a)
        self.assertEqual(answer.property_collected_by_id, self.collector)
        with self.assertRaises(AccessError):
            answer.with_user(self.agent_a).sudo(False).write({"property_collected_by_id": 1})
        other = self.units.filtered("owner_id")[1:2]
        with self.assertRaisesRegex(UserError, "staff of the estate"):
            self.paper(campaign, other, "satisfied", collector=self.agent_b)
        self.assertNotEqual(self.answer_of(campaign, other.owner_id).state, "done")

    def test_the_survey_score_against_the_target(self):
        campaign = self.summarised(["satisfied", "fair", "satisfied"])
        self.assertAlmostEqual(campaign.survey_score, (100 + 80 + 100) / 3, places=1)
        self.assertEqual(campaign.score_target, 90)
        self.assertFalse(campaign.is_score_below_target)
        self.company.property_survey_score_target = 95
        campaign.invalidate_recordset(["score_target", "is_score_below_target"])
        self.assertTrue(campaign.is_score_below_target)
        with self.assertRaises(ValidationError):
            self.company.property_survey_score_target = 120
        with self.assertRaises(AccessError):
            campaign.with_user(self.project_manager).write({"survey_score": 100})
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(
                "property_service_desk.report_register_evaluation_summary", campaign.ids
            )[0]
            .decode()
        )
        self.assertIn("93.3", html)

    def test_the_results_are_fed_back_to_all_staff(self):
        campaign = self.campaign()
        campaign.action_send_invitations()
        with self.assertRaises(UserError):
            campaign.with_user(self.project_manager).action_publish_to_staff()
        self.summarised(["satisfied", "dissatisfied"], campaign)
        with self.assertRaises(AccessError):
            campaign.with_user(self.agent_a).action_publish_to_staff()
        campaign.with_user(self.project_manager).action_publish_to_staff()
        self.assertEqual(campaign.published_by_id, self.project_manager)
        self.assertTrue(campaign.published_at)
        message = campaign.message_ids.filtered(lambda m: "survey score" in (m.body or ""))
        self.assertEqual(message.partner_ids, self.estate_a.member_ids.partner_id)
        self.assertIn(self.collector.partner_id, message.notification_ids.res_partner_id)
        with self.assertRaisesRegex(UserError, "already"):
            campaign.with_user(self.project_manager).action_publish_to_staff()
        with self.assertRaises(AccessError):
            campaign.with_user(self.project_manager).write({"published_at": False})
