from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ...tools.groups import ACCOUNTANT, PROJECT_MANAGER
from ...tools.row_claims import lock_rows
from ..mechanisms.property_system_fields_mixin import check_caller

WAIVER_STATES = [("to_approve", "To Approve"), ("approved", "Approved"), ("refused", "Refused")]


class PropertyFeeWaiver(models.Model):
    """A waiver or adjustment of a fee bill (减免): asked with a reason, approved by the estate's
    project manager, then booked as a posted credit note against the bill."""

    _name = "property.fee.waiver"
    _description = "Fee Waiver"
    _inherit = ["mail.thread", "mail.activity.mixin", "property.system.fields.mixin"]
    _order = "id desc"
    _check_company_auto = True
    _system_fields = (
        "move_id",
        "item_id",
        "amount",
        "reason",
        "state",
        "approver_id",
        "decided_by_id",
        "decided_at",
        "credit_note_id",
    )

    move_id = fields.Many2one(
        "account.move", string="Bill", required=True, readonly=True, index=True, ondelete="restrict"
    )
    # Shown to the approver, who does not read Accounting.
    bill_number = fields.Char(related="move_id.name", store=True, string="Bill Number")
    estate_id = fields.Many2one(related="move_id.property_estate_id", store=True, index=True)
    unit_id = fields.Many2one(related="move_id.property_unit_id", store=True)
    partner_id = fields.Many2one(related="move_id.partner_id", store=True, string="Payer")
    company_id = fields.Many2one(related="move_id.company_id", store=True)
    currency_id = fields.Many2one(related="move_id.currency_id")
    item_id = fields.Many2one(
        "property.fee.item", string="Charge Item", required=True, readonly=True
    )
    amount = fields.Monetary(required=True, readonly=True)
    reason = fields.Text(required=True, readonly=True)
    state = fields.Selection(
        WAIVER_STATES, default="to_approve", required=True, readonly=True, tracking=True
    )
    approver_id = fields.Many2one("res.users", readonly=True)
    decided_by_id = fields.Many2one("res.users", readonly=True)
    decided_at = fields.Datetime(string="Decided On", readonly=True)
    credit_note_id = fields.Many2one("account.move", readonly=True)

    @api.depends("bill_number", "item_id.name")
    def _compute_display_name(self):
        for waiver in self:
            waiver.display_name = f"{waiver.bill_number or ''} {waiver.item_id.name or ''}"

    @api.model
    def _request(self, bill, item, amount, reason):
        """Ask for a waiver on a posted fee bill; the estate's project manager is told."""
        check_caller(bill, ACCOUNTANT, access="read")
        line = bill.invoice_line_ids.filtered(lambda line: line.property_fee_item_id == item)
        if not (bill.property_is_fee_bill and bill.state == "posted" and line):
            raise UserError(self.env._("A waiver is asked on a posted fee bill's charge item."))
        if amount <= 0 or amount > self._waivable(bill, item, line):
            raise ValidationError(
                self.env._(
                    "The waiver must be more than 0 and at most what is left of the item on "
                    "the bill (%(left)s).",
                    left=self._waivable(bill, item, line),
                )
            )
        approver = bill.property_estate_id.project_manager_id
        waiver = (
            self._as_system()
            .create(
                {
                    "move_id": bill.id,
                    "item_id": item.id,
                    "amount": amount,
                    "reason": reason,
                    "approver_id": approver.id,
                }
            )
            .with_env(self.env)
        )
        if approver:
            waiver.sudo().activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=bill.property_estate_id._local_date(),
                user_id=approver.id,
                summary=self.env._("Approve a fee waiver of %s", bill.name),
            )
        return waiver

    def _waivable(self, bill, item, line):
        asked = self.search(
            [("move_id", "=", bill.id), ("item_id", "=", item.id), ("state", "!=", "refused")]
        )
        return bill.currency_id.round(sum(line.mapped("price_total")) - sum(asked.mapped("amount")))

    def action_approve(self):
        check_caller(self, PROJECT_MANAGER)
        lock_rows(self)
        for waiver in self:
            waiver._check_to_approve()
            credit_note = waiver._book_credit_note()
            waiver._decide("approved", credit_note_id=credit_note.id)

    def action_refuse(self):
        check_caller(self, PROJECT_MANAGER)
        lock_rows(self)
        for waiver in self:
            waiver._check_to_approve()
            waiver._decide("refused")

    def _check_to_approve(self):
        if self.state != "to_approve":
            raise UserError(self.env._("This waiver is already decided."))

    def _decide(self, state, **vals):
        self._write_system(
            {
                "state": state,
                "decided_by_id": self.env.uid,
                "decided_at": fields.Datetime.now(),
                **vals,
            }
        )
        self.sudo().activity_ids.action_feedback(feedback=dict(WAIVER_STATES)[state])

    def _book_credit_note(self):
        """The credit note of the waiver, posted and matched with the bill while it is due."""
        bill = self.move_id.sudo()
        line = bill.invoice_line_ids.filtered(
            lambda line: line.property_fee_item_id == self.item_id
        )[:1]
        credit_note = (
            self.env["account.move"]
            .sudo()
            .create(
                {
                    "move_type": "out_refund",
                    "partner_id": bill.partner_id.id,
                    "company_id": bill.company_id.id,
                    "invoice_date": bill.property_estate_id._local_date(),
                    "reversed_entry_id": bill.id,
                    "ref": self.reason[:200],
                    "property_estate_id": bill.property_estate_id.id,
                    "property_unit_id": bill.property_unit_id.id,
                    "property_fee_period": bill.property_fee_period,
                    "invoice_line_ids": [
                        fields.Command.create(
                            {
                                "product_id": line.product_id.id,
                                "name": self.reason[:200],
                                "account_id": line.account_id.id,
                                "quantity": 1,
                                "price_unit": self.amount,
                                "tax_ids": [fields.Command.set(line.tax_ids.ids)],
                                "property_fee_item_id": self.item_id.id,
                            }
                        )
                    ],
                }
            )
        )
        credit_note.action_post()
        if bill.amount_residual:
            bill._property_apply_prepayments()
        return credit_note
