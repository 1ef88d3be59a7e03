from odoo import api, fields, models
from odoo.exceptions import AccessError

from ...tools.row_claims import retry_delay

CRON_FIELDS = ("cron_failure_count", "cron_retry_at", "cron_last_error")


class PropertyCronRetryMixin(models.AbstractModel):
    """What a scheduled job remembers of a record it failed on: how often, the last error, and
    when to try again (see `row_claims.ClaimedRows`). Only the scheduled jobs write it."""

    _name = "property.cron.retry.mixin"
    _description = "Scheduled Job Retries"

    cron_failure_count = fields.Integer(
        string="Scheduled Job Failures",
        readonly=True,
        copy=False,
        help="Failures in a row of the scheduled job on this record; 0 once it succeeds.",
    )
    # The claim queries filter on it; only failed records have one.
    cron_retry_at = fields.Datetime(
        string="Scheduled Job Retry", readonly=True, copy=False, index="btree_not_null"
    )
    cron_last_error = fields.Text(string="Scheduled Job Error", readonly=True, copy=False)

    @api.model_create_multi
    def create(self, vals_list):
        if any(set(CRON_FIELDS) & vals.keys() for vals in vals_list):
            self._refuse_cron_fields()
        return super().create(vals_list)

    def write(self, vals):
        if set(CRON_FIELDS) & vals.keys():
            self._refuse_cron_fields()
        return super().write(vals)

    def _refuse_cron_fields(self):
        if not self.env.su:
            raise AccessError(
                self.env._(
                    "The retry state of the scheduled jobs is kept by the system: it cannot be "
                    "edited."
                )
            )

    def _cron_record_failure(self, message, now):
        """Remember the failure and when to try again; tell the record's followers once."""
        self.ensure_one()
        count = self.cron_failure_count + 1
        self.write(
            {
                "cron_failure_count": count,
                "cron_retry_at": now + retry_delay(count),
                "cron_last_error": message,
            }
        )
        if count == 1:
            self._cron_failure_thread()._message_log(
                body=self.env._(
                    "The scheduled job failed on %(record)s and will try again later: %(error)s",
                    record=self.display_name,
                    error=message,
                )
            )

    def _cron_failure_thread(self):
        """The record whose chatter tells of the failure (self when it has one)."""
        return self

    def _cron_forget_failures(self):
        self.write({"cron_failure_count": 0, "cron_retry_at": False, "cron_last_error": False})
