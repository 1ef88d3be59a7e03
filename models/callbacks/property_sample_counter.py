from odoo import api, fields, models
from odoo.tools import SQL


class PropertySampleCounter(models.Model):
    """Running count of the items of an estate and month that a sampling rule looks at.

    Two transactions that count at once update the same row: PostgreSQL lets one of them
    fail with a serialization error, and Odoo retries it, so no position is given twice.
    """

    _name = "property.sample.counter"
    _description = "Sampling Counter"

    estate_id = fields.Many2one("property.estate", required=True, ondelete="cascade")
    period = fields.Date(required=True, help="First day of the month counted.")
    purpose = fields.Char(required=True)
    last_position = fields.Integer(readonly=True)

    _sql_constraints = [
        (
            "counter_uniq",
            "unique(estate_id, period, purpose)",
            "One counter per estate, month and use.",
        )
    ]

    @api.model
    def _next_position(self, estate, when, purpose):
        """The 1-based position of a new item in the estate's month (its local month of
        `when`, a UTC datetime), for this purpose."""
        period = estate._local_date(when).replace(day=1)
        self.env.cr.execute(
            SQL(
                """INSERT INTO property_sample_counter
                       (estate_id, period, purpose, last_position, create_uid, write_uid,
                        create_date, write_date)
                   VALUES (%(estate)s, %(period)s, %(purpose)s, 1, %(uid)s, %(uid)s,
                           now() at time zone 'UTC', now() at time zone 'UTC')
                   ON CONFLICT (estate_id, period, purpose)
                   DO UPDATE SET last_position = property_sample_counter.last_position + 1
                   RETURNING last_position""",
                estate=estate.id,
                period=period,
                purpose=purpose,
                uid=self.env.uid,
            )
        )
        return self.env.cr.fetchone()[0]
