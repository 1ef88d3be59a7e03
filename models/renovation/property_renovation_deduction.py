from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ...tools.groups import _G
from ...tools.row_claims import lock_rows
from ..mechanisms.property_input_guard import AMOUNT

OPERATIONS_GM = _G + "operations_manager"


class PropertyRenovationDeduction(models.Model):
    """An amount kept from the renovation deposit, with its reason; it counts once the
    operations general manager approves it."""

    _name = "property.renovation.deduction"
    _description = "Renovation Deposit Deduction"
    _inherit = ["mail.thread", "property.system.fields.mixin"]
    _order = "id"
    _system_fields = ("renovation_id", "state", "approved_by_id", "approved_at")
    _system_intake_fields = ("renovation_id",)

    renovation_id = fields.Many2one(
        "property.renovation", required=True, index=True, ondelete="restrict"
    )
    estate_id = fields.Many2one(related="renovation_id.estate_id", store=True, index=True)
    company_id = fields.Many2one(related="renovation_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="renovation_id.currency_id")
    amount = fields.Monetary(required=True, tracking=True, bounds=AMOUNT)
    reason = fields.Text(required=True, tracking=True, help="Damage, unremedied violation…")
    notice_id = fields.Many2one(
        "property.renovation.notice",
        string="Rectification Notice",
        domain="[('renovation_id', '=', renovation_id)]",
    )
    state = fields.Selection(
        [("draft", "Waiting for Approval"), ("approved", "Approved")],
        default="draft",
        required=True,
        tracking=True,
    )
    approved_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    approved_at = fields.Datetime(readonly=True, copy=False)

    @api.model_create_multi
    def create(self, vals_list):
        deductions = super().create(vals_list)
        deductions._check_renovation_open()
        return deductions

    def _check_renovation_open(self):
        allowed = ("permitted", "completed", "accepted")
        if wrong := self.renovation_id.filtered(lambda r: r.state not in allowed):
            raise UserError(
                self.env._(
                    "Deductions are recorded between the permit and the refund; renovation %s "
                    "is not there.",
                    ", ".join(wrong.mapped("name")),
                )
            )

    @api.constrains("amount", "reason")
    def _check_amount_and_reason(self):
        for deduction in self:
            if deduction.amount <= 0:
                raise ValidationError(self.env._("A deduction is a positive amount."))
            if not (deduction.reason or "").strip():
                raise ValidationError(self.env._("Write the reason of each deduction."))

    def _system_frozen(self):
        return self.filtered(lambda d: d.state == "approved")

    def _kept_on_record(self):
        return self.filtered(lambda d: d.state == "approved")

    def action_approve(self):
        """The operations general manager approves; never more than the deposit in total."""
        self._check_caller(
            OPERATIONS_GM,
            message=self.env._(
                "A deduction from the deposit needs the operations general manager."
            ),
        )
        lock_rows(self.renovation_id)
        if done := self.filtered(lambda d: d.state != "draft"):
            raise UserError(
                self.env._("Deduction %s is already approved.", ", ".join(done.mapped("reason")))
            )
        self._check_renovation_open()
        for renovation in self.renovation_id:
            new = sum(self.filtered(lambda d, r=renovation: d.renovation_id == r).mapped("amount"))
            if renovation.deduction_total + new > renovation.deposit_amount:
                raise UserError(
                    self.env._("The deductions of %s would exceed its deposit.", renovation.name)
                )
        self._write_system(
            {
                "state": "approved",
                "approved_by_id": self.env.uid,
                "approved_at": fields.Datetime.now(),
            }
        )
        return True
