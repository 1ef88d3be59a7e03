from odoo import fields, models, tools
from odoo.tools import SQL


class PropertyVisitTargetReport(models.Model):
    """Customer visits per business manager, estate and month against the monthly target of
    the Settings: who is behind."""

    _name = "property.visit.target.report"
    _description = "Customer Visits against Target"
    _auto = False
    _order = "month desc, estate_id, manager_id"

    manager_id = fields.Many2one("res.users", string="Business Manager", readonly=True)
    estate_id = fields.Many2one("property.estate", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    month = fields.Date(readonly=True)
    visit_count = fields.Integer(string="Visits", readonly=True)
    target = fields.Integer(readonly=True)
    shortfall = fields.Integer(readonly=True)
    is_behind = fields.Boolean(string="Behind Target", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        # Every business manager of an estate, for every month from the first recorded visit
        # (at most a year back) to the current month, with the visits recorded in it.
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %(table)s AS (
                    WITH months AS (
                        SELECT e.id AS estate_id,
                               generate_series(
                                   LEAST(
                                       COALESCE(
                                           (SELECT min(v.month) FROM property_customer_visit v
                                             WHERE v.estate_id = e.id AND v.state = 'done'),
                                           date_trunc('month', now())::date),
                                       date_trunc('month', now())::date),
                                   date_trunc('month', now())::date,
                                   interval '1 month')::date AS month
                          FROM property_estate e
                         WHERE e.active
                    )
                    SELECT row_number() OVER (ORDER BY m.month, m.estate_id, rel.user_id) AS id,
                           rel.user_id AS manager_id,
                           m.estate_id,
                           e.company_id,
                           m.month,
                           COALESCE(counts.visit_count, 0) AS visit_count,
                           c.property_visit_target AS target,
                           GREATEST(c.property_visit_target - COALESCE(counts.visit_count, 0), 0)
                               AS shortfall,
                           COALESCE(counts.visit_count, 0) < c.property_visit_target AS is_behind
                      FROM months m
                      JOIN property_estate e ON e.id = m.estate_id
                      JOIN res_company c ON c.id = e.company_id
                      JOIN property_estate_business_manager_rel rel ON rel.estate_id = m.estate_id
                      LEFT JOIN (
                          SELECT estate_id, manager_id, month, count(*) AS visit_count
                            FROM property_customer_visit
                           WHERE state = 'done'
                           GROUP BY estate_id, manager_id, month
                      ) counts ON counts.estate_id = m.estate_id
                              AND counts.manager_id = rel.user_id
                              AND counts.month = m.month
                     WHERE m.month >= (date_trunc('month', now()) - interval '12 months')::date
                )
                """,
                table=SQL.identifier(self._table),
            )
        )
