from datetime import date

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo import SUPERUSER_ID, api
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL, mute_logger

from ..common import CommittedDataCase, PropertyCase

AREAS = ("customer_service", "security", "cleaning", "greening", "engineering", "car_park", "fees")


class EvaluationCase(PropertyCase):
    """Estate A with three owners who have an e-mail (one owns two units) and one without."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Campaign = cls.env["property.evaluation.campaign"]
        cls.company.write(
            {
                "property_evaluation_issue_day": 15,
                "property_evaluation_reminder_days": 7,
                "property_evaluation_collection_days": 15,
                "property_evaluation_summary_day": 5,
                "property_evaluation_target_sample": 300,
                "property_evaluation_include_tenants": False,
                "property_evaluation_survey_id": False,
            }
        )
        cls.estate_a.service_centre_manager_id = cls.centre_manager
        cls.estate_a.resource_calendar_id.tz = "Asia/Shanghai"
        Partner = cls.env["res.partner"]
        cls.owner_c = Partner.create({"name": "李强", "email": "lq@example.com"})
        cls.owner_d = Partner.create({"name": "张伟", "email": "zw@example.com"})
        cls.owner_no_mail = Partner.create({"name": "刘洋"})
        cls.unit_a2.owner_id = cls.owner_c
        (cls.owner_a | cls.owner_c | cls.owner_d | cls.tenant_a).lang = "en_US"
        Unit = cls.env["property.unit"]
        Unit.create({"name": "1203", "building_id": cls.building_a.id, "owner_id": cls.owner_d.id})
        Unit.create({"name": "1204", "building_id": cls.building_a.id, "owner_id": cls.owner_a.id})
        Unit.create(
            {"name": "1205", "building_id": cls.building_a.id, "owner_id": cls.owner_no_mail.id}
        )
        cls.survey = cls.env.ref("property_service_desk.survey_survey_customer_evaluation")
        ref = cls.env.ref
        prefix = "property_service_desk.survey_survey_customer_evaluation"
        cls.q_areas = ref(f"{prefix}_q_areas")
        cls.q_overall = ref(f"{prefix}_q_overall")
        cls.q_comment = ref(f"{prefix}_q_comment")
        cls.rows = {area: ref(f"{prefix}_q_areas_row_{area}") for area in AREAS}
        cls.columns = {
            r: ref(f"{prefix}_q_areas_col_{r}") for r in ("satisfied", "fair", "dissatisfied")
        }
        cls.overall = {
            r: ref(f"{prefix}_q_overall_{r}") for r in ("satisfied", "fair", "dissatisfied")
        }

    def campaign(self, quarter="4", year=2026, estate=None):
        return self.Campaign.create(
            {"estate_id": (estate or self.estate_a).id, "year": year, "quarter": quarter}
        )

    def estate_campaigns(self, estate=None):
        return self.Campaign.search([("estate_id", "=", (estate or self.estate_a).id)])

    def run_cron(self, day):
        with freeze_time(f"{day} 09:00:00"):
            return self.Campaign._cron_run(today=date.fromisoformat(day))

    def invitations(self, partner):
        return self.env["mail.mail"].search(
            [
                ("recipient_ids", "in", partner.ids),
                ("subject", "ilike", "quarterly customer"),
                ("subject", "not ilike", "Reminder"),
            ]
        )

    def reminders(self, partner):
        return self.env["mail.mail"].search(
            [("recipient_ids", "in", partner.ids), ("subject", "ilike", "Reminder")]
        )

    def answer(self, user_input, overall, areas=None, comment=None, done=True):
        """Fill a questionnaire: the overall rating, {area: rating} (default satisfied)."""
        Line = self.env["survey.user_input.line"]
        areas = dict(dict.fromkeys(AREAS, "satisfied"), **(areas or {}))
        vals = [
            {
                "user_input_id": user_input.id,
                "question_id": self.q_areas.id,
                "answer_type": "suggestion",
                "matrix_row_id": self.rows[area].id,
                "suggested_answer_id": self.columns[rating].id,
            }
            for area, rating in areas.items()
        ]
        vals.append(
            {
                "user_input_id": user_input.id,
                "question_id": self.q_overall.id,
                "answer_type": "suggestion",
                "suggested_answer_id": self.overall[overall].id,
            }
        )
        if comment:
            vals.append(
                {
                    "user_input_id": user_input.id,
                    "question_id": self.q_comment.id,
                    "answer_type": "text_box",
                    "value_text_box": comment,
                }
            )
        Line.create(vals)
        user_input.state = "done" if done else "in_progress"

    def answer_of(self, campaign, partner):
        return campaign.user_input_ids.filtered(lambda a: a.partner_id == partner)


class TestEvaluationSchedule(EvaluationCase):
    def test_dates_of_each_quarter(self):
        expected = {
            "1": ("2026-03-15", "2026-03-22", "2026-03-30", "2026-04-05"),
            "2": ("2026-06-15", "2026-06-22", "2026-06-30", "2026-07-05"),
            "3": ("2026-09-15", "2026-09-22", "2026-09-30", "2026-10-05"),
            # The fourth quarter's summary falls in the next year.
            "4": ("2026-12-15", "2026-12-22", "2026-12-30", "2027-01-05"),
        }
        for quarter, dates in expected.items():
            campaign = self.campaign(quarter)
            self.assertEqual(
                (
                    campaign.issue_date,
                    campaign.reminder_date,
                    campaign.collection_deadline,
                    campaign.summary_due_date,
                ),
                tuple(date.fromisoformat(d) for d in dates),
                quarter,
            )
            self.assertEqual(campaign.target_sample, 300)
            self.assertEqual(campaign.survey_id, self.survey)

    def test_settings_change_new_campaigns_not_past_ones(self):
        past = self.campaign("3")
        self.company.write(
            {
                "property_evaluation_issue_day": 10,
                "property_evaluation_collection_days": 10,
                "property_evaluation_reminder_days": 3,
                "property_evaluation_summary_day": 3,
                "property_evaluation_target_sample": 120,
            }
        )
        new = self.campaign("4")
        self.assertEqual(new.issue_date, date(2026, 12, 10))
        self.assertEqual(new.reminder_date, date(2026, 12, 13))
        self.assertEqual(new.collection_deadline, date(2026, 12, 20))
        self.assertEqual(new.summary_due_date, date(2027, 1, 3))
        self.assertEqual(new.target_sample, 120)
        self.assertEqual(past.issue_date, date(2026, 9, 15))
        self.assertEqual(past.target_sample, 300)

    def test_settings_are_checked(self):
        with self.assertRefused(ValidationError, "days 1 to 28"):
            self.company.property_evaluation_issue_day = 31
        with self.assertRefused(ValidationError, "reminder"):
            self.company.property_evaluation_reminder_days = 15

    def test_one_campaign_per_estate_and_quarter(self):
        self.campaign("4")
        self.campaign("4", estate=self.estate_b)
        with self.assertRaises(IntegrityError), self.cr.savepoint(), mute_logger("odoo.sql_db"):
            self.campaign("4")

    @freeze_time("2026-12-31 02:00:00")
    def test_not_sent_by_hand_after_the_deadline(self):
        campaign = self.campaign("4")
        with self.assertRefused(UserError, "deadline has passed"):
            campaign.action_send_invitations()
        self.assertFalse(campaign.user_input_ids)

    def test_deadline_before_issue_refused(self):
        campaign = self.campaign("4")
        with self.assertRefused(ValidationError, "before the questionnaires are sent"):
            campaign.collection_deadline = date(2026, 12, 1)


class TestEvaluationCron(EvaluationCase):
    def test_plans_sends_once_on_the_issue_date_to_the_owners(self):
        self.run_cron("2026-12-01")
        campaign = self.estate_campaigns()
        self.assertEqual((campaign.year, campaign.quarter, campaign.state), (2026, "4", "draft"))
        self.assertFalse(campaign.user_input_ids)
        self.run_cron("2026-12-14")
        self.assertEqual(campaign.state, "draft")

        self.run_cron("2026-12-15")
        self.assertEqual(campaign.state, "sent")
        answers = campaign.user_input_ids
        # Owners with an e-mail, once each even with two units; no tenant, no owner without mail.
        self.assertCountEqual(answers.partner_id, self.owner_a | self.owner_c | self.owner_d)
        self.assertTrue(all(a.access_token and a.survey_id == self.survey for a in answers))
        self.assertEqual(self.answer_of(campaign, self.owner_a).unit_id, self.unit_a)
        self.assertEqual(self.answer_of(campaign, self.owner_c).unit_id, self.unit_a2)
        self.assertTrue(all(a.estate_id == self.estate_a for a in answers))
        # Answers are accepted until the end of the deadline, Shanghai time.
        self.assertEqual(str(answers[0].deadline), "2026-12-30 16:00:00")
        invitation = self.invitations(self.owner_a)
        self.assertEqual(len(invitation), 1)
        self.assertIn(self.answer_of(campaign, self.owner_a).access_token, invitation.body_html)
        self.assertEqual(campaign.invited_count, 3)

        # Rerun the same day and the next: nothing is sent twice, nothing planned twice.
        self.run_cron("2026-12-15")
        self.run_cron("2026-12-16")
        self.assertEqual(len(self.estate_campaigns()), 1)
        self.assertEqual(len(campaign.user_input_ids), 3)
        self.assertEqual(len(self.invitations(self.owner_a)), 1)

    def test_not_planned_when_the_collection_is_already_over(self):
        self.run_cron("2026-12-31")
        self.assertFalse(self.estate_campaigns())

    def test_tenants_invited_when_the_company_asks(self):
        self.company.property_evaluation_include_tenants = True
        self.run_cron("2026-12-15")
        self.assertIn(self.tenant_a, self.estate_campaigns().user_input_ids.partner_id)

    def test_one_reminder_only_to_those_who_have_not_answered(self):
        self.run_cron("2026-12-15")
        campaign = self.estate_campaigns()
        self.answer(self.answer_of(campaign, self.owner_a), "satisfied")
        self.answer(self.answer_of(campaign, self.owner_d), "fair", done=False)
        self.run_cron("2026-12-21")
        self.assertFalse(self.reminders(self.owner_c))
        self.run_cron("2026-12-22")
        self.assertEqual(len(self.reminders(self.owner_c)), 1)
        self.assertEqual(len(self.reminders(self.owner_d)), 1)  # started, not finished
        self.assertFalse(self.reminders(self.owner_a))
        self.assertEqual(str(campaign.reminded_at), "2026-12-22 09:00:00")
        self.run_cron("2026-12-22")
        self.run_cron("2026-12-29")
        self.assertEqual(len(self.reminders(self.owner_c)), 1)

    def test_closes_after_the_deadline_summarises_and_asks_for_review(self):
        self.run_cron("2026-12-15")
        campaign = self.estate_campaigns()
        self.answer(self.answer_of(campaign, self.owner_a), "satisfied")
        self.run_cron("2026-12-30")
        self.assertEqual(campaign.state, "sent")
        self.run_cron("2026-12-31")
        self.assertEqual(campaign.state, "summarised")
        self.assertEqual(str(campaign.closed_at), "2026-12-31 09:00:00")
        review_type = self.env.ref("property_service_desk.mail_activity_type_evaluation_review")
        review = campaign.activity_ids.filtered(lambda a: a.activity_type_id == review_type)
        self.assertEqual(len(review), 1)
        self.assertEqual(review.user_id, self.centre_manager)
        self.assertEqual(review.date_deadline, date(2027, 1, 5))
        lines = campaign.summary_line_ids
        self.run_cron("2026-12-31")
        self.run_cron("2027-01-02")
        self.assertEqual(len(campaign.activity_ids), 1)
        self.assertEqual(campaign.summary_line_ids, lines)
        # The next quarter's evaluation is planned when the year turns.
        self.assertEqual(self.estate_campaigns().mapped("quarter"), ["1", "4"])

    @freeze_time("2026-12-15 02:00:00")
    def test_sign_off_by_the_centre_manager(self):
        campaign = self.campaign("4")
        campaign.action_send_invitations()
        campaign.action_close_collection()
        campaign.action_summarise()
        with self.assertRefused(UserError, "service centre general manager"):
            campaign.with_user(self.agent_a).action_sign_off()
        campaign.with_user(self.centre_manager).action_sign_off()
        self.assertEqual(campaign.signed_off_by_id, self.centre_manager)
        self.assertFalse(campaign.activity_ids)
        with self.assertRefused(UserError, "signed-off summary"):
            campaign.action_summarise()


class TestEvaluationSummary(EvaluationCase):
    def test_summary_worked_out_by_hand(self):
        owner_e = self.env["res.partner"].create({"name": "周敏", "email": "zm@example.com"})
        self.env["property.unit"].create(
            {"name": "1206", "building_id": self.building_a.id, "owner_id": owner_e.id}
        )
        with freeze_time("2026-12-15 02:00:00"):
            campaign = self.campaign("4")
            campaign.action_send_invitations()
        self.answer(
            self.answer_of(campaign, self.owner_a),
            "satisfied",
            {"car_park": "dissatisfied"},
            comment="Car park lights are broken",
        )
        self.answer(
            self.answer_of(campaign, self.owner_c),
            "fair",
            {"customer_service": "fair", "cleaning": "dissatisfied", "car_park": "dissatisfied"},
        )
        self.answer(
            self.answer_of(campaign, self.owner_d),
            "dissatisfied",
            {"cleaning": "fair", "car_park": "fair"},
            comment="More cleaning at weekends",
        )
        # Started but not finished: not counted.
        self.answer(
            self.answer_of(campaign, owner_e),
            "dissatisfied",
            {area: "dissatisfied" for area in AREAS},
            comment="Unfinished",
            done=False,
        )
        campaign.action_close_collection()
        with freeze_time("2027-01-02 02:00:00"):
            campaign.action_summarise()

        self.assertEqual(campaign.invited_total, 4)
        self.assertEqual(campaign.sample_size, 3)
        self.assertAlmostEqual(campaign.response_rate, 75.0)
        # Overall question: satisfied 1, fairly 1, dissatisfied 1 -> 2 / 3, stored to 0.1 %.
        self.assertEqual(campaign.satisfaction_rate, 66.7)
        self.assertTrue(campaign.is_below_target)

        ratings = campaign.summary_line_ids.filtered(lambda line: line.line_type == "rating")
        by_area = {line.matrix_row_id: line for line in ratings if line.matrix_row_id}
        self.assertEqual(len(ratings), len(AREAS) + 1)
        car_park, cleaning = by_area[self.rows["car_park"]], by_area[self.rows["cleaning"]]
        self.assertEqual(
            (car_park.satisfied_count, car_park.fair_count, car_park.dissatisfied_count), (0, 1, 2)
        )
        self.assertEqual(car_park.satisfaction_rate, 33.3)
        self.assertEqual(
            (cleaning.satisfied_count, cleaning.fair_count, cleaning.dissatisfied_count), (1, 1, 1)
        )
        self.assertEqual(cleaning.satisfaction_rate, 66.7)
        self.assertAlmostEqual(by_area[self.rows["customer_service"]].satisfaction_rate, 100.0)
        overall = ratings.filtered("is_overall")
        self.assertEqual(overall.question_id, self.q_overall)
        self.assertEqual(overall.answered_count, 3)
        # Lowest areas: those below 100 %, worst first (car park, cleaning); never the overall.
        self.assertEqual(ratings.filtered("is_lowest"), car_park | cleaning)
        self.assertEqual(car_park.name, "Car park")

        comments = campaign.summary_line_ids.filtered(lambda line: line.line_type == "comment")
        self.assertEqual(
            comments.mapped("comment"), ["Car park lights are broken", "More cleaning at weekends"]
        )
        self.assertEqual(
            comments.unit_id,
            self.unit_a
            | self.env["property.unit"].search(
                [("name", "=", "1203"), ("estate_id", "=", self.estate_a.id)]
            ),
        )

        # Enough responses for a smaller target: no warning when summarised again.
        campaign.target_sample = 3
        campaign.action_summarise()
        self.assertFalse(campaign.is_below_target)
        self.assertEqual(len(campaign.summary_line_ids), len(AREAS) + 1 + 2)

    @freeze_time("2026-12-15 02:00:00")
    def test_no_answers_gives_an_empty_summary_below_target(self):
        campaign = self.campaign("4")
        campaign.action_send_invitations()
        campaign.action_close_collection()
        campaign.action_summarise()
        self.assertEqual((campaign.sample_size, campaign.satisfaction_rate), (0, 0.0))
        self.assertTrue(campaign.is_below_target)
        self.assertFalse(campaign.summary_line_ids)


class TestEvaluationAccess(EvaluationCase):
    @freeze_time("2026-12-15 02:00:00")
    def test_agents_read_their_estates_managers_act(self):
        campaign_a, campaign_b = self.campaign("4"), self.campaign("4", estate=self.estate_b)
        Campaign = self.Campaign.with_user(self.agent_a)
        self.assertEqual(Campaign.search([("id", "in", (campaign_a | campaign_b).ids)]), campaign_a)
        with self.assertRaises(AccessError):
            campaign_a.with_user(self.agent_a).action_send_invitations()
        project_manager = self._user("psd_eval_pm", "group_property_project_manager")
        self.estate_a.member_ids = [(4, project_manager.id)]
        campaign_a.with_user(project_manager).action_send_invitations()
        self.assertEqual(campaign_a.state, "sent")
        self.assertEqual(len(campaign_a.user_input_ids), 3)


class TestEvaluationDemo(EvaluationCase):
    def test_demo_campaign_is_summarised(self):
        campaign = self.env.ref(
            "property_service_desk.property_evaluation_campaign_demo_cuihu",
            raise_if_not_found=False,
        )
        if not campaign:
            self.skipTest("installed without demo data")
        self.assertEqual(campaign.state, "summarised")
        self.assertEqual((campaign.invited_total, campaign.sample_size), (8, 7))
        self.assertTrue(campaign.is_below_target)
        lowest = campaign.summary_line_ids.filtered("is_lowest").matrix_row_id
        self.assertIn(self.rows["car_park"], lowest)
        self.assertIn(self.rows["cleaning"], lowest)


class TestEvaluationConcurrentClaim(CommittedDataCase):
    """Two workers claim the same due evaluation: one acts, the other skips it. Commits its data
    (a second connection cannot see an uncommitted transaction) and removes it afterwards."""

    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            self.estate_id = (
                env["property.estate"]
                .create({"name": "Evaluation Concurrency", "code": "EVCONC"})
                .id
            )
            self.campaign_id = (
                env["property.evaluation.campaign"]
                .create({"estate_id": self.estate_id, "year": 2026, "quarter": "4"})
                .id
            )
        self.addCleanup(self._remove_data)

    def _remove_data(self):
        with self.registry.cursor() as cr:
            cr.execute(
                "DELETE FROM mail_message WHERE model = 'property.evaluation.campaign'"
                " AND res_id = %s",
                [self.campaign_id],
            )
            cr.execute(
                "DELETE FROM mail_followers WHERE res_model = 'property.evaluation.campaign'"
                " AND res_id = %s",
                [self.campaign_id],
            )
            cr.execute("DELETE FROM property_evaluation_campaign WHERE id = %s", [self.campaign_id])
            cr.execute("DELETE FROM property_estate WHERE id = %s", [self.estate_id])

    def _claim(self, cr):
        Campaign = api.Environment(cr, SUPERUSER_ID, {})["property.evaluation.campaign"]
        return Campaign._claim(SQL("id = %s AND state = 'draft'", self.campaign_id), 10)

    def test_a_second_worker_skips_the_evaluation_the_first_one_holds(self):
        with self.registry.cursor() as first, self.registry.cursor() as second:
            claimed = self._claim(first)
            self.assertEqual(claimed.ids, [self.campaign_id])
            self.assertFalse(self._claim(second), "locked by the first worker: skipped")
            with freeze_time("2026-12-15 02:00:00"):
                claimed._send_invitations()
            first.commit()
            # The second worker's snapshot predates the commit: it must not act on it again.
            self.assertFalse(self._claim(second))
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT state FROM property_evaluation_campaign WHERE id = %s", [self.campaign_id]
            )
            self.assertEqual(cr.fetchone()[0], "sent")
