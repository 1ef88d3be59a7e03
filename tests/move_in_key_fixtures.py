"""Move-in files and keys as the shared access tests need them (test_system_fields,
test_action_callers): records of estate A of a GuardCase, made as the superuser."""

import base64
from datetime import date

from .callbacks.test_callback import SIGNATURE
from .common import fresh_record

SCAN = base64.b64encode(b"%PDF-1.4 key authorisation")


def fee_product(case):
    category = case.env.ref("property_service_desk.product_category_move_in_fee")
    product = case.env["product.product"].search([("categ_id", "=", category.id)], limit=1)
    return product or case.env["product.product"].create(
        {"name": "Move-in fee", "type": "service", "categ_id": category.id, "list_price": 100}
    )


def move_in(case, state="open", documents=True):
    """An open file of unit A2 with its fees, checklist and a household member, or one further
    on: "invoiced", "inspected", "ready" (every step done), "done"."""
    fee_product(case)
    env = case.env
    partner = env["res.partner"].create({"name": "钱伟", "email": "qw@example.com"})
    record = env["property.move.in"].create(
        {
            "unit_id": case.unit_a2.id,
            "partner_id": partner.id,
            "id_document_type": "id_card",
            "id_document_number": "330106198805120031" if documents else False,
            "purchase_document_type": "sales_contract",
            "member_ids": [(0, 0, {"name": "孙丽", "relation": "spouse"})],
        }
    )
    if state in ("invoiced", "ready", "done"):
        record.action_create_invoice()
    if state in ("inspected", "ready", "done"):
        record.line_ids.write({"result": "ok"})
        record.action_finish_inspection()
    if state in ("ready", "done"):
        env["account.payment.register"].with_context(
            active_model="account.move", active_ids=record.invoice_move_id.ids
        ).create({})._create_payments()
        record.action_check_documents()
        record.write(
            {
                "meters_read": True,
                "key_unit_door_count": 2,
                "owner_signature": SIGNATURE,
                "agent_signature": SIGNATURE,
                "member_ids": [
                    (
                        0,
                        0,
                        {"name": "钱伟", "relation": "owner", "mobile": "139", "is_contact": True},
                    )
                ],
            }
        )
    if state == "done":
        record.action_complete()
    return record


def authorisation(case, **vals):
    return case.env["property.key.authorisation"].create(
        {
            "unit_id": case.unit_a.id,
            "document": SCAN,
            "keys_description": "Unit door",
            "key_count": 2,
            "valid_from": date(2026, 1, 1),
            "valid_until": date(2026, 12, 31),
            "contact_name": "王芳",
            "contact_phone": "188",
            **vals,
        }
    )


def key_set(case):
    return case.env["property.key.set"].create(
        {
            "unit_id": case.unit_a.id,
            "authorisation_id": authorisation(case).id,
            "keys_description": "Unit door",
            "seal_number": "FT-9",
            "storage_location": "K1-01",
        }
    )


def key_log(case, back=False):
    log = case.env["property.key.log"].create(
        {
            "key_set_id": key_set(case).id,
            "purpose": "repair",
            "reason": "Angle valve",
            "taken_by_id": case.users["technician"].id,
            "authorised_by_id": case.users["engineering_lead"].id,
        }
    )
    if back:
        log.action_return()
    return log


# test_system_fields: a record of each model in the middle of its life, and what a caller may
# send to create one.
RECORDS = {
    "property.move.in": lambda case: move_in(case),
    "property.move.in.line": lambda case: move_in(case).line_ids[:1],
    "property.move.in.fee": lambda case: move_in(case).fee_line_ids[:1],
    "property.move.in.member": lambda case: move_in(case).member_ids[:1],
    "property.key.authorisation": authorisation,
    "property.key.set": key_set,
    "property.key.log": key_log,
}
CREATION_VALUES = {
    "property.move.in": lambda case: {"unit_id": case.unit_a2.id, "partner_id": case.owner_b.id},
    "property.move.in.line": lambda case: {
        "move_in_id": move_in(case).id,
        "room": "Hall",
        "item": "Lamp",
    },
    "property.move.in.fee": lambda case: {
        "move_in_id": move_in(case).id,
        "product_id": fee_product(case).id,
    },
    "property.move.in.member": lambda case: {"move_in_id": move_in(case).id, "name": "孙丽"},
    "property.key.authorisation": lambda case: {
        "unit_id": case.unit_a.id,
        "document": SCAN,
        "keys_description": "Unit door",
        "valid_until": "2026-12-31",
        "contact_name": "王芳",
        "contact_phone": "188",
    },
    "property.key.set": lambda case: {
        "unit_id": case.unit_a.id,
        "authorisation_id": authorisation(case).id,
        "keys_description": "Unit door",
        "seal_number": "FT-9",
        "storage_location": "K1-01",
    },
    "property.key.log": lambda case: {
        "key_set_id": key_set(case).id,
        "reason": "Angle valve",
        "authorised_by_id": case.users["engineering_lead"].id,
    },
}
EDITORS = dict.fromkeys(RECORDS, "agent")


def action_cases(case):
    """test_action_callers: (model, method) -> (fixture(role) -> (record, watched), call)."""

    def wizard(name, values):
        """The role opens the wizard (creates it) and confirms it; the record behind is watched."""

        def fixture(_role):
            vals, watched = values()
            return case.env[name].with_context(wizard_vals=vals), watched

        return fixture

    def confirm(wiz):
        return wiz.create(wiz.env.context["wizard_vals"]).action_confirm()

    M, A, S, L = (
        "property.move.in",
        "property.key.authorisation",
        "property.key.set",
        "property.key.log",
    )
    return {
        (M, "action_check_documents"): (
            fresh_record(lambda: move_in(case)),
            lambda r: r.action_check_documents(),
        ),
        (M, "action_create_invoice"): (
            fresh_record(lambda: move_in(case)),
            lambda r: r.action_create_invoice(),
        ),
        (M, "action_view_invoice"): (
            fresh_record(lambda: move_in(case, "invoiced")),
            lambda r: r.action_view_invoice(),
        ),
        (M, "action_finish_inspection"): (
            fresh_record(lambda: inspectable(case)),
            lambda r: r.action_finish_inspection(),
        ),
        (M, "action_view_repairs"): (
            fresh_record(lambda: move_in(case)),
            lambda r: r.action_view_repairs(),
        ),
        (M, "action_complete"): (
            fresh_record(lambda: move_in(case, "ready")),
            lambda r: r.action_complete(),
        ),
        (M, "action_cancel"): (
            fresh_record(lambda: move_in(case)),
            lambda r: r.action_cancel("Sale off"),
        ),
        (A, "action_revoke"): (
            fresh_record(lambda: authorisation(case)),
            lambda r: r.action_revoke("Owner took the keys back"),
        ),
        (S, "action_hand_out"): (
            fresh_record(lambda: key_set(case)),
            lambda r: r.action_hand_out(),
        ),
        (L, "action_return"): (fresh_record(lambda: key_log(case)), lambda r: r.action_return()),
        ("property.move.in.cancel.wizard", "action_confirm"): (
            wizard(
                "property.move.in.cancel.wizard",
                lambda: (lambda r: ({"move_in_id": r.id, "reason": "Sale off"}, r))(move_in(case)),
            ),
            confirm,
        ),
        ("property.key.revoke.wizard", "action_confirm"): (
            wizard(
                "property.key.revoke.wizard",
                lambda: (lambda r: ({"authorisation_id": r.id, "reason": "Taken back"}, r))(
                    authorisation(case)
                ),
            ),
            confirm,
        ),
    }


def inspectable(case):
    """An open file whose items are all checked, ready to finish the inspection."""
    record = move_in(case)
    record.line_ids.write({"result": "ok"})
    return record
