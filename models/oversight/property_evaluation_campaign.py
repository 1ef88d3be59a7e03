from collections import defaultdict
from datetime import date, timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from ...tools.groups import CENTRE_MANAGER, DESK, PROJECT_MANAGER
from ...tools.row_claims import ClaimedRows, commit_batch, in_test_transaction
from ...tools.unit_life import estate_today_sql

QUARTERS = [("1", "Q1"), ("2", "Q2"), ("3", "Q3"), ("4", "Q4")]
STATES = [
    ("draft", "Planned"),
    ("sent", "Collecting"),
    ("closed", "Collection Closed"),
    ("summarised", "Summarised"),
]
# Number of lowest-rated service areas pointed out by the summary.
LOWEST_AREAS = 3


class PropertyEvaluationCampaign(models.Model):
    """The quarterly customer evaluation (客户评议表) of one estate (SPEC §7).

    The standard questionnaire is an Odoo survey; each invited owner gets a survey answer
    (survey.user_input) with its own token, linked to the campaign. Issued in the middle of the
    last month of the quarter, collected within half a month, summarised (汇总分析) by the 5th of
    the next quarter against a sample of 300 responses — every number per company in Settings.
    """

    _name = "property.evaluation.campaign"
    _description = "Quarterly Customer Evaluation"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "property.register.mixin",
        "property.system.fields.mixin",
        "property.cron.retry.mixin",
    ]
    _order = "year desc, quarter desc, estate_id"
    _check_company_auto = True
    _register_date_field = "issue_date"
    _system_fields = (
        "state",
        "invited_at",
        "reminded_at",
        "closed_at",
        "summarised_at",
        "summary_line_ids",
        "invited_total",
        "sample_size",
        "response_rate",
        "satisfaction_rate",
        "is_below_target",
        "signed_off_by_id",
        "signed_off_at",
    )

    name = fields.Char(compute="_compute_name", store=True)
    estate_id = fields.Many2one(
        "property.estate", required=True, index=True, check_company=True, tracking=True
    )
    company_id = fields.Many2one(
        related="estate_id.company_id", store=True, index=True, precompute=True
    )
    year = fields.Integer(
        required=True,
        default=lambda self: self.env["property.estate"]._local_date().year,
        bounds=(2000, 2100),
    )
    quarter = fields.Selection(
        QUARTERS,
        required=True,
        default=lambda self: self._quarter_of(self.env["property.estate"]._local_date()),
    )
    survey_id = fields.Many2one(
        "survey.survey",
        string="Questionnaire",
        required=True,
        compute="_compute_survey_id",
        store=True,
        readonly=False,
        precompute=True,
        domain=[("access_mode", "=", "token")],
    )
    state = fields.Selection(STATES, default="draft", required=True, index=True, tracking=True)
    # Dates: computed from the company settings when the quarter is chosen, then kept, so that a
    # later change of the settings does not rewrite past campaigns; editable while planned.
    issue_date = fields.Date(
        compute="_compute_dates",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
        help="Day the questionnaires are sent (发放时间): by default the 15th of the last month "
        "of the quarter.",
    )
    reminder_date = fields.Date(
        compute="_compute_dates",
        store=True,
        readonly=False,
        precompute=True,
        help="Day the owners who have not answered yet are reminded, once.",
    )
    collection_deadline = fields.Date(
        compute="_compute_dates",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
        help="Last day answers are accepted (回收时间): by default half a month after issue.",
    )
    summary_due_date = fields.Date(
        compute="_compute_dates",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
        help="The summary analysis (汇总分析) is due on this day: by default the 5th of the "
        "first month of the next quarter.",
    )
    target_sample = fields.Integer(
        string="Target Responses",
        compute="_compute_target_sample",
        store=True,
        readonly=False,
        precompute=True,
        help="Number of completed questionnaires the summary must be based on (300 by default).",
    )
    user_input_ids = fields.One2many(
        "survey.user_input", "evaluation_campaign_id", string="Answers"
    )
    invited_count = fields.Integer(string="Invited", compute="_compute_counts")
    response_count = fields.Integer(string="Responses", compute="_compute_counts")
    invited_at = fields.Datetime(string="Sent On", readonly=True, copy=False)
    reminded_at = fields.Datetime(string="Reminded On", readonly=True, copy=False)
    closed_at = fields.Datetime(string="Closed On", readonly=True, copy=False)
    summarised_at = fields.Datetime(string="Summarised On", readonly=True, copy=False)
    # Summary analysis (汇总分析), stored when summarised so that the register prints it.
    summary_line_ids = fields.One2many(
        "property.evaluation.summary.line", "campaign_id", string="Summary", copy=False
    )
    invited_total = fields.Integer(string="Questionnaires Sent", readonly=True, copy=False)
    sample_size = fields.Integer(
        string="Completed Questionnaires",
        readonly=True,
        copy=False,
        help="Questionnaires answered completely before the deadline.",
    )
    response_rate = fields.Float(
        string="Response Rate (%)",
        digits=(5, 1),
        readonly=True,
        copy=False,
        help="Completed questionnaires / questionnaires sent.",
    )
    satisfaction_rate = fields.Float(
        string="Satisfaction Rate (%)",
        digits=(5, 1),
        readonly=True,
        copy=False,
        help="Share of 'satisfied' and 'fairly satisfied' answers to the overall question "
        "(to every rated question when the questionnaire has no overall question).",
    )
    is_below_target = fields.Boolean(
        string="Sample Below Target",
        readonly=True,
        copy=False,
        help="Fewer completed questionnaires than the target: the summary is not representative.",
    )
    analysis = fields.Html(
        string="Analysis and Measures", help="The centre's conclusions and the measures decided."
    )
    signed_off_by_id = fields.Many2one("res.users", readonly=True, copy=False, tracking=True)
    signed_off_at = fields.Datetime(readonly=True, copy=False)

    _sql_constraints = [
        (
            "estate_quarter_uniq",
            "unique(estate_id, year, quarter)",
            "The estate already has an evaluation for this quarter.",
        )
    ]

    # Computations -------------------------------------------------------------------------

    @api.depends("estate_id.name", "year", "quarter")
    def _compute_name(self):
        for campaign in self:
            campaign.name = f"{campaign.estate_id.name or ''} {campaign._period_label()}".strip()

    @api.depends("company_id")
    def _compute_survey_id(self):
        for campaign in self.filtered(lambda c: not c.survey_id):
            company = campaign.company_id or self.env.company
            campaign.survey_id = company.property_evaluation_survey_id or self.env.ref(
                "property_service_desk.survey_survey_customer_evaluation", raise_if_not_found=False
            )

    @api.depends("company_id")
    def _compute_target_sample(self):
        for campaign in self:
            company = campaign.company_id or self.env.company
            campaign.target_sample = company.property_evaluation_target_sample

    @api.depends("year", "quarter", "company_id")
    def _compute_dates(self):
        for campaign in self:
            if not (campaign.year and campaign.quarter):
                campaign.update(dict.fromkeys(self._date_fields(), False))
                continue
            company = campaign.company_id or self.env.company
            campaign.update(self._schedule(company, campaign.year, int(campaign.quarter)))

    @api.model
    def _date_fields(self):
        return ("issue_date", "reminder_date", "collection_deadline", "summary_due_date")

    @api.model
    def _schedule(self, company, year, quarter):
        """The campaign's dates for a quarter, from the company's settings."""
        issue = date(year, quarter * 3, company.property_evaluation_issue_day)
        next_year, next_month = (year + 1, 1) if quarter == 4 else (year, quarter * 3 + 1)
        return {
            "issue_date": issue,
            "reminder_date": issue + timedelta(days=company.property_evaluation_reminder_days),
            "collection_deadline": issue
            + timedelta(days=company.property_evaluation_collection_days),
            "summary_due_date": date(
                next_year, next_month, company.property_evaluation_summary_day
            ),
        }

    @api.model
    def _quarter_of(self, day):
        return str((day.month - 1) // 3 + 1)

    def _compute_counts(self):
        groups = (
            self.env["survey.user_input"]
            .sudo()
            ._read_group(
                [("evaluation_campaign_id", "in", self.ids), ("test_entry", "=", False)],
                ["evaluation_campaign_id", "state"],
                ["__count"],
            )
        )
        invited, done = {}, {}
        for campaign, state, count in groups:
            invited[campaign.id] = invited.get(campaign.id, 0) + count
            if state == "done":
                done[campaign.id] = count
        for campaign in self:
            campaign.invited_count = invited.get(campaign.id, 0)
            campaign.response_count = done.get(campaign.id, 0)

    def _period_label(self):
        return f"{self.year} Q{self.quarter}" if self.year and self.quarter else ""

    def _register_info(self, data=None):
        data = data or {}
        if data.get("estates") and data.get("period"):
            return super()._register_info(data)
        return {
            "estates": "、".join(self.estate_id.mapped("name")),
            "period": "、".join(dict.fromkeys(c._period_label() for c in self)),
        }

    @api.constrains("issue_date", "reminder_date", "collection_deadline", "summary_due_date")
    def _check_dates(self):
        for campaign in self:
            if not (campaign.issue_date and campaign.collection_deadline):
                continue
            if campaign.collection_deadline < campaign.issue_date:
                raise ValidationError(
                    self.env._(
                        "%s: answers cannot be due before the questionnaires are sent.",
                        campaign.name,
                    )
                )
            if campaign.reminder_date and not (
                campaign.issue_date <= campaign.reminder_date <= campaign.collection_deadline
            ):
                raise ValidationError(
                    self.env._(
                        "%s: the reminder must fall between sending and the deadline.",
                        campaign.name,
                    )
                )

    # The official record -------------------------------------------------------------------

    def _system_frozen(self):
        """A signed-off summary is the quarter's official evaluation: nobody rewrites it."""
        return self.filtered("signed_off_at")

    def _kept_on_record(self):
        """Sent campaigns hold the customers' answers; signed-off ones, the official summary."""
        return self.filtered(lambda c: c.state != "draft" or c.signed_off_at)

    # Actions of the form ------------------------------------------------------------------

    def action_send_invitations(self):
        self._check_caller(PROJECT_MANAGER)
        self._check_state("draft", self.env._("Only a planned evaluation can be sent."))
        if late := self.filtered(lambda c: c.collection_deadline < c.estate_id._local_date()):
            raise UserError(
                self.env._(
                    "%s: the collection deadline has passed; move it before sending.",
                    "、".join(late.mapped("name")),
                )
            )
        self._send_invitations()

    def action_send_reminders(self):
        self._check_caller(PROJECT_MANAGER)
        self._check_state("sent", self.env._("Reminders go out while answers are collected."))
        self._send_reminders()

    def action_close_collection(self):
        self._check_caller(PROJECT_MANAGER)
        self._check_state("sent", self.env._("Only an evaluation being collected can be closed."))
        self._close_collection()

    def action_summarise(self):
        self._check_caller(PROJECT_MANAGER)
        if self.filtered(lambda c: c.state not in ("closed", "summarised") or c.signed_off_at):
            raise UserError(
                self.env._("Close the collection first; a signed-off summary cannot be redone.")
            )
        self._summarise()

    def action_sign_off(self):
        self._check_caller(
            CENTRE_MANAGER,
            message=self.env._("Only the service centre general manager signs off."),
        )
        self._check_state("summarised", self.env._("Summarise the evaluation before signing off."))
        if self.filtered("signed_off_at"):
            raise UserError(self.env._("This evaluation is already signed off."))
        self._write_system(
            {"signed_off_by_id": self.env.uid, "signed_off_at": fields.Datetime.now()}
        )
        self.activity_feedback(
            ["property_service_desk.mail_activity_type_evaluation_review"],
            feedback=self.env._("Signed off."),
        )

    def action_view_answers(self):
        self.ensure_one()
        self._check_caller(DESK, access="read")
        action = self.env["ir.actions.act_window"]._for_xml_id("survey.action_survey_user_input")
        action.update(
            domain=[("evaluation_campaign_id", "=", self.id)],
            context={"create": False, "search_default_group_by_survey": False},
        )
        return action

    def action_print_summary(self):
        self._check_caller(DESK, access="read")
        return self.env.ref(
            "property_service_desk.property_evaluation_campaign_report_summary"
        ).report_action(self, config=False)

    def action_enter_paper_form(self, unit_id, partner_id, answers):
        """A paper form (客户评议表) handed back by a customer, entered by the desk on their
        behalf: a completed questionnaire like the ones answered online, marked as paper.
        `answers` is {question id: value} as the survey saves them (a suggested answer's id; for
        a rating table, {row id: [column id]}; a text)."""
        self.ensure_one()
        self._check_caller(DESK, access="read")
        if self.state != "sent":
            raise UserError(self.env._("Paper forms are entered while answers are collected."))
        unit = self.env["property.unit"].browse(unit_id).exists()
        partner = self.env["res.partner"].browse(partner_id).exists()
        self._check_paper_respondent(unit, partner)
        survey = self.survey_id.sudo()
        questions = {str(question.id): question for question in survey.question_ids}
        if not answers or set(map(str, answers)) - set(questions):
            raise UserError(
                self.env._("Enter the answers of the paper form, to this evaluation's questions.")
            )
        values = {
            questions[str(key)]: self._paper_value(questions[str(key)], value)
            for key, value in answers.items()
        }
        # The caller is checked: the answer is written as the system, like an online one.
        answer = self.sudo().user_input_ids.filtered(
            lambda a: a.partner_id == partner and not a.test_entry
        )[:1]
        if answer.state == "done":
            raise UserError(
                self.env._(
                    "%s has already returned a questionnaire for this evaluation.", partner.name
                )
            )
        if not answer:
            answer = survey._create_answer(
                partner=partner,
                check_attempts=False,
                evaluation_campaign_id=self.id,
                unit_id=unit.id,
            )
        for question, value in values.items():
            answer._save_lines(question, value)
        answer.write({"property_paper_form": True, "property_entered_by_id": self.env.uid})
        answer._mark_done()
        # Logged in the evaluation's history, which desk agents read but do not write.
        self.sudo().message_post(
            body=self.env._(
                "Paper form of %(customer)s (%(unit)s) entered.",
                customer=partner.name,
                unit=unit.sudo().display_name,
            ),
            author_id=self.env.user.partner_id.id,
        )
        return True

    def _paper_value(self, question, value):
        """The value of one question of a paper form, checked against the question."""
        choices = set(question.suggested_answer_ids.ids)
        kind = question.question_type
        if kind == "simple_choice" and type(value) is int and value in choices:
            return value
        if kind == "matrix" and isinstance(value, dict):
            rows = {
                int(row): columns
                for row, columns in value.items()
                if str(row).isdigit() and isinstance(columns, list)
            }
            if (
                len(rows) == len(value)
                and set(rows) <= set(question.matrix_row_ids.ids)
                and all(all(type(c) is int for c in cols) for cols in rows.values())
                and all(set(columns) <= choices for columns in rows.values())
            ):
                return rows
        if kind in ("text_box", "char_box") and isinstance(value, str):
            return value
        raise UserError(self.env._("The answer to “%s” is not one of its choices.", question.title))

    def _check_paper_respondent(self, unit, partner):
        unit = unit.sudo()  # to compare only: a unit of another estate is refused either way
        if not unit or unit.estate_id != self.estate_id:
            raise UserError(self.env._("Choose a unit of the evaluation's estate."))
        respondents = unit.owner_id
        if self.company_id.property_evaluation_include_tenants:
            respondents |= unit.tenant_ids
        if not partner or partner not in respondents:
            raise UserError(
                self.env._(
                    "The paper form must come from the owner of the unit, or a tenant when "
                    "tenants are invited."
                )
            )

    def _check_state(self, state, message):
        self.check_access("write")
        if self.filtered(lambda c: c.state != state):
            raise UserError(message)

    # Steps --------------------------------------------------------------------------------

    def _send_invitations(self):
        """Invite the estate's owners who have no questionnaire in this campaign yet."""
        now = fields.Datetime.now()
        for campaign in self:
            answers = campaign._create_answers()
            campaign._notify_answers(answers, "invitation")
            campaign._write_system({"state": "sent", "invited_at": now})
            campaign.message_post(
                body=self.env._("Questionnaires sent to %s customers.", len(answers))
            )

    def _send_reminders(self):
        """Remind, once per call, everybody invited who has not finished answering."""
        now = fields.Datetime.now()
        for campaign in self:
            pending = campaign.sudo().user_input_ids.filtered(
                lambda a: a.state != "done" and not a.test_entry
            )
            campaign._notify_answers(pending, "reminder")
            campaign._write_system({"reminded_at": now})
            campaign.message_post(body=self.env._("Reminder sent to %s customers.", len(pending)))

    def _close_collection(self):
        self._write_system({"state": "closed", "closed_at": fields.Datetime.now()})

    def _summarise(self):
        """The summary analysis (汇总分析): sample, response rate, satisfaction per question,
        lowest areas and comments; then the centre manager's review, due on the due date."""
        # The summary lines are the system's alone (nobody else creates or deletes them): they
        # are written as superuser, after the caller was checked.
        Line = self.env["property.evaluation.summary.line"].sudo()
        for campaign in self:
            campaign.summary_line_ids.sudo()._as_system().unlink()
            lines = Line.create(campaign._summary_line_values())
            campaign._write_system(campaign._summary_figures(lines))
            campaign._schedule_review()
            if campaign.is_below_target:
                campaign.message_post(
                    body=self.env._(
                        "Only %(done)s completed questionnaires against a target of %(target)s.",
                        done=campaign.sample_size,
                        target=campaign.target_sample,
                    )
                )

    # Invitations --------------------------------------------------------------------------

    def _invitation_units(self):
        """{partner: their first unit in the estate} for owners (and tenants when the company
        invites them) with an e-mail address or, failing that, a phone number for an SMS."""
        self.ensure_one()
        units = (
            self.env["property.unit"]
            .sudo()
            .search([("estate_id", "=", self.estate_id.id)], order="building_id, name, id")
        )
        with_tenants = self.company_id.property_evaluation_include_tenants
        recipients = {}
        for unit in units:
            partners = unit.owner_id | (unit.tenant_ids if with_tenants else unit.owner_id)
            for partner in partners.filtered(lambda p: p.email or p.mobile or p.phone):
                recipients.setdefault(partner, unit)
        return recipients

    def _create_answers(self):
        """One survey answer with its own token per recipient, through the survey's API."""
        self.ensure_one()
        survey = self.survey_id.sudo()
        invited = self.sudo().user_input_ids.partner_id
        deadline = self._deadline_datetime()
        answers = self.env["survey.user_input"].sudo()
        for partner, unit in self._invitation_units().items():
            if partner in invited:
                continue
            answers |= survey._create_answer(
                partner=partner,
                check_attempts=False,
                deadline=deadline,
                evaluation_campaign_id=self.id,
                unit_id=unit.id,
            )
        return answers

    def _deadline_datetime(self):
        """End of the collection deadline in the estate's time zone, as UTC (naive)."""
        return self.estate_id._local_day_bounds(self.collection_deadline)[1]

    def _notify_answers(self, answers, message):
        """E-mail each answer's personal link; by SMS to those without an e-mail address."""
        by_sms = answers.filtered(lambda answer: answer.partner_id._property_reached_by_sms())
        self._mail_answers(
            answers - by_sms, f"property_service_desk.mail_template_evaluation_{message}"
        )
        for answer in by_sms:
            answer._message_sms_with_template(
                template_xmlid=f"property_service_desk.sms_template_evaluation_{message}",
                partner_ids=answer.partner_id.ids,
                put_in_queue=True,
            )

    def _mail_answers(self, answers, template_xmlid):
        """Queue one e-mail per answer with its personal link, through survey's invitation
        wizard, in each recipient's language."""
        self.ensure_one()
        template = self.env.ref(template_xmlid)
        Invite = self.env["survey.invite"].sudo()
        for lang in set(answers.mapped("partner_id.lang")):
            group = answers.filtered(lambda a, lang=lang: a.partner_id.lang == lang)
            invite = Invite.with_context(
                lang=lang or self.env.lang,
                default_email_layout_xmlid="mail.mail_notification_light",
            ).create(
                {
                    "survey_id": self.survey_id.id,
                    "template_id": template.id,
                    "author_id": self.company_id.partner_id.id,
                    "partner_ids": [fields.Command.set(group.partner_id.ids)],
                }
            )
            for answer in group:
                invite._send_mail(answer)

    # Summary ------------------------------------------------------------------------------

    def _summary_line_values(self):
        self.ensure_one()
        return self._rating_line_values() + self._comment_line_values()

    def _answer_lines_domain(self):
        return [
            ("user_input_id.evaluation_campaign_id", "=", self.id),
            ("user_input_id.state", "=", "done"),
            ("user_input_id.test_entry", "=", False),
            ("skipped", "=", False),
        ]

    def _rating_line_values(self):
        """Counts of satisfied / fairly satisfied / dissatisfied per question (and per row of a
        matrix question), from the answers that carry a rating."""
        groups = (
            self.env["survey.user_input.line"]
            .sudo()
            ._read_group(
                self._answer_lines_domain()
                + [
                    ("answer_type", "=", "suggestion"),
                    ("suggested_answer_id.evaluation_rating", "!=", False),
                ],
                ["question_id", "matrix_row_id", "suggested_answer_id"],
                ["__count"],
            )
        )
        counts = {}
        for question, row, answer, count in groups:
            key = (question, row)
            counts.setdefault(key, dict.fromkeys(("satisfied", "fair", "dissatisfied"), 0))
            counts[key][answer.evaluation_rating] += count
        ordered = sorted(counts, key=lambda k: (k[0].sequence, k[0].id, k[1].sequence, k[1].id))
        return [
            {
                "campaign_id": self.id,
                "line_type": "rating",
                "sequence": index,
                "question_id": question.id,
                "matrix_row_id": row.id,
                "is_overall": question.is_evaluation_overall,
                "satisfied_count": counts[question, row]["satisfied"],
                "fair_count": counts[question, row]["fair"],
                "dissatisfied_count": counts[question, row]["dissatisfied"],
            }
            for index, (question, row) in enumerate(ordered, start=1)
        ]

    def _comment_line_values(self):
        lines = (
            self.env["survey.user_input.line"]
            .sudo()
            .search(
                self._answer_lines_domain() + [("answer_type", "in", ("text_box", "char_box"))],
                order="user_input_id, id",
            )
        )
        return [
            {
                "campaign_id": self.id,
                "line_type": "comment",
                "sequence": index,
                "question_id": line.question_id.id,
                "unit_id": line.user_input_id.unit_id.id,
                "comment": line.value_text_box or line.value_char_box,
            }
            for index, line in enumerate(lines, start=1)
            if (line.value_text_box or line.value_char_box or "").strip()
        ]

    def _summary_figures(self, lines):
        """Campaign-level figures; also flags the lowest-rated areas among `lines`."""
        self.ensure_one()
        answers = self.sudo().user_input_ids.filtered(lambda a: not a.test_entry)
        done = len(answers.filtered(lambda a: a.state == "done"))
        ratings = lines.filtered(lambda line: line.line_type == "rating")
        overall = ratings.filtered("is_overall") or ratings
        rated = sum(overall.mapped("answered_count"))
        satisfied = sum(overall.mapped(lambda line: line.satisfied_count + line.fair_count))
        areas = (ratings - ratings.filtered("is_overall")).filtered(
            lambda line: line.answered_count and line.satisfaction_rate < 100
        )
        areas.sorted(lambda line: (line.satisfaction_rate, line.sequence))[:LOWEST_AREAS].write(
            {"is_lowest": True}
        )
        return {
            "state": "summarised",
            "summarised_at": fields.Datetime.now(),
            "invited_total": len(answers),
            "sample_size": done,
            "response_rate": 100.0 * done / len(answers) if answers else 0.0,
            "satisfaction_rate": 100.0 * satisfied / rated if rated else 0.0,
            "is_below_target": done < self.target_sample,
        }

    def _schedule_review(self):
        """The centre manager reviews and signs off the summary by the due date (once)."""
        activity_type = self.env.ref("property_service_desk.mail_activity_type_evaluation_review")
        if self.signed_off_at or self.activity_ids.filtered(
            lambda a: a.activity_type_id == activity_type
        ):
            return
        estate = self.estate_id
        reviewer = (
            estate.service_centre_manager_id
            or self.company_id.property_top_manager_id
            or estate.project_manager_id
        )
        self.activity_schedule(
            "property_service_desk.mail_activity_type_evaluation_review",
            date_deadline=self.summary_due_date,
            user_id=(reviewer or self.env.user).id,
            summary=self.env._("Review and sign off the evaluation summary"),
        )

    # Scheduled action ---------------------------------------------------------------------

    @api.model
    def _cron_run(self, today=None, batch_size=20, now=None):
        """Daily: plan the quarter's evaluations, then send, remind, close and summarise
        whatever is due. Each step claims its campaigns with FOR UPDATE SKIP LOCKED and moves
        them on (state or reminder date), so concurrent runs share the work and a rerun finds
        nothing left to do. The day is each estate's at `now` (`today`: that day for all)."""
        now = now or fields.Datetime.now()
        self._create_missing_campaigns(today, now)
        commit_batch(self.env)
        done = 0
        day = today or estate_today_sql(SQL("property_evaluation_campaign.estate_id"), now)
        for condition, step in self._cron_steps(day):
            done += self._step_queue(condition).run(
                lambda campaign, step=step: getattr(campaign, step)(), batch_size
            )
        self.env["ir.cron"]._notify_progress(done=done, remaining=0)
        return done

    @api.model
    def _cron_steps(self, today):
        return (
            (
                SQL(
                    "state = 'draft' AND issue_date <= %s AND collection_deadline >= %s",
                    today,
                    today,
                ),
                "_send_invitations",
            ),
            (
                SQL(
                    "state = 'sent' AND reminded_at IS NULL AND reminder_date <= %s"
                    " AND collection_deadline >= %s",
                    today,
                    today,
                ),
                "_send_reminders",
            ),
            (SQL("state = 'sent' AND collection_deadline < %s", today), "_close_collection"),
            (SQL("state = 'closed'"), "_summarise"),
        )

    @api.model
    def _step_queue(self, condition):
        return ClaimedRows(
            self, condition, what="Evaluation campaigns", order=SQL("issue_date, id")
        )

    @api.model
    def _claim(self, condition, limit):
        return self._step_queue(condition).claim(limit)

    @api.model
    def _create_missing_campaigns(self, today=None, now=None):
        """Plan the current quarter (of each estate's day at `now`, or of `today`) of every
        active estate that has none, unless its collection would already be over. Creators
        queue on a transaction lock and look for campaigns committed meanwhile with a fresh
        snapshot, so none is planned twice."""
        self.env.cr.execute(SQL("SELECT pg_advisory_xact_lock(hashtext(%s))", self._name))
        by_day = defaultdict(lambda: self.env["property.estate"])
        for estate in self.env["property.estate"].search([("unit_ids", "!=", False)]):
            by_day[today or estate._local_date(now)] |= estate
        vals_list = []
        for day, estates in by_day.items():
            year, quarter = day.year, self._quarter_of(day)
            planned = self._planned_estate_ids(year, quarter)
            vals_list += [
                {"estate_id": estate.id, "year": year, "quarter": quarter}
                for estate in estates
                if estate.id not in planned
                and self._schedule(estate.company_id, year, int(quarter))["collection_deadline"]
                >= day
            ]
        return self.create(vals_list)

    @api.model
    def _planned_estate_ids(self, year, quarter):
        """Estates with a campaign for the quarter, including those committed by another worker
        since this transaction began (a fresh cursor has a fresh snapshot)."""
        query = SQL(
            "SELECT estate_id FROM property_evaluation_campaign WHERE year = %s AND quarter = %s",
            year,
            quarter,
        )
        if in_test_transaction():
            self.env.cr.execute(query)
            return [row[0] for row in self.env.cr.fetchall()]
        with self.env.registry.cursor() as cr:
            cr.execute(query)
            return [row[0] for row in cr.fetchall()]
