"""Fees (SPEC §10) as the shared access tests need them (test_system_fields, test_action_callers,
test_rpc_matrix): records of one estate, made as the superuser."""

from datetime import date

from odoo import Command

from ..common import fresh_record

PERIOD = date(2026, 10, 1)
REASON = "Parking space closed for repairs"


def fee_item(env, estate, kind="fixed", **vals):
    product = env["product.product"].create(
        {"name": f"Fee {kind}", "type": "service", "taxes_id": [Command.clear()]}
    )
    defaults = {"fixed": {"fixed_amount": 150.0}, "metered": {"price": 4.0}}[kind]
    return env["property.fee.item"].create(
        {
            "name": f"Fee {kind}",
            "kind": kind,
            "estate_id": estate.id,
            "product_id": product.id,
            **defaults,
            **vals,
        }
    )


def meter(env, unit):
    item = fee_item(env, unit.estate_id, "metered")
    return env["property.meter"].create(
        {"serial": f"FX-{unit.id}-{item.id}", "unit_id": unit.id, "item_id": item.id}
    )


def reading(env, unit):
    return env["property.meter.reading"].create(
        {"meter_id": meter(env, unit).id, "period": PERIOD, "value": 100}
    )


def fee_run(env, unit, period=PERIOD):
    """A draft run of the unit's estate, with the unit's charge item to bill."""
    item = fee_item(env, unit.estate_id)
    env["property.fee.unit.item"].create(
        {
            "unit_id": unit.id,
            "item_id": item.id,
            "date_start": date(2026, 1, 1),
            "payer_id": unit.owner_id.id,
        }
    )
    run = env["property.fee.run"].search(
        [("estate_id", "=", unit.estate_id.id), ("period_start", "=", period)]
    )
    return run or env["property.fee.run"].create(
        {"estate_id": unit.estate_id.id, "period_start": period}
    )


def fee_bill(env, unit, period=PERIOD):
    run = fee_run(env, unit, period)
    run.sudo().action_start()
    run._cron_bill()
    return run.move_ids.filtered(lambda move: move.property_unit_id == unit)[-1:]


def waiver(env, unit, period=PERIOD):
    bill = fee_bill(env, unit, period)
    item = bill.invoice_line_ids.property_fee_item_id[:1]
    return env["property.fee.waiver"].sudo()._request(bill, item, 10.0, REASON).with_env(env)


def payment(env, unit, amount=100.0):
    """A payment collected at the desk for the unit (the superuser as cashier)."""
    return unit._property_collect(unit.owner_id, amount, "cash")


def daily_close(env, estate):
    return env["property.fee.daily.close"].create({"estate_id": estate.id})


def reminder(env, unit):
    bill = fee_bill(env, unit)
    return env["property.fee.reminder"].create(
        {
            "move_id": bill.id,
            "step": 1,
            "estate_id": unit.estate_id.id,
            "unit_id": unit.id,
            "partner_id": bill.partner_id.id,
            "amount_due": bill.amount_residual,
        }
    )


def contact_log(env, unit):
    return env["property.fee.contact.log"].create(
        {"unit_id": unit.id, "outcome": "Promised to pay on Friday"}
    )


# test_system_fields (a GuardCase: estate A, unit A owned by owner A) -----------------------
RECORDS = {
    "property.meter.reading": lambda case: reading(case.env, case.unit_a),
    "property.fee.run": lambda case: fee_run(case.env, case.unit_a),
    "property.fee.waiver": lambda case: waiver(case.env, case.unit_a),
    "account.move.line": lambda case: fee_bill(case.env, case.unit_a).invoice_line_ids[:1],
    "account.payment": lambda case: payment(case.env, case.unit_a),
    "property.fee.daily.close": lambda case: daily_close(case.env, case.estate_a),
    "property.fee.reminder": lambda case: reminder(case.env, case.unit_a),
    "property.fee.contact.log": lambda case: contact_log(case.env, case.unit_a),
}
CREATION_VALUES = {
    "property.meter.reading": lambda case: {
        "meter_id": meter(case.env, case.unit_a).id,
        "value": 5,
    },
    "property.fee.run": lambda case: {
        "estate_id": case.estate_a.id,
        "period_start": "2027-01-01",
    },
    "property.fee.waiver": lambda case: {},
    "account.move.line": lambda case: {
        "move_id": case.invoice().id,
        "name": "Adjustment",
        "price_unit": 1.0,
    },
    "account.payment": lambda case: {
        "payment_type": "inbound",
        "partner_type": "customer",
        "partner_id": case.owner_a.id,
        "amount": 10.0,
    },
    "property.fee.daily.close": lambda case: {"estate_id": case.estate_a.id},
    "property.fee.reminder": lambda case: {"move_id": case.invoice().id},
    "property.fee.contact.log": lambda case: {
        "unit_id": case.unit_a.id,
        "outcome": "Promised to pay on Friday",
    },
}
EDITORS = {
    "property.meter.reading": "technician",
    "property.fee.run": "accountant",
    "property.fee.waiver": "accountant",
    "account.move.line": "accountant",
    "account.payment": "accountant",
    "property.fee.daily.close": "agent",
    "property.fee.reminder": "accountant",
    "property.fee.contact.log": "agent",
}


def action_cases(case):
    """test_action_callers: (model, method) -> (fixture(role) -> (record, watched), call)."""

    def waiver_wizard(_role):
        bill = fee_bill(case.env, case.unit_a)
        vals = {
            "move_id": bill.id,
            "item_id": bill.invoice_line_ids.property_fee_item_id[:1].id,
            "amount": 10.0,
            "reason": REASON,
        }
        return case.env["property.fee.waiver.wizard"].with_context(wizard_vals=vals), bill

    return {
        ("property.fee.run", "action_start"): (
            fresh_record(lambda: fee_run(case.env, case.unit_a)),
            lambda r: r.action_start(),
        ),
        ("property.fee.waiver", "action_approve"): (
            fresh_record(lambda: waiver(case.env, case.unit_a)),
            lambda r: r.action_approve(),
        ),
        ("property.fee.waiver", "action_refuse"): (
            fresh_record(lambda: waiver(case.env, case.unit_a)),
            lambda r: r.action_refuse(),
        ),
        ("property.fee.waiver.wizard", "action_confirm"): (
            waiver_wizard,
            lambda wiz: wiz.create(wiz.env.context["wizard_vals"]).action_confirm(),
        ),
        ("property.meter", "action_new_reading"): (
            fresh_record(lambda: meter(case.env, case.unit_a)),
            lambda r: r.action_new_reading(),
        ),
    }


def rpc_actions(cls):
    """test_rpc_matrix: the records each method is called on (3栋502 of the demo estate), and the
    system fields' targets."""
    env, unit = cls.env, cls.unit
    run = fee_run(env, unit, date(2026, 9, 1))
    bill = fee_bill(env, unit)
    to_decide = waiver(env, unit)
    cls.actions.update(
        {
            ("property.fee.run", "action_start"): (run, []),
            ("property.fee.waiver", "action_approve"): (to_decide, []),
            ("property.fee.waiver", "action_refuse"): (to_decide, []),
            ("property.fee.waiver.wizard", "action_confirm"): (
                "wizard",
                {
                    "move_id": bill.id,
                    "item_id": bill.invoice_line_ids.property_fee_item_id[:1].id,
                    "amount": 5.0,
                    "reason": REASON,
                },
            ),
            ("property.meter", "action_new_reading"): (meter(env, unit), []),
        }
    )
    cls.system_targets.update(
        {
            "property.meter.reading": reading(env, unit),
            "property.fee.run": run,
            "property.fee.waiver": to_decide,
            "account.move.line": bill.invoice_line_ids[:1],
            "account.payment": payment(env, unit),
            "property.fee.daily.close": daily_close(env, unit.estate_id),
            "property.fee.reminder": reminder(env, unit),
            "property.fee.contact.log": contact_log(env, unit),
        }
    )
