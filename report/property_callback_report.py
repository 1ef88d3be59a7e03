from odoo import fields, models
from odoo.tools import SQL


class PropertyCallbackReport(models.Model):
    """Callback KPIs per request done: each rate is the average of 0/100 values per request, so
    any grouping (estate, month, kind) shows the exact rate of its requests."""

    _name = "property.callback.report"
    _description = "Callback KPIs"
    _auto = False
    _order = "date desc"

    ticket_id = fields.Many2one("helpdesk.ticket", string="Request", readonly=True)
    estate_id = fields.Many2one("property.estate", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    request_kind = fields.Selection(related="ticket_id.request_kind", readonly=True)
    kind = fields.Char(readonly=True)
    date = fields.Datetime(string="Done On", readonly=True)
    required_rate = fields.Float(string="Required Rate (%)", aggregator="avg", readonly=True)
    callback_rate = fields.Float(string="Callback Rate (%)", aggregator="avg", readonly=True)
    on_time_rate = fields.Float(string="On-time Rate (%)", aggregator="avg", readonly=True)
    satisfaction_rate = fields.Float(
        string="Satisfaction Rate (%)", aggregator="avg", readonly=True
    )

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT t.id AS id, t.id AS ticket_id, t.estate_id, t.company_id,
                   t.request_kind AS kind, t.closed_date AS date,
                   t.callback_required_rate AS required_rate,
                   CASE WHEN cb.done THEN 100.0 ELSE 0.0 END AS callback_rate,
                   CASE WHEN cb.done THEN CASE WHEN cb.on_time THEN 100.0 ELSE 0.0 END END
                       AS on_time_rate,
                   CASE WHEN cb.done THEN CASE WHEN cb.satisfied THEN 100.0 ELSE 0.0 END END
                       AS satisfaction_rate
              FROM helpdesk_ticket t
              LEFT JOIN LATERAL (
                    SELECT bool_or(c.state = 'done') AS done,
                           bool_and(c.is_on_time) FILTER (WHERE c.state = 'done') AS on_time,
                           bool_and(c.is_satisfied) FILTER (WHERE c.state = 'done') AS satisfied
                      FROM property_callback c
                     WHERE c.ticket_id = t.id AND c.sequence = 'first'
                   ) cb ON TRUE
             WHERE t.callback_requirement IS NOT NULL
            """
        )
