from datetime import date

from odoo import Command
from odoo.tests import HttpCase, tagged

from ..common import QUIET


@tagged("post_install", "-at_install")
class TestFeePortal(HttpCase):
    """My Fees (SPEC §10): the owner sees her units' bills, payments, balance and arrears, only
    hers, and pays online through the company's payment provider."""

    browser_size = "375x667"
    touch_enabled = True

    def setUp(self):
        super().setUp()
        self.owner = self.env.ref(
            "property_service_desk.res_users_demo_portal_owner", raise_if_not_found=False
        )
        if not self.owner:
            self.skipTest("needs the demo data (portal owner 王芳)")
        self.env = self.env(context=dict(self.env.context, **QUIET))
        self.unit = self.env.ref("property_service_desk.property_unit_demo_1_0101")
        self.product = self.env["product.product"].create({"name": "Tour fee", "type": "service"})

    def _bill(self, partner, period, amount):
        move = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": partner.id,
                "invoice_date": period,
                "invoice_date_due": period,
                "property_estate_id": self.unit.estate_id.id,
                "property_unit_id": self.unit.id,
                "property_fee_period": period,
                "property_is_fee_bill": True,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": self.product.id,
                            "price_unit": amount,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
            }
        )
        move.action_post()
        return move

    def test_my_fees_shows_only_her_bills(self):
        mine = self._bill(self.owner.partner_id, date(2026, 10, 1), 123.45)
        stranger = self.env["res.partner"].create({"name": "Somebody Else"})
        theirs = self._bill(stranger, date(2026, 10, 1), 678.9)
        self.authenticate("owner", "owner")
        page = self.url_open("/my/fees").text
        self.assertIn(mine.name, page)
        self.assertNotIn(theirs.name, page)
        self.assertIn("123.45", page)
        home = self.url_open("/my/home").text
        self.assertIn("/my/fees", home)
        counters = self.make_jsonrpc_request("/my/counters", {"counters": ["fee_count"]})
        self.assertGreaterEqual(counters["fee_count"], 1)

    def test_portal_owner_sees_and_pays_her_bill_on_the_phone(self):
        bill = self._bill(self.owner.partner_id, date(2026, 10, 1), 88.0)
        self.start_tour("/my", "property_portal_fee_pay_tour", login="owner", timeout=240)
        bill.invalidate_recordset()
        self.assertIn(bill.payment_state, ("paid", "in_payment"))
