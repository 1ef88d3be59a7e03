import re

from odoo import api, fields, models
from odoo.exceptions import ValidationError

STEPS_FORMAT = re.compile(r"^\s*\d{1,2}(\s*,\s*\d{1,2})*\s*$")


class ResCompany(models.Model):
    """Collection and arrears settings of SPEC §10, per company."""

    _inherit = "res.company"

    property_fee_reminder_steps = fields.Char(
        string="Arrears Reminder Steps (months)",
        default="1,3,6",
        help="A reminder notice (催缴通知单) goes out when a bill is this many months overdue, "
        "once per bill and step: months separated by commas.",
    )
    property_fee_late_fee = fields.Boolean(
        string="Late Fees",
        help="Charge a late fee with each reminder, where local rules allow it (off by default).",
    )
    property_fee_late_fee_rate = fields.Float(
        string="Late Fee Rate (% per month)",
        default=1.0,
        bounds=(0, 100),
        help="Per month overdue, this share of what is still unpaid of the bill.",
    )
    property_fee_late_fee_cap = fields.Float(
        string="Late Fee Cap (% of the bill)",
        default=10.0,
        bounds=(0, 100),
        help="All late fees of a bill together never exceed this share of the bill.",
    )
    property_kpi_collection_target = fields.Float(
        string="Collection Rate Target (%)",
        default=95.0,
        bounds=(0, 100),
        help="At least this share of each period's billing is collected (收缴率).",
    )

    @api.constrains("property_fee_reminder_steps")
    def _check_property_fee_reminder_steps(self):
        for company in self:
            steps = company.property_fee_reminder_steps
            if steps and (
                not STEPS_FORMAT.match(steps) or not all(0 < s <= 60 for s in company._fee_steps())
            ):
                raise ValidationError(
                    self.env._(
                        "Reminder steps are months between 1 and 60 separated by commas, e.g. "
                        "1,3,6."
                    )
                )

    def _fee_steps(self):
        """The reminder steps in months, ascending."""
        self.ensure_one()
        return sorted(
            {int(s) for s in (self.property_fee_reminder_steps or "").split(",") if s.strip()}
        )
