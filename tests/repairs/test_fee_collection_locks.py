"""Money is never paid twice: while one transaction holds a work order's row (a technician
collecting the fee, the accountant invoicing), a second one acting on the same order fails at
once (NOWAIT) instead of paying or invoicing again; Odoo retries its request afterwards."""

from psycopg2.errors import LockNotAvailable

from odoo import SUPERUSER_ID, api

from ..common import CommittedDataCase


class TestMoneyRowLocks(CommittedDataCase):
    def _second_transaction(self):
        cr = self.registry.cursor()
        self.addCleanup(cr.close)
        self.addCleanup(cr.rollback)  # nothing of these tests is ever committed
        return api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})

    def test_a_locked_order_is_neither_collected_nor_invoiced_twice(self):
        holder = self._second_transaction()
        order = holder.ref("property_service_desk.property_work_order_demo_owner_drain")
        self.assertEqual((order.state, order.charge_type), ("done", "paid"))
        # The first transaction is collecting the fee: it holds the order's row.
        holder.cr.execute("SELECT id FROM property_work_order WHERE id = %s FOR UPDATE", [order.id])
        env = self._second_transaction()
        second = env["property.work.order"].browse(order.id)
        for attempt in (
            lambda: second.action_collect_fee("cash"),
            second.action_create_invoice,
            second.action_create_prepayment,
        ):
            with self.assertRaises(LockNotAvailable), env.cr.savepoint():
                attempt()
        env.invalidate_all()
        self.assertFalse(second.invoice_move_id)
        self.assertFalse(second.fee_payment_id)
