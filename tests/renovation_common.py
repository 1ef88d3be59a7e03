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
