from odoo import fields, models
from odoo.exceptions import UserError

from ...tools.groups import DESK, TECHNICIAN
from .account_journal_fee_collection import FEE_METHODS

# Orders whose fee can be collected: the work is done.
COLLECTABLE_STATES = ("done", "signed", "closed")


class PropertyWorkOrder(models.Model):
    """Small fees collected on completion (SPEC §4.7) by the technician or at the front desk,
    recorded in Accounting as a payment of the order's invoice, with a printed receipt."""

    _inherit = "property.work.order"

    fee_payment_id = fields.Many2one("account.payment", readonly=True, copy=False)
    fee_method = fields.Selection(FEE_METHODS, string="Collected By", readonly=True, copy=False)
    fee_collected_by_id = fields.Many2one(
        "res.users", string="Collected By User", readonly=True, copy=False
    )
    fee_collected_at = fields.Datetime(readonly=True, copy=False)
    fee_amount = fields.Monetary(related="fee_payment_id.amount", string="Amount Collected")

    def action_collect_fee(self, method=None):
        """The technician of the order, or the desk, collected the fee (cash, WeChat Pay or
        Alipay): the order is invoiced if it was not yet and the payment is recorded on the
        invoice through Accounting; returns the receipt to print. The caller is checked here;
        the accounting work is then the system's, without the accountant's rights."""
        self.ensure_one()
        self._check_caller(TECHNICIAN, DESK)
        method = method or self.env.context.get("property_fee_method")
        if method not in dict(FEE_METHODS):
            raise UserError(self.env._("Choose how the fee was paid: cash, WeChat Pay or Alipay."))
        self._check_state(COLLECTABLE_STATES, self.env._("Collecting the fee"))
        self._lock_for_money()
        invoice = self.sudo()._create_final_invoice()
        if invoice.payment_state in ("paid", "in_payment") or invoice.currency_id.is_zero(
            invoice.amount_residual
        ):
            raise UserError(self.env._("The fee of work order %s is already paid.", self.name))
        journal = self.env["account.journal"]._property_fee_journal(self.company_id, method)
        payment = self._register_fee_payment(invoice, journal)
        self._write_system(
            {
                "fee_payment_id": payment.id,
                "fee_method": method,
                "fee_collected_by_id": self.env.uid,
                "fee_collected_at": fields.Datetime.now(),
            }
        )
        return self.env.ref(
            "property_service_desk.property_work_order_report_fee_receipt"
        ).report_action(self)

    def _register_fee_payment(self, invoice, journal):
        wizard = (
            self.env["account.payment.register"]
            .sudo()
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create(
                {
                    "journal_id": journal.id,
                    "amount": invoice.amount_residual,
                    "payment_date": self.estate_id._local_date(),
                    "communication": self.env._(
                        "%(order)s collected by %(user)s", order=self.name, user=self.env.user.name
                    ),
                }
            )
        )
        return wizard._create_payments()
