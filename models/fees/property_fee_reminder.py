import logging

from psycopg2 import errors

from odoo import api, fields, models
from odoo.tools import float_round

from ...tools.groups import ACCOUNTANT, DESK
from .account_move_arrears import AGE_BUCKETS, age_bucket, months_between

_logger = logging.getLogger(__name__)


class PropertyFeeReminder(models.Model):
    """催缴通知单: one reminder notice per overdue bill and step (1, 3, 6 months by default),
    made by the scheduled job, sent by portal message, e-mail and SMS, and printed. The unique
    (bill, step) row is the job's claim: two runs at once never send a notice twice."""

    _name = "property.fee.reminder"
    _description = "Arrears Reminder Notice"
    _inherit = ["property.system.fields.mixin", "property.register.mixin"]
    _order = "date desc, id desc"
    _register_date_field = "date"
    _system_fields = (
        "move_id",
        "step",
        "date",
        "amount_due",
        "months_overdue",
        "late_fee_move_id",
        "estate_id",
        "unit_id",
        "partner_id",
    )

    name = fields.Char(related="move_id.name", string="Bill Number")
    move_id = fields.Many2one(
        "account.move", string="Bill", required=True, index=True, readonly=True
    )
    estate_id = fields.Many2one("property.estate", readonly=True, index=True)
    company_id = fields.Many2one(related="move_id.company_id", store=True)
    unit_id = fields.Many2one("property.unit", readonly=True, index=True)
    partner_id = fields.Many2one("res.partner", string="Payer", readonly=True)
    step = fields.Integer(string="Step (months)", readonly=True)
    date = fields.Date(readonly=True, help="The estate's day the notice was made.")
    months_overdue = fields.Integer(readonly=True)
    age_bucket = fields.Selection(
        AGE_BUCKETS, string="Age", compute="_compute_age_bucket", store=True
    )
    currency_id = fields.Many2one(related="move_id.currency_id")
    amount_due = fields.Monetary(string="Unpaid", readonly=True)
    late_fee_move_id = fields.Many2one("account.move", string="Late Fee", readonly=True)

    _sql_constraints = [
        ("bill_step_uniq", "unique(move_id, step)", "A bill gets one reminder per step.")
    ]

    @api.depends("move_id", "step")
    def _compute_display_name(self):
        for reminder in self:
            reminder.display_name = f"{reminder.move_id.name or ''} · {reminder.step}"

    @api.depends("months_overdue")
    def _compute_age_bucket(self):
        for reminder in self:
            reminder.age_bucket = age_bucket(reminder.months_overdue)

    @api.model
    def _age_bucket_labels(self):
        return self._fields["age_bucket"]._description_selection(self.env)

    def _kept_on_record(self):
        return self

    # The scheduled job ---------------------------------------------------------------------

    @api.model
    def _cron_send_reminders(self, now=None):
        for estate in self.env["property.estate"].sudo().search([("unit_ids", "!=", False)]):
            self._send_for_estate(estate, estate._local_date(now))

    @api.model
    def _send_for_estate(self, estate, today):
        steps = estate.company_id._fee_steps()
        if not steps:
            return self.browse()
        Move = self.env["account.move"].sudo()
        bills = Move.search(
            Move._property_unpaid_bills_domain()
            + [("property_estate_id", "=", estate.id), ("invoice_date_due", "<", today)]
        )
        sent = dict(
            self.sudo()._read_group([("move_id", "in", bills.ids)], ["move_id"], ["step:max"])
        )
        made = self.browse()
        for bill in bills:
            months = months_between(bill._property_due_date(), today)
            step = max((s for s in steps if s <= months), default=0)
            if step and step > sent.get(bill, 0):
                made |= self._make(bill, step, months, today)
        return made

    @api.model
    def _make(self, bill, step, months, today):
        """The reminder of this bill and step, unless another run made it already."""
        try:
            with self.env.cr.savepoint():
                reminder = self.sudo().create(
                    {
                        "move_id": bill.id,
                        "step": step,
                        "date": today,
                        "months_overdue": months,
                        "amount_due": bill.amount_residual,
                        "estate_id": bill.property_estate_id.id,
                        "unit_id": bill.property_unit_id.id,
                        "partner_id": bill.partner_id.id,
                    }
                )
        except errors.UniqueViolation:
            _logger.info("Reminder of %s at %s months made by another run", bill.name, step)
            return self.browse()
        reminder._add_late_fee()
        reminder._send()
        return reminder

    def _send(self):
        """Portal message on the bill (which e-mails the payer), and an SMS to a mobile."""
        self.ensure_one()
        bill, partner = self.move_id, self.partner_id
        body = self.env["ir.qweb"]._render(
            "property_service_desk.property_fee_reminder_message", {"reminder": self}
        )
        bill.with_context(lang=partner.lang).message_post(
            body=body,
            partner_ids=partner.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        if partner.mobile or partner.phone:
            bill._message_sms_with_template(
                template_xmlid="property_service_desk.sms_template_fee_reminder",
                partner_ids=partner.ids,
                put_in_queue=True,
            )

    def _add_late_fee(self):
        """Where the company charges late fees: a late-fee invoice per reminder, within the
        cap of the bill (the reminder's unique row makes it never twice)."""
        self.ensure_one()
        company = self.move_id.company_id
        if not company.property_fee_late_fee:
            return
        bill = self.move_id
        charged = sum(bill.property_fee_reminder_ids.late_fee_move_id.mapped("amount_total"))
        cap = bill.amount_total * company.property_fee_late_fee_cap / 100
        amount = (
            bill.amount_residual * company.property_fee_late_fee_rate / 100 * self.months_overdue
        )
        amount = float_round(
            min(amount, cap - charged), precision_rounding=bill.currency_id.rounding
        )
        if amount <= 0:
            return
        product = self.env.ref("property_service_desk.product_product_fee_late_fee")
        late = (
            self.env["account.move"]
            .sudo()
            .with_company(company)
            .create(
                {
                    "move_type": "out_invoice",
                    "partner_id": bill.partner_id.id,
                    "invoice_date": self.date,
                    "property_unit_id": bill.property_unit_id.id,
                    "property_estate_id": bill.property_estate_id.id,
                    "invoice_line_ids": [
                        fields.Command.create(
                            {
                                "product_id": product.id,
                                "name": self.env._(
                                    "Late fee of %(bill)s (%(months)s months overdue)",
                                    bill=bill.name,
                                    months=self.months_overdue,
                                ),
                                "quantity": 1,
                                "price_unit": amount,
                                "tax_ids": [fields.Command.clear()],
                            }
                        )
                    ],
                }
            )
        )
        late.action_post()
        self.sudo().write({"late_fee_move_id": late.id})

    def action_print(self):
        """催缴通知单, printed at the desk (or by the accountant) to hand or post."""
        self._check_caller(DESK, ACCOUNTANT, access="read")
        return self.env.ref("property_service_desk.property_fee_reminder_report").report_action(
            self
        )
