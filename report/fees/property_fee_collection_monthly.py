from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import fields, models
from odoo.tools import SQL


class PropertyFeeCollectionMonthly(models.Model):
    """Fee figures of SPEC §10 per estate and month, as sums (rates are divided afterwards, so
    any grouping gives the exact rate). A bill counts in the month of its billed period (the
    estate's calendar month); a payment applied to a bill counts in the month of the later of
    the two dates. Waivers (credit notes reconciled with a bill) lower what was billed.

    - 收缴率 (collection rate) = collected / billed, of the bills of the month;
    - 清欠率 (arrears recovery) = recovered / arrears at the month's start, where arrears are
      what bills of earlier months still owed when the month began;
    - prepaid = paid in the month for bills of later months (by the date of the payment, not
      of its matching: a prepayment applied to next month's bill stays this month's prepaid),
      plus desk payments of the month not applied to any bill yet.

    `_drill_down` gives the records behind each figure, by the same rules.
    """

    _name = "property.fee.collection.monthly"
    _description = "Fee Collection per Estate and Month"
    _auto = False
    _order = "month desc, estate_id"
    _rec_name = "month"
    _depends = {
        "account.move": [
            "property_estate_id",
            "property_fee_period",
            "property_is_fee_bill",
            "amount_total",
            "state",
            "move_type",
        ],
        "account.move.line": ["move_id", "amount_residual", "account_id"],
        "account.partial.reconcile": [
            "property_fee_estate_id",
            "property_fee_bill_month",
            "property_fee_waived",
            "amount",
            "max_date",
            "company_id",
        ],
        "account.payment": ["property_estate_id", "move_id", "date"],
    }

    estate_id = fields.Many2one("property.estate", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    month = fields.Date(readonly=True)
    billed = fields.Float(readonly=True, help="Billed for the month, waivers deducted.")
    collected = fields.Float(readonly=True, help="Of the month's billing: what has been paid.")
    arrears_open = fields.Float(
        string="Arrears at Start",
        readonly=True,
        help="What the bills of earlier months still owed when the month began.",
    )
    recovered = fields.Float(
        string="Arrears Recovered", readonly=True, help="Paid in the month on earlier bills."
    )
    prepaid = fields.Float(readonly=True, help="Paid in the month ahead of the bills.")

    @property
    def _table_query(self):
        return SQL(
            """
            WITH bills AS (
                -- summed per estate and month first (as the payments below): the months are
                -- few, the bills many
                SELECT m.property_estate_id AS estate_id, m.company_id,
                       date_trunc('month', m.property_fee_period)::date AS month,
                       SUM(m.amount_total) AS amount_total
                  FROM account_move m
                 WHERE m.property_is_fee_bill AND m.state = 'posted'
                   AND m.move_type = 'out_invoice' AND m.property_estate_id IS NOT NULL
                 GROUP BY 1, 2, 3
            ), paid AS (
                -- payments and waivers applied to the bills, with the bill's estate and
                -- month kept on the partial reconciliation (no join to lines and moves)
                SELECT p.property_fee_estate_id AS estate_id, p.company_id,
                       p.property_fee_bill_month AS bill_month,
                       date_trunc('month', p.max_date)::date AS paid_month,
                       p.property_fee_credit_month AS credit_month,
                       p.property_fee_waived AS waived, SUM(p.amount) AS amount
                  FROM account_partial_reconcile p
                 WHERE p.property_fee_estate_id IS NOT NULL
                 GROUP BY 1, 2, 3, 4, 5, 6
            ), facts AS (
                SELECT estate_id, company_id, month, amount_total AS billed, 0.0 AS collected,
                       0.0 AS closed_before, 0.0 AS recovered, 0.0 AS prepaid
                  FROM bills
                 UNION ALL
                SELECT estate_id, company_id, bill_month, -amount, 0, 0, 0, 0
                  FROM paid WHERE waived
                 UNION ALL
                SELECT estate_id, company_id, bill_month, 0, amount, 0, 0, 0
                  FROM paid WHERE NOT waived
                 UNION ALL
                SELECT estate_id, company_id, GREATEST(bill_month, paid_month), 0, 0, amount,
                       CASE WHEN paid_month > bill_month THEN amount ELSE 0 END,
                       0
                  FROM paid WHERE NOT waived
                 UNION ALL
                SELECT estate_id, company_id, credit_month, 0, 0, 0, 0, amount
                  FROM paid WHERE NOT waived AND credit_month < bill_month
                 UNION ALL
                SELECT pay.property_estate_id, pay.company_id,
                       date_trunc('month', pay.date)::date, 0, 0, 0, 0, -l.amount_residual
                  FROM account_payment pay
                  JOIN account_move_line l ON l.move_id = pay.move_id
                  JOIN account_account a ON a.id = l.account_id
                 WHERE pay.property_estate_id IS NOT NULL AND pay.state NOT IN ('draft', 'canceled')
                   AND a.account_type = 'asset_receivable' AND l.amount_residual < 0
                   AND l.parent_state = 'posted'
            ), monthly AS (
                SELECT estate_id, company_id, month, SUM(billed) AS billed,
                       SUM(collected) AS collected, SUM(closed_before) AS closed,
                       SUM(recovered) AS recovered, SUM(prepaid) AS prepaid
                  FROM facts GROUP BY estate_id, company_id, month
            )
            SELECT row_number() OVER (ORDER BY estate_id, month) AS id, estate_id, company_id,
                   month, billed, collected, recovered, prepaid,
                   -- billed before the month, less what was paid or waived before it
                   COALESCE(SUM(billed - closed) OVER (
                       PARTITION BY estate_id ORDER BY month
                       ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS arrears_open
              FROM monthly
            """
        )

    # The records behind a figure -------------------------------------------------------------

    def _paid_facts(self, estates):
        """The bills' reconciliations of `estates`, as the view reads them: (bill, bill month,
        month paid, month of the payment's own date, amount, waiver?, payment)."""
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                SELECT b.id, date_trunc('month', b.property_fee_period)::date,
                       date_trunc('month', p.max_date)::date,
                       date_trunc('month', cl.date)::date, p.amount,
                       cm.move_type = 'out_refund', cm.origin_payment_id
                  FROM account_partial_reconcile p
                  JOIN account_move_line dl ON dl.id = p.debit_move_id
                  JOIN account_move b ON b.id = dl.move_id
                  JOIN account_move_line cl ON cl.id = p.credit_move_id
                  JOIN account_move cm ON cm.id = cl.move_id
                 WHERE b.property_is_fee_bill AND b.state = 'posted'
                   AND b.move_type = 'out_invoice' AND b.property_estate_id IN %s
                """,
                tuple(estates.ids) or (0,),
            )
        )
        return self.env.cr.fetchall()

    def _drill_down(self, key, part, estates, month):
        """(model, ids) of the records a figure of `estates` and `month` sums:

        - collection rate: the month's bills (billed); those paid in part or whole (collected);
        - arrears recovery: the earlier bills still owing when the month began (arrears at
          start); the earlier bills paid in the month (recovered);
        - prepaid: the payments of the month ahead of the bills (for later bills, or not
          applied yet)."""
        Move = self.env["account.move"].sudo()
        bills = Move.search(
            [
                ("property_is_fee_bill", "=", True),
                ("state", "=", "posted"),
                ("move_type", "=", "out_invoice"),
                ("property_estate_id", "in", estates.ids),
                ("property_fee_period", "<", month + relativedelta(months=1)),
            ]
        )
        facts = self._paid_facts(estates)
        if key == "collection_rate":
            of_month = bills.filtered(lambda bill: bill.property_fee_period >= month)
            if part == "denominator":
                return "account.move", of_month.ids
            paid = {bill for bill, _bm, _pm, _cm, _a, waived, _p in facts if not waived}
            return "account.move", [bill_id for bill_id in of_month.ids if bill_id in paid]
        if key == "arrears_recovery":
            earlier = bills.filtered(lambda bill: bill.property_fee_period < month)
            if part == "numerator":
                recovered = {
                    bill
                    for bill, bill_month, paid_month, _cm, _a, waived, _p in facts
                    if not waived and bill_month < month and paid_month == month
                }
                return "account.move", [bill_id for bill_id in earlier.ids if bill_id in recovered]
            closed = defaultdict(float)
            for bill, bill_month, paid_month, _cm, amount, waived, _p in facts:
                if waived or max(bill_month, paid_month) < month:
                    closed[bill] += amount
            return "account.move", [
                bill.id
                for bill in earlier
                if bill.currency_id.compare_amounts(bill.amount_total, closed[bill.id]) > 0
            ]
        ahead = {
            payment
            for _bill, bill_month, _pm, credit_month, _a, waived, payment in facts
            if payment and not waived and credit_month == month and credit_month < bill_month
        }
        self.env.cr.execute(
            SQL(
                """
                SELECT DISTINCT pay.id
                  FROM account_payment pay
                  JOIN account_move_line l ON l.move_id = pay.move_id
                  JOIN account_account a ON a.id = l.account_id
                 WHERE pay.property_estate_id IN %s AND pay.state NOT IN ('draft', 'canceled')
                   AND a.account_type = 'asset_receivable' AND l.amount_residual < 0
                   AND pay.date >= %s AND pay.date < %s
                """,
                tuple(estates.ids) or (0,),
                month,
                month + relativedelta(months=1),
            )
        )
        unapplied = {row[0] for row in self.env.cr.fetchall()}
        return "account.payment", sorted(ahead | unapplied)
