from odoo import api, fields, models
from odoo.exceptions import UserError

from ...tools.groups import ACCOUNTANT, DESK
from ..repairs.account_journal_fee_collection import DESK_FEE_METHODS


class PropertyFeeDailyClose(models.Model):
    """收款日报表: a cashier's day at an estate's desk, on the estate's clock (SPEC §10). It sums
    the day's payments per way of payment and checks them against the journals' entries;
    closing it freezes those payments."""

    _name = "property.fee.daily.close"
    _description = "Cashier's Daily Close"
    _inherit = ["property.system.fields.mixin", "property.register.mixin", "mail.thread"]
    _order = "date desc, id desc"
    _register_date_field = "date"
    _system_fields = ("cashier_id", "state", "closed_at", "amount_total", "journal_total")

    name = fields.Char(compute="_compute_name", store=True)
    estate_id = fields.Many2one("property.estate", required=True, index=True)
    company_id = fields.Many2one(related="estate_id.company_id", store=True, index=True)
    cashier_id = fields.Many2one("res.users", required=True, default=lambda self: self.env.user)
    date = fields.Date(
        required=True,
        default=lambda self: self.env["property.estate"]._local_date(),
        help="The estate's calendar day.",
    )
    state = fields.Selection(
        [("open", "Open"), ("closed", "Closed")], default="open", required=True, tracking=True
    )
    closed_at = fields.Datetime(readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    payment_ids = fields.One2many(
        "account.payment", "property_daily_close_id", string="Payments", readonly=True
    )
    amount_total = fields.Monetary(string="Collected", readonly=True)
    journal_total = fields.Monetary(string="In the Journals", readonly=True)

    _sql_constraints = [
        (
            "cashier_day_uniq",
            "unique(estate_id, cashier_id, date)",
            "A cashier closes a day at an estate once.",
        )
    ]

    @api.depends("estate_id", "cashier_id", "date")
    def _compute_name(self):
        for close in self:
            close.name = (
                f"{close.estate_id.code or ''}-{close.date or ''}-{close.cashier_id.login or ''}"
            )

    @api.model
    def _check_day_open(self, estate, cashier, day):
        closed = self.sudo().search_count(
            [
                ("estate_id", "=", estate.id),
                ("cashier_id", "=", cashier.id),
                ("date", "=", day),
                ("state", "=", "closed"),
            ]
        )
        if closed:
            raise UserError(
                self.env._(
                    "%(cashier)s's day %(day)s at %(estate)s is closed: no more payments can be "
                    "taken on it.",
                    cashier=cashier.name,
                    day=day,
                    estate=estate.name,
                )
            )

    def _day_payments(self):
        self.ensure_one()
        if self.state == "closed":
            return self.payment_ids.sudo()
        return (
            self.env["account.payment"]
            .sudo()
            .search(
                [
                    ("property_estate_id", "=", self.estate_id.id),
                    ("property_cashier_id", "=", self.cashier_id.id),
                    ("date", "=", self.date),
                    ("state", "not in", ("draft", "canceled")),
                ],
                order="id",
            )
        )

    def _summary(self):
        """Per way of payment: count, amount of the payments, and what the journal's entries
        of those payments hold on its outstanding receipts account."""
        self.ensure_one()
        payments = self._day_payments()
        rows = []
        for method, label in self._fields_methods():
            of_method = payments.filtered(lambda p, m=method: p.journal_id.property_fee_method == m)
            journal = sum(
                line.balance
                for payment in of_method
                for line in payment.move_id.line_ids
                if line.account_id == payment.outstanding_account_id
            )
            rows.append(
                {
                    "method": label,
                    "count": len(of_method),
                    "amount": sum(of_method.mapped("amount")),
                    "journal": journal,
                }
            )
        return rows

    def _fields_methods(self):
        selection = dict(
            self.env["account.journal"]
            ._fields["property_fee_method"]
            ._description_selection(self.env)
        )
        return [(method, selection[method]) for method, _label in DESK_FEE_METHODS]

    def action_close(self):
        """Close the day: its payments are counted, linked and frozen."""
        for close in self:
            close._check_caller(DESK, ACCOUNTANT)
            if close.state == "closed":
                raise UserError(self.env._("This day is already closed."))
            if close.cashier_id != self.env.user and not self.env.user.has_group(ACCOUNTANT):
                raise UserError(
                    self.env._("Only the cashier or an accountant closes a cashier's day.")
                )
            # Claim the day's row: two closes of it at once would count its payments twice.
            self.env.cr.execute(
                "SELECT id FROM property_fee_daily_close WHERE id = %s AND state = 'open' "
                "FOR NO KEY UPDATE",
                [close.id],
            )
            if not self.env.cr.fetchone():
                raise UserError(self.env._("This day is already closed."))
            summary = close._summary()
            payments = close._day_payments()
            amount = sum(row["amount"] for row in summary)
            journal = sum(row["journal"] for row in summary)
            if close.currency_id.compare_amounts(amount, journal):
                raise UserError(
                    self.env._(
                        "The payments (%(amount)s) and the journals (%(journal)s) differ: "
                        "check the day's entries before closing it.",
                        amount=amount,
                        journal=journal,
                    )
                )
            payments.write({"property_daily_close_id": close.id})
            close._write_system(
                {
                    "state": "closed",
                    "closed_at": fields.Datetime.now(),
                    "amount_total": amount,
                    "journal_total": journal,
                }
            )
        return True

    def action_print(self):
        self._check_caller(DESK, ACCOUNTANT, access="read")
        return self.env.ref("property_service_desk.property_fee_daily_close_report").report_action(
            self
        )

    def _system_frozen(self):
        return self.filtered(lambda close: close.state == "closed")
