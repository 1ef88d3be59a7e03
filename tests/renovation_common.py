"""Renovations driven to any state of their life, for the renovation tests and the shared access
tests (as superuser: the fixtures are not what is tested)."""

import base64
from datetime import date, timedelta

from odoo import Command

PNG = base64.b64encode(
    base64.b64decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
    )
)
ID_NUMBERS = ("330102197805123016", "330104198811203533", "33010819900708251X")
STEPS = (
    "draft",
    "submitted",
    "reviewed",
    "approved",
    "invoiced",
    "paid",
    "permitted",
    "completed",
    "accepted",
    "refunded",
)


def photo(env):
    return env["ir.attachment"].create(
        {"name": "photo.png", "datas": PNG, "res_model": "property.renovation.inspection"}
    )


def renovation_values(env, unit, partner=None, start=None, **vals):
    start = start or date(2026, 11, 23)
    plan = env["ir.attachment"].create(
        {"name": "plan.png", "datas": PNG, "res_model": "property.renovation"}
    )
    return {
        "unit_id": unit.id,
        "partner_id": (partner or unit.owner_id).id,
        "scope": "Retile the bathroom, new kitchen",
        "contractor_name": "Hangzhou Jumei Decoration",
        "contractor_licence": "91330100MA2H3K7X1Q",
        "contractor_manager": "Zhou Jianguo",
        "contractor_phone": "13905710001",
        "start_date": start,
        "end_date": start + timedelta(days=30),
        "plan_attachment_ids": [Command.set(plan.ids)],
        "worker_ids": [Command.create({"name": "Qian Xiaowei", "id_number": ID_NUMBERS[0]})],
        **vals,
    }


def pay(env, moves):
    for move in moves:
        env["account.payment.register"].with_context(
            active_model="account.move", active_ids=move.ids
        ).create({})._create_payments()


def make_renovation(env, unit, state="draft", partner=None, **vals):
    """A renovation of `unit` brought to `state` (one of STEPS) the way the staff would."""
    renovation = env["property.renovation"].create(renovation_values(env, unit, partner, **vals))
    steps = {
        "submitted": renovation.action_submit,
        "reviewed": renovation.action_review_pass,
        "approved": renovation.action_approve,
        "invoiced": renovation.action_invoice_fees,
        "paid": lambda: pay(env, renovation.deposit_move_id | renovation.fee_move_id),
        "permitted": renovation.action_issue_permit,
        "completed": renovation.action_complete,
        "accepted": renovation.action_accept,
        "refunded": renovation.action_refund_deposit,
    }
    for step in STEPS[1 : STEPS.index(state) + 1]:
        steps[step]()
    return renovation


def violation(env, renovation, stop_works=False):
    """A done inspection that found a violation: its rectification notice is open."""
    inspection = env["property.renovation.inspection"].create(
        {
            "renovation_id": renovation.id,
            "result": "violation",
            "findings": "Tiles cut in the common corridor",
            "required_action": "Stop cutting in the corridor, clean it today",
            "stop_works": stop_works,
            "photo_ids": [Command.set(photo(env).ids)],
        }
    )
    inspection.action_done()
    return inspection


def renovation_action_cases(env, unit, record):
    """(model, method) -> (fixture, call) of the renovation's public methods, for the shared
    test of who may call each method (tests/test_action_callers.py)."""

    def renovation(state):
        return record(lambda role: make_renovation(env, unit, state))

    def child(make):
        return record(lambda role: make())

    def planned():
        works = make_renovation(env, unit, "permitted")
        return env["property.renovation.inspection"].create(
            {"renovation_id": works.id, "result": "compliant"}
        )

    def deduction():
        accepted = make_renovation(env, unit, "accepted")
        return env["property.renovation.deduction"].create(
            {"renovation_id": accepted.id, "amount": 100, "reason": "Lift scratched"}
        )

    def extension():
        works = make_renovation(env, unit, "permitted")
        return env["property.renovation.extension"].create(
            {
                "renovation_id": works.id,
                "new_end_date": works.permit_end_date + timedelta(days=10),
                "reason": "Tiles late",
            }
        )

    def notice():
        return violation(env, make_renovation(env, unit, "permitted")).notice_id

    R = "property.renovation"
    return {
        (R, "action_submit"): (renovation("draft"), lambda r: r.action_submit()),
        (R, "action_review_pass"): (renovation("submitted"), lambda r: r.action_review_pass()),
        (R, "action_review_refuse"): (
            renovation("submitted"),
            lambda r: r.action_review_refuse("Load-bearing wall"),
        ),
        (R, "action_approve"): (renovation("reviewed"), lambda r: r.action_approve()),
        (R, "action_cancel"): (renovation("reviewed"), lambda r: r.action_cancel("Withdrawn")),
        (R, "action_invoice_fees"): (renovation("approved"), lambda r: r.action_invoice_fees()),
        (R, "action_issue_permit"): (renovation("paid"), lambda r: r.action_issue_permit()),
        (R, "action_issue_passes"): (renovation("permitted"), lambda r: r.action_issue_passes()),
        (R, "action_print_permit"): (renovation("permitted"), lambda r: r.action_print_permit()),
        (R, "action_complete"): (renovation("permitted"), lambda r: r.action_complete()),
        (R, "action_accept"): (renovation("completed"), lambda r: r.action_accept()),
        (R, "action_refund_deposit"): (
            renovation("accepted"),
            lambda r: r.action_refund_deposit(),
        ),
        ("property.renovation.inspection", "action_done"): (
            child(planned),
            lambda r: r.action_done(),
        ),
        ("property.renovation.notice", "action_verify_rectified"): (
            child(notice),
            lambda r: r.action_verify_rectified(),
        ),
        ("property.renovation.notice", "action_print"): (child(notice), lambda r: r.action_print()),
        ("property.renovation.deduction", "action_approve"): (
            child(deduction),
            lambda r: r.action_approve(),
        ),
        ("property.renovation.extension", "action_approve"): (
            child(extension),
            lambda r: r.action_approve(),
        ),
        ("property.renovation.extension", "action_refuse"): (
            child(extension),
            lambda r: r.action_refuse(),
        ),
    }


# The role that edits each renovation model otherwise (tests/test_system_fields.py).
RENOVATION_EDITORS = {
    "property.renovation": "agent",
    "property.renovation.worker": "agent",
    "property.renovation.inspection": "technician",
    "property.renovation.notice": "technician",
    "property.renovation.deduction": "agent",
    "property.renovation.extension": "agent",
}


def renovation_records(env, unit):
    """model -> () -> a record in the middle of its life, for tests/test_system_fields.py."""

    def works():
        return make_renovation(env, unit, "permitted")

    return {
        "property.renovation": lambda: make_renovation(env, unit, "submitted"),
        "property.renovation.worker": lambda: make_renovation(env, unit).worker_ids,
        "property.renovation.inspection": lambda: env["property.renovation.inspection"].create(
            {"renovation_id": works().id}
        ),
        "property.renovation.notice": lambda: violation(env, works()).notice_id,
        "property.renovation.deduction": lambda: env["property.renovation.deduction"].create(
            {"renovation_id": works().id, "amount": 10, "reason": "Scratch"}
        ),
        "property.renovation.extension": lambda: env["property.renovation.extension"].create(
            {"renovation_id": works().id, "new_end_date": date(2027, 3, 1), "reason": "Late"}
        ),
    }


def renovation_creation_values(env, unit):
    """model -> () -> what a caller may legitimately send to create a record of it."""

    def works():
        return make_renovation(env, unit, "permitted")

    return {
        "property.renovation": lambda: {
            "unit_id": unit.id,
            "partner_id": unit.owner_id.id,
            "scope": "Kitchen",
        },
        "property.renovation.worker": lambda: {
            "renovation_id": make_renovation(env, unit).id,
            "name": "Wu Hai",
            "id_number": ID_NUMBERS[2],
        },
        "property.renovation.inspection": lambda: {"renovation_id": works().id},
        "property.renovation.notice": lambda: {
            "renovation_id": works().id,
            "violation": "Noise",
            "required_action": "Stop",
        },
        "property.renovation.deduction": lambda: {
            "renovation_id": works().id,
            "amount": 10,
            "reason": "Scratch",
        },
        "property.renovation.extension": lambda: {
            "renovation_id": works().id,
            "new_end_date": date(2027, 3, 1),
            "reason": "Late",
        },
    }
