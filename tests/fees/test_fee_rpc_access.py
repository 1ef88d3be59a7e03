"""Who sees which fee bill, over the real path (SPEC §9, §10): JSON-RPC `/web/dataset/call_kw` as
the demo roles. The owner sees only the bills of her units (not her tenant's nor a neighbour's),
the tenant not the owner's; the desk (cashier) the bills and payments of its estates only; the
engineering staff no bill at all, but they enter the meter readings. (The rest of the fee rows are
in tests/access_model.py and proven by tests/test_rpc_matrix.py.)"""

from odoo.tests import HttpCase, tagged

from ..common import QUIET, rpc_body
from . import fee_fixtures


@tagged("post_install", "-at_install")
class TestFeeRpcAccess(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, **QUIET))
        ref = cls.env.ref
        cls.owner_user = ref("property_service_desk.res_users_demo_portal_owner", False)
        if not cls.owner_user:
            return
        cls.owner = cls.owner_user.partner_id
        # 3栋502: owned by the portal owner, rented by the portal tenant.
        cls.unit = ref("property_service_desk.property_unit_demo_3_0502")
        cls.estate = cls.unit.estate_id
        cls.neighbour = cls.env["property.unit"].search(
            [
                ("estate_id", "=", cls.estate.id),
                ("owner_id", "not in", (cls.owner | cls.unit.tenant_ids).ids),
                ("owner_id", "!=", False),
            ],
            limit=1,
        )
        cls.other_estate_unit = cls.env["property.unit"].search(
            [("estate_id", "!=", cls.estate.id), ("owner_id", "!=", False)], limit=1
        )
        cls.mine = fee_fixtures.fee_bill(cls.env, cls.unit)
        cls.neighbours = fee_fixtures.fee_bill(cls.env, cls.neighbour)
        cls.elsewhere = fee_fixtures.fee_bill(cls.env, cls.other_estate_unit)
        cls.payment = fee_fixtures.payment(cls.env, cls.unit)
        cls.other_payment = fee_fixtures.payment(cls.env, cls.other_estate_unit)

    def setUp(self):
        super().setUp()
        if not self.owner_user:
            self.skipTest("needs the demo data (portal owner 王芳)")

    def call_kw(self, login, model, method, args, kwargs=None):
        """(result, error name) of the call as the demo login."""
        self.authenticate(login, login)
        body = rpc_body(self, model, method, args, kwargs)
        if "error" in body:
            return None, body["error"]["data"]["name"]
        return body["result"], None

    def fee_bill_ids(self, login):
        result, error = self.call_kw(
            login,
            "account.move",
            "search_read",
            [[("property_is_fee_bill", "=", True)], ["id"]],
            {"limit": 5000},
        )
        self.assertIsNone(error, login)
        return {row["id"] for row in result}

    def test_the_owner_sees_the_bills_of_her_units_only(self):
        seen = self.fee_bill_ids("owner")
        self.assertIn(self.mine.id, seen)
        self.assertNotIn(self.neighbours.id, seen)
        self.assertNotIn(self.elsewhere.id, seen)
        bills = self.env["account.move"].browse(sorted(seen))
        self.assertEqual(bills.partner_id.commercial_partner_id, self.owner)
        for bill in (self.neighbours, self.elsewhere):
            _result, error = self.call_kw("owner", "account.move", "read", [bill.ids, ["name"]])
            self.assertEqual(error, "odoo.exceptions.AccessError")
        # Her units only: those she owns or rents.
        units, error = self.call_kw("owner", "property.unit", "search_read", [[], ["id"]])
        self.assertIsNone(error)
        units = self.env["property.unit"].browse(row["id"] for row in units)
        self.assertIn(self.unit, units)
        self.assertNotIn(self.neighbour, units)
        for unit in units:
            self.assertTrue(unit.owner_id == self.owner or self.owner in unit.tenant_ids, unit)

    def test_the_tenant_does_not_see_the_owners_bill(self):
        seen = self.fee_bill_ids("tenant")
        self.assertNotIn(self.mine.id, seen)
        _result, error = self.call_kw("tenant", "account.move", "read", [self.mine.ids, ["name"]])
        self.assertEqual(error, "odoo.exceptions.AccessError")

    def test_the_desk_sees_the_bills_and_payments_of_its_estates_only(self):
        seen = self.fee_bill_ids("agent")
        self.assertTrue({self.mine.id, self.neighbours.id} <= seen)
        self.assertNotIn(self.elsewhere.id, seen)
        _result, error = self.call_kw(
            "agent", "account.move", "read", [self.elsewhere.ids, ["name"]]
        )
        self.assertEqual(error, "odoo.exceptions.AccessError")
        _result, error = self.call_kw(
            "agent", "account.payment", "read", [self.payment.ids, ["amount"]]
        )
        self.assertIsNone(error)
        _result, error = self.call_kw(
            "agent", "account.payment", "read", [self.other_payment.ids, ["amount"]]
        )
        self.assertEqual(error, "odoo.exceptions.AccessError")
        # Nor does it write a bill, posted in Accounting.
        _result, error = self.call_kw(
            "agent", "account.move", "write", [self.mine.ids, {"ref": "Rewritten"}]
        )
        self.assertEqual(error, "odoo.exceptions.AccessError")

    def test_the_engineering_staff_read_meters_not_bills(self):
        _result, error = self.call_kw(
            "technician", "account.move", "search_read", [[("property_is_fee_bill", "=", True)]]
        )
        self.assertEqual(error, "odoo.exceptions.AccessError")
        meter = fee_fixtures.meter(self.env, self.unit)
        reading, error = self.call_kw(
            "technician", "property.meter.reading", "create", [{"meter_id": meter.id, "value": 7}]
        )
        self.assertIsNone(error)
        self.assertEqual(
            self.env["property.meter.reading"].browse(reading).reader_id.login, "technician"
        )
        _result, error = self.call_kw(
            "agent", "property.meter.reading", "create", [{"meter_id": meter.id, "value": 8}]
        )
        self.assertEqual(error, "odoo.exceptions.AccessError")
        # A meter of an estate the technician does not work for: refused.
        elsewhere = fee_fixtures.meter(self.env, self.other_estate_unit)
        _result, error = self.call_kw(
            "technician",
            "property.meter.reading",
            "create",
            [{"meter_id": elsewhere.id, "value": 9}],
        )
        self.assertEqual(error, "odoo.exceptions.AccessError")
        self.assertFalse(
            self.env["property.meter.reading"].search([("meter_id", "=", elsewhere.id)])
        )
