"""After the load (bench/load.sh): nothing the server acknowledged is lost, nothing is twice.

Reads the ledger the Locust users wrote (what the server answered with success) and the database:
- every registered request exists exactly once;
- (ours) no request of the load has two live promises of one kind, and every open one has its
  promises; no request has two callbacks of one round, and every callback answered is done;
  no work order has two invoices, and every one invoiced has its invoice; no complaint history
  row, activity or message (note, notice, e-mail) of the load is there twice.
Prints `lost <n> duplicated <m>` (and what they are); exit status 1 unless both are 0.
"""

import argparse
import json
import sys

import psycopg2

LOAD_TICKETS = "SELECT id FROM helpdesk_ticket WHERE name LIKE 'LOAD %%' OR name LIKE 'Load %%'"


def count(cr, query, params=None):
    cr.execute(query, params or [])
    return cr.fetchall()


def check_registered(cr, names):
    lost, duplicated = [], []
    rows = dict(
        count(
            cr,
            "SELECT name, count(*) FROM helpdesk_ticket WHERE name = ANY(%s) GROUP BY name",
            [names],
        )
    )
    for name in names:
        found = rows.get(name, 0)
        if found == 0:
            lost.append(f"request {name}")
        elif found > 1:
            duplicated.append(f"request {name} x{found}")
    return lost, duplicated


def check_ours(cr, ledger):
    lost, duplicated = [], []
    for ticket, kind, n in count(
        cr,
        "SELECT ticket_id, kind, count(*) FROM property_promise"
        f" WHERE ticket_id IN ({LOAD_TICKETS}) AND state <> 'cancelled'"
        " GROUP BY 1, 2 HAVING count(*) > 1",
    ):
        duplicated.append(f"promise {kind} of request {ticket} x{n}")
    for (ticket,) in count(
        cr,
        "SELECT t.id FROM helpdesk_ticket t JOIN helpdesk_ticket_stage s ON s.id = t.stage_id"
        " WHERE t.name LIKE 'LOAD %%' AND NOT s.closed AND NOT COALESCE(t.is_declined, FALSE)"
        " AND NOT EXISTS (SELECT 1 FROM property_promise m WHERE m.ticket_id = t.id)",
    ):
        lost.append(f"promises of request {ticket}")
    for promise, ticket in count(
        cr,
        "SELECT m.id, m.ticket_id FROM property_promise m"
        " JOIN property_promise_policy p ON p.id = m.policy_id"
        f" WHERE m.ticket_id IN ({LOAD_TICKETS}) AND m.state = 'breached'"
        " AND NOT m.breach_pending AND p.breach_activity AND NOT EXISTS ("
        " SELECT 1 FROM mail_activity a JOIN ir_model_data d ON d.res_id = a.activity_type_id"
        " AND d.model = 'mail.activity.type' AND d.name = 'mail_activity_type_service_breach'"
        " WHERE a.res_model = 'helpdesk.ticket' AND a.res_id = m.ticket_id)",
    ):
        lost.append(f"breach activity of promise {promise} (request {ticket})")
    for ticket, sequence, n in count(
        cr,
        "SELECT ticket_id, sequence, count(*) FROM property_callback"
        f" WHERE ticket_id IN ({LOAD_TICKETS}) AND state <> 'cancelled'"
        " GROUP BY 1, 2 HAVING count(*) > 1",
    ):
        duplicated.append(f"callback {sequence} of request {ticket} x{n}")
    answered = sorted(set(ledger.get("answered", [])))
    for (callback,) in count(
        cr, "SELECT id FROM property_callback WHERE id = ANY(%s) AND state <> 'done'", [answered]
    ):
        lost.append(f"answer of callback {callback}")
    for order, n in count(
        cr,
        "SELECT property_work_order_id, count(*) FROM account_move"
        " WHERE property_work_order_id IS NOT NULL AND move_type = 'out_invoice'"
        " GROUP BY 1 HAVING count(*) > 1",
    ):
        duplicated.append(f"invoice of work order {order} x{n}")
    invoiced = sorted(set(ledger.get("invoiced", [])))
    for (order,) in count(
        cr,
        "SELECT id FROM property_work_order WHERE id = ANY(%s) AND invoice_move_id IS NULL",
        [invoiced],
    ):
        lost.append(f"invoice of work order {order}")
    for ticket, change, n in count(
        cr,
        "SELECT ticket_id, change, count(*) FROM property_complaint_history"
        f" WHERE ticket_id IN ({LOAD_TICKETS})"
        " GROUP BY ticket_id, change, old_value, new_value, date HAVING count(*) > 1",
    ):
        duplicated.append(f"history {change} of request {ticket} x{n}")
    for ticket, summary, n in count(
        cr,
        "SELECT res_id, summary, count(*) FROM mail_activity"
        f" WHERE res_model = 'helpdesk.ticket' AND res_id IN ({LOAD_TICKETS})"
        " GROUP BY res_id, activity_type_id, summary HAVING count(*) > 1",
    ):
        duplicated.append(f"activity '{summary}' on request {ticket} x{n}")
    for model, record, n in count(
        cr,
        "SELECT model, res_id, count(*) FROM mail_message"
        " WHERE model IN ('helpdesk.ticket', 'property.callback', 'property.work.order')"
        " AND message_type IN ('comment', 'notification') AND body IS NOT NULL"
        " AND body::text <> '' AND create_date > now() - interval '1 day'"
        " GROUP BY model, res_id, body::text, subtype_id, date HAVING count(*) > 1",
    ):
        duplicated.append(f"message on {model} {record} x{n}")
    return lost, duplicated


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dsn", required=True)
    parser.add_argument("--ledger", required=True)
    parser.add_argument("--kind", choices=("ours", "plain"), default="ours")
    args = parser.parse_args()
    with open(args.ledger) as source:
        ledger = json.load(source)
    with psycopg2.connect(args.dsn) as connection, connection.cursor() as cr:
        lost, duplicated = check_registered(cr, ledger.get("registered", []))
        if args.kind == "ours":
            more_lost, more_duplicated = check_ours(cr, ledger)
            lost += more_lost
            duplicated += more_duplicated
    for line in lost:
        print(f"  lost: {line}")
    for line in duplicated:
        print(f"  duplicated: {line}")
    acknowledged = {key: len(values) for key, values in ledger.items()}
    print(f"acknowledged by the server: {acknowledged}")
    print(f"lost {len(lost)} duplicated {len(duplicated)}")
    return 0 if not lost and not duplicated else 1


if __name__ == "__main__":
    sys.exit(main())
