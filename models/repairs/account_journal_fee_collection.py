from odoo import api, fields, models
from odoo.exceptions import UserError

# How a small fee is collected on completion (SPEC §4.7), each through its own journal.
FEE_METHODS = [("cash", "Cash"), ("wechat", "WeChat Pay"), ("alipay", "Alipay")]
# The desk collects the property fees (SPEC §10) by bank card and transfer besides.
DESK_FEE_METHODS = FEE_METHODS + [("card", "Bank Card"), ("transfer", "Bank Transfer")]
FEE_JOURNAL_CODES = {
    "cash": "PSDC",
    "wechat": "PSDW",
    "alipay": "PSDA",
    "card": "PSDK",
    "transfer": "PSDT",
}


class AccountJournal(models.Model):
    _inherit = "account.journal"

    property_fee_method = fields.Selection(
        DESK_FEE_METHODS,
        string="Fees Collected On Site",
        help="The journal of the fees the technicians or the desk collect in this way: on "
        "completion of a work order, and the property fees at the desk.",
    )

    _sql_constraints = [
        (
            "property_fee_method_company_uniq",
            "unique(property_fee_method, company_id)",
            "A company has one journal per way of collecting fees on site.",
        )
    ]

    @api.model
    def _property_fee_journal(self, company, method):
        """The company's journal of fees collected this way, created when missing."""
        journal = self.sudo().search(
            [("company_id", "=", company.id), ("property_fee_method", "=", method)], limit=1
        )
        return journal or self._property_create_fee_journal(company, method)

    @api.model
    def _property_create_fee_journal(self, company, method):
        if not company.chart_template:
            raise UserError(
                self.env._(
                    "Set up the accounting of %s before collecting fees on site.", company.name
                )
            )
        journal = (
            self.sudo()
            .with_company(company)
            .create(
                {
                    "name": self._property_fee_journal_name(method),
                    "code": FEE_JOURNAL_CODES[method],
                    "type": "cash" if method == "cash" else "bank",
                    "company_id": company.id,
                    "property_fee_method": method,
                }
            )
        )
        # The name is shown to owners and cashiers in their own language (receipts, portal).
        for lang, _name in self.env["res.lang"].get_installed():
            journal.with_context(lang=lang).name = self.with_context(
                lang=lang
            )._property_fee_journal_name(method)
        return journal

    def _property_fee_journal_name(self, method):
        return {
            "cash": self.env._("Fees Collected in Cash"),
            "wechat": self.env._("WeChat Pay"),
            "alipay": self.env._("Alipay"),
            "card": self.env._("Fees Collected by Bank Card"),
            "transfer": self.env._("Fees Collected by Bank Transfer"),
        }[method]

    @api.model
    def _property_ensure_fee_journals(self):
        """Install: the cash, WeChat Pay, Alipay, bank card and transfer journals of every
        company with accounting."""
        for company in self.env["res.company"].sudo().search([("chart_template", "!=", False)]):
            for method, _label in DESK_FEE_METHODS:
                self._property_fee_journal(company, method)
