"""Prepare a copy of a demo database for the load test (bench/load.sh).

--kind ours: the scheduled jobs of the addon every minute, dispatched work orders for the demo
technician (paid: the accountant invoices them once done) and callbacks for the demo owner to
answer on the portal. --kind plain (helpdesk_mgmt only): open tickets for the same tasks.
Writes the ids the load users work on to --out (JSON).
"""

import argparse
import json
from datetime import date, timedelta

import odoo
from odoo import SUPERUSER_ID, Command, api

QUIET = {"tracking_disable": True, "mail_create_nolog": True, "no_reset_password": True}
# Every login bench/locustfile.py signs in with, on either side.
LOAD_LOGINS = ("admin", "demo", "portal", "agent", "technician", "accountant", "owner")


def seed_ours(env, orders, callbacks, overdue):
    env.cr.execute(
        "UPDATE ir_cron SET interval_number = 1, interval_type = 'minutes',"
        " nextcall = now() AT TIME ZONE 'UTC'"
        " WHERE active AND id IN (SELECT res_id FROM ir_model_data"
        " WHERE module = 'property_service_desk' AND model = 'ir.cron')"
    )
    users = {
        u.login: u for u in env["res.users"].search([("login", "in", ["owner", "technician"])])
    }
    owner, technician = users["owner"], users["technician"]
    unit = env["property.unit"].search([("owner_id", "=", owner.partner_id.id)], limit=1) or env[
        "property.unit"
    ].search([], limit=1)
    unit.warranty_end_date = date(2020, 1, 1)  # repairs are paid: the accountant invoices them
    product = env["product.product"].create(
        {"name": "Load test repair", "type": "service", "list_price": 80, "taxes_id": []}
    )
    Ticket = env["helpdesk.ticket"]

    def requests(count, name, kind, **vals):
        return Ticket.create(
            [
                {
                    "name": f"{name} {n}",
                    "description": "<p>Load test</p>",
                    "unit_id": unit.id,
                    "partner_id": owner.partner_id.id,
                    "request_kind": kind,
                    **vals,
                }
                for n in range(count)
            ]
        )

    # Received two hours ago: their promises are due, for the scheduled job to act on meanwhile.
    requests(
        overdue,
        "Load overdue",
        "repair",
        received_at=odoo.fields.Datetime.now() - timedelta(hours=2),
    )

    work_orders = env["property.work.order"].create(
        [
            {"ticket_id": ticket.id, "technician_ids": [Command.set(technician.ids)]}
            for ticket in requests(orders, "Load repair", "repair")
        ]
    )
    env["property.work.order.line"].create(
        [{"order_id": order.id, "product_id": product.id, "quantity": 1} for order in work_orders]
    )
    work_orders.write({"charge_override": "paid", "override_reason": "Load test"})
    work_orders._write_system({"state": "dispatched", "dispatched_at": odoo.fields.Datetime.now()})
    callback_requests = requests(callbacks, "Load callback", "basic")
    # The owner sees a request on the portal as one of its followers.
    callback_requests.message_subscribe(partner_ids=owner.partner_id.ids)
    to_call = env["property.callback"].create(
        [
            {"ticket_id": ticket.id, "due_date": date.today(), "method": "phone"}
            for ticket in callback_requests
        ]
    )
    return {
        "work_orders": work_orders.ids,
        "callbacks": [[callback.id, callback.ticket_id.id] for callback in to_call],
        "unit_id": unit.id,
        "partner_id": owner.partner_id.id,
    }


def seed_plain(env, orders, callbacks, overdue):
    # Tickets of a customer, as on the addon's side: the portal user's, who follows them.
    customer = env["res.users"].search([("login", "=", "portal")]).partner_id
    tickets = env["helpdesk.ticket"].create(
        [
            {
                "name": f"Load ticket {n}",
                "description": "<p>Load test</p>",
                "partner_id": customer.id,
            }
            for n in range(orders + callbacks)
        ]
    )
    return {
        "work_orders": tickets[:orders].ids,
        "callbacks": [[ticket.id, ticket.id] for ticket in tickets[orders:]],
        "unit_id": False,
        "partner_id": customer.id,
        # The "technicians" take a ticket in hand, then close it (its customer is told).
        "stages": {
            "on_site": env.ref("helpdesk_mgmt.helpdesk_ticket_stage_in_progress").id,
            "done": env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done").id,
        },
    }


def housekeeping_after_the_run(env):
    """Odoo's daily and weekly housekeeping (autovacuum, old notifications, digests...) is due
    at once in a copy of an old template, on both sides: not what the load measures, and on a
    live server it runs at night. Hourly and minutely jobs (the mail queue, the addon's jobs)
    keep running during the load."""
    env.cr.execute(
        "UPDATE ir_cron SET nextcall = (now() AT TIME ZONE 'UTC') + interval '1 day'"
        " WHERE active AND interval_type IN ('days', 'weeks', 'months')"
        " AND id NOT IN (SELECT res_id FROM ir_model_data"
        " WHERE module = 'property_service_desk' AND model = 'ir.cron')"
    )


def speak_chinese(env, logins):
    """The same people on both sides: the addon's demo users work in Chinese, so do these."""
    if env["res.lang"]._lang_get("zh_CN"):
        env["res.users"].search([("login", "in", logins)]).write({"lang": "zh_CN"})


def settle_first_logins(env, logins):
    """A user's first sign-in creates its settings row; two first sign-ins at once collide on
    Odoo's unique key and one of them fails. Not what the load measures: made beforehand."""
    for user in env["res.users"].search([("login", "in", logins)]):
        env["res.users.settings"]._find_or_create_for_user(user)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--config", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--kind", choices=("ours", "plain"), required=True)
    parser.add_argument("--orders", type=int, default=150)
    parser.add_argument("--callbacks", type=int, default=150)
    parser.add_argument("--overdue", type=int, default=50)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    odoo.tools.config.parse_config(["-c", args.config, "--log-level=warn"])
    with odoo.modules.registry.Registry(args.db).cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, QUIET)
        seed = seed_ours if args.kind == "ours" else seed_plain
        ids = seed(env, args.orders, args.callbacks, args.overdue)
        housekeeping_after_the_run(env)
        speak_chinese(env, LOAD_LOGINS)
        settle_first_logins(env, LOAD_LOGINS)
    with open(args.out, "w") as out:
        json.dump(ids, out)


if __name__ == "__main__":
    main()
