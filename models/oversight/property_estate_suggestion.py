from odoo import api, fields, models

from ...tools.unit_life import local_date_sql

# Written by the daily scheduling of the suggestion box only.
SUGGESTION_SYSTEM_FIELDS = ("suggestion_box_planned_on",)


class PropertyEstate(models.Model):
    _name = "property.estate"
    _inherit = ["property.estate", "property.cron.retry.mixin", "property.system.fields.mixin"]
    _system_fields = SUGGESTION_SYSTEM_FIELDS

    suggestion_box_user_id = fields.Many2one(
        "res.users",
        string="Suggestion Box Opened By",
        domain="[('share', '=', False)]",
        help="Gets the daily to-do of opening the suggestion box (客户联系箱). Empty: the "
        "project manager.",
    )
    suggestion_box_planned_on = fields.Date(
        readonly=True, copy=False, help="Last day the opening of the box was scheduled for."
    )

    def _plan_suggestion_box(self, now):
        """Scheduled job: today's opening of the box, with a to-do for the estate's desk."""
        self.ensure_one()
        today = self._local_date(now)
        user = self.suggestion_box_user_id or self.project_manager_id
        box = self.env["property.suggestion.box"].create(
            {"estate_id": self.id, "date": today, "user_id": user.id}
        )
        if user:
            box.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=today,
                user_id=user.id,
                summary=self.env._("Open the suggestion box of %s", self.name),
            )
        self.sudo().write({"suggestion_box_planned_on": today})

    @api.model
    def _cron_plan_suggestion_boxes(self, now=None, batch_size=100):
        """One opening a day per estate, never two (estates claimed FOR UPDATE SKIP LOCKED)."""
        now = now or fields.Datetime.now()
        return self._plan_once_per_period(
            "suggestion_box_planned_on",
            local_date_sql(now),
            now,
            "Suggestion box openings",
            lambda estate: estate._plan_suggestion_box(now),
            batch_size,
        )
