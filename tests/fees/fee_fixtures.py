"""Fees (SPEC §10) as the shared access tests need them (test_system_fields, test_action_callers,
test_rpc_matrix): records of one estate, made as the superuser."""

from datetime import date

from odoo import Command

from ..common import fresh_record

PERIOD = date(2026, 10, 1)
REASON = "Parking space closed for repairs"
# A day no demo cashier worked: the roles' own days to close.
CLOSED_DAY = date(2020, 1, 2)


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


def daily_close(env, estate, cashier=None, day=None):
    vals = {"estate_id": estate.id}
    if cashier:  # a cashier's own day (the cashier or an accountant closes it)
        vals.update(cashier_id=cashier.id, date=day or CLOSED_DAY)
    return env["property.fee.daily.close"].create(vals)


def collect_values(unit, amount=10.0, method="cash"):
    """What the desk enters in the Collect window."""
    return {"unit_id": unit.id, "partner_id": unit.owner_id.id, "amount": amount, "method": method}


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

    def collect_wizard(_role):
        wizard = case.env["property.fee.collect.wizard"]
        return wizard.with_context(wizard_vals=collect_values(case.unit_a)), case.env[
            "account.payment"
        ]

    def own_close(role):
        close = daily_close(case.env, case.estate_a, case.users[role])
        return close, close

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
        # Collection: the payments made are watched (a refused call makes none).
        ("property.fee.collect.wizard", "action_collect"): (
            collect_wizard,
            lambda wiz: wiz.create(wiz.env.context["wizard_vals"]).action_collect(),
        ),
        ("property.unit", "action_property_collect"): (
            lambda _role: (case.unit_a, case.env["account.payment"]),
            lambda r: r.action_property_collect(),
        ),
        ("property.unit", "action_property_print_ledger"): (
            fresh_record(lambda: case.unit_a),
            lambda r: r.action_property_print_ledger(),
        ),
        ("account.move", "action_property_collect"): (
            fresh_record(lambda: fee_bill(case.env, case.unit_a)),
            lambda r: r.action_property_collect(),
        ),
        ("account.payment", "action_property_print_receipt"): (
            fresh_record(lambda: payment(case.env, case.unit_a)),
            lambda r: r.action_property_print_receipt(),
        ),
        ("property.fee.daily.close", "action_close"): (
            own_close,
            lambda r: r.action_close(),
        ),
        ("property.fee.daily.close", "action_print"): (
            own_close,
            lambda r: r.action_print(),
        ),
        ("property.fee.reminder", "action_print"): (
            fresh_record(lambda: reminder(case.env, case.unit_a)),
            lambda r: r.action_print(),
        ),
    }


def rpc_actions(cls):
    """test_rpc_matrix: the records each method is called on (3栋502 of the demo estate), and the
    system fields' targets."""
    env, unit = cls.env, cls.unit
    run = fee_run(env, unit, date(2026, 9, 1))
    bill = fee_bill(env, unit)
    to_decide = waiver(env, unit)
    close = daily_close(env, unit.estate_id)
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
            ("property.fee.collect.wizard", "action_collect"): ("wizard", collect_values(unit)),
            ("property.unit", "action_property_collect"): (unit, []),
            ("property.unit", "action_property_print_ledger"): (unit, []),
            ("account.move", "action_property_collect"): (bill, []),
            ("account.payment", "action_property_print_receipt"): (payment(env, unit), []),
            ("property.fee.daily.close", "action_close"): (close, []),
            ("property.fee.daily.close", "action_print"): (close, []),
            ("property.fee.reminder", "action_print"): (reminder(env, unit), []),
        }
    )
    # A cashier closes the day of its own (or the accountant anyone's): each role its own day.
    for role, user in cls.users.items():
        cls.actions_of_role[(role, "property.fee.daily.close", "action_close")] = (
            daily_close(env, unit.estate_id, user),
            [],
        )
    cls.system_targets.update(
        {
            "property.meter.reading": reading(env, unit),
            "property.fee.run": run,
            "property.fee.waiver": to_decide,
            "account.move.line": bill.invoice_line_ids[:1],
            "account.payment": payment(env, unit),
            "property.fee.daily.close": close,
            "property.fee.reminder": reminder(env, unit),
            "property.fee.contact.log": contact_log(env, unit),
        }
    )


# test_rpc_matrix: the fee records read, written and created in each estate and company ---------
CRUD_VALUES = {"property.meter.reading": {"write": {"value": 150}}}


def rpc_records(cls):
    """The fee records of 3栋502 (mine), of an owned unit of the other estate and of the other
    company's unit, for the matrix's reads and writes; and a meter of each to read anew."""
    other = cls.env["property.unit"].search(
        [("estate_id", "=", cls.other_estate.id), ("owner_id", "!=", False)], limit=1
    )
    cls.fee_units = {"mine": cls.unit, "other_estate": other, "other_company": cls.unit2}
    cls.fee_meters = {}
    for target, unit in cls.fee_units.items():
        env = cls.env
        cls._set("property.meter.reading", target, reading(env, unit))
        cls._set("property.fee.run", target, fee_run(env, unit, date(2026, 8, 1)))
        cls._set("property.fee.contact.log", target, contact_log(env, unit))
        cls._set(
            "property.fee.daily.close",
            target,
            daily_close(env, unit.estate_id, env.ref("base.user_admin"), date(2020, 1, 3)),
        )
        cls.fee_meters[target] = meter(env, unit)


def create_values(case, target):
    """test_rpc_matrix: what a role sends to create each fee record in the target's estate."""
    unit = case.fee_units.get(target, case.unit)
    return {
        "property.meter.reading": lambda: {"meter_id": case.fee_meters[target].id, "value": 5},
        "property.fee.daily.close": lambda: {"estate_id": unit.estate_id.id},
        "property.fee.contact.log": lambda: {
            "unit_id": unit.id,
            "outcome": "Promised to pay on Friday",
        },
    }
