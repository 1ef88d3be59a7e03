from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import Command

from ..common import PropertyCase


class FeeCollectionCase(PropertyCase):
    """Estate A's unit 1201 (owner 王芳) with monthly fee bills made as the contract of the
    billing run makes them (posted customer invoices, one per payer, unit and period)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.accountant = cls._user("psd_fee_acc", "group_property_accountant")
        cls.technician = cls._user("psd_fee_tech", "group_property_technician")
        cls.estate_a.member_ids = [Command.link(cls.accountant.id), Command.link(cls.technician.id)]
        cls.product = cls.env["product.product"].create(
            {"name": "Management fee", "type": "service", "taxes_id": [Command.clear()]}
        )

    @classmethod
    def bill(cls, period, amount=100.0, unit=None, partner=None, due_days=15):
        """A posted fee bill of `period` (a date, its month's first day)."""
        unit = unit or cls.unit_a
        partner = partner or unit.owner_id
        period = date.fromisoformat(period) if isinstance(period, str) else period
        move = cls.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": partner.id,
                "invoice_date": period,
                "invoice_date_due": period + relativedelta(days=due_days),
                "property_estate_id": unit.estate_id.id,
                "property_unit_id": unit.id,
                "property_fee_period": period,
                "property_is_fee_bill": True,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": cls.product.id,
                            "name": "Management fee",
                            "quantity": 1,
                            "price_unit": amount,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
            }
        )
        move.action_post()
        return move

    def collect(self, amount, method="cash", user=None, unit=None, partner=None):
        unit = unit or self.unit_a
        user = user or self.agent_a
        partner = partner or unit.owner_id
        return unit.with_user(user)._property_collect(partner, amount, method)
