"""Vacant-unit inspections, owner archives, daily contact, lending and the business centre as the
shared access tests need them (test_system_fields, test_action_callers): records of estate A of a
GuardCase, made as the superuser."""

from datetime import date

from .common import fresh_record

COPY = "property_service_desk.product_convenience_copy"
# A vacant unit's inspection with every check found in order.
INSPECTION_ALL_OK = dict.fromkeys(
    (
        "doors_windows_result",
        "water_result",
        "power_result",
        "gas_result",
        "leaks_result",
        "damage_result",
    ),
    "ok",
)


def vacant_inspection(case):
    case.unit_a2.write({"is_vacant": True, "owner_id": case.owner_a.id})
    return case.env["property.vacant.inspection"].create(
        {"unit_id": case.unit_a2.id, "period": date(2026, 11, 1)}
    )


def filled_inspection(case):
    inspection = vacant_inspection(case)
    inspection.write(INSPECTION_ALL_OK)
    return inspection


def lending_item(case):
    return case.env["property.lending.item"].create(
        {"name": "Umbrella", "kind": "umbrella", "estate_id": case.estate_a.id, "quantity": 5}
    )


def lending(case):
    return case.env["property.lending"].create(
        {"item_id": lending_item(case).id, "partner_id": case.owner_a.id, "unit_id": case.unit_a.id}
    )


def convenience_service(case):
    return case.env["property.convenience.service"].create(
        {
            "unit_id": case.unit_a.id,
            "partner_id": case.owner_a.id,
            "product_id": case.env.ref(COPY).id,
            "quantity": 4,
        }
    )


def paid_service(case):
    service = convenience_service(case)
    service.action_charge()
    return service


def suggestion_box(case):
    box = case.env["property.suggestion.box"].search(
        [("estate_id", "=", case.estate_a.id), ("date", "=", date(2026, 11, 23))]
    )
    return box or case.env["property.suggestion.box"].create(
        {"estate_id": case.estate_a.id, "date": date(2026, 11, 23)}
    )


def suggestion_item(case):
    return case.env["property.suggestion.item"].create(
        {"box_id": suggestion_box(case).id, "content": "Add a bench", "unit_id": case.unit_a.id}
    )


def visit(case):
    return case.env["property.customer.visit"].create(
        {
            "manager_id": case.users["business_manager"].id,
            "unit_id": case.unit_a.id,
            "topics": "Parking",
            "visit_date": date(2026, 11, 20),
            "opinion_ids": [(0, 0, {"content": "More lights in the car park"})],
        }
    )


# test_system_fields: a record of each model in the middle of its life, and what a caller may
# send to create one.
RECORDS = {
    "property.vacant.inspection": vacant_inspection,
    "property.lending": lending,
    "property.convenience.service": convenience_service,
    "property.suggestion.box": suggestion_box,
    "property.suggestion.item": suggestion_item,
    "property.customer.visit": visit,
    "property.customer.visit.opinion": lambda case: visit(case).opinion_ids,
    "property.unit": lambda case: case.unit_a,
    "property.estate": lambda case: case.estate_a,
}
CREATION_VALUES = {
    "property.vacant.inspection": lambda case: {
        "unit_id": case.unit_a2.id,
        "period": "2026-10-01",
    },
    "property.lending": lambda case: {
        "item_id": lending_item(case).id,
        "partner_id": case.owner_a.id,
    },
    "property.convenience.service": lambda case: {
        "estate_id": case.estate_a.id,
        "partner_id": case.owner_a.id,
        "product_id": case.env.ref(COPY).id,
    },
    "property.suggestion.box": lambda case: {
        "estate_id": case.estate_a.id,
        "date": "2026-11-24",
    },
    "property.suggestion.item": lambda case: {
        "box_id": suggestion_box(case).id,
        "content": "Add a bench",
    },
    "property.customer.visit": lambda case: {
        "unit_id": case.unit_a.id,
        "topics": "Fees",
        "visit_date": "2026-11-20 02:00:00",
    },
    "property.customer.visit.opinion": lambda case: {
        "visit_id": visit(case).id,
        "content": "Noisy lift",
    },
    "property.unit": lambda case: {"name": "9901", "building_id": case.building_a.id},
    "property.estate": lambda case: {"name": "New Estate", "code": "NEWE"},
}
EDITORS = {
    **dict.fromkeys(RECORDS, "agent"),
    "property.customer.visit": "business_manager",
    "property.customer.visit.opinion": "business_manager",
    "property.estate": "administrator",
}


def action_cases(case):
    """test_action_callers: (model, method) -> (fixture(role) -> (record, watched), call)."""

    def of_a_customer(build):
        # A technician reads only the people of the orders dispatched to it (personal data):
        # it tries on an owner it has an open order for.
        def fixture(role):
            if role == "technician":
                case.work_order(state="dispatched")
            record = build()
            return record, record

        return fixture

    def own_visit(role):
        # A visit is recorded in its author's name: each role tries on a visit of its own.
        record = visit(case)
        record.sudo().manager_id = case.users[role]
        return record, record

    V, U, E = "property.vacant.inspection", "property.unit", "property.estate"
    return {
        (V, "action_done"): (
            fresh_record(lambda: filled_inspection(case)),
            lambda r: r.action_done(),
        ),
        (V, "action_print"): (
            fresh_record(lambda: vacant_inspection(case)),
            lambda r: r.action_print(),
        ),
        ("property.lending", "action_return"): (
            fresh_record(lambda: lending(case)),
            lambda r: r.action_return(),
        ),
        ("property.convenience.service", "action_charge"): (
            fresh_record(lambda: convenience_service(case)),
            lambda r: r.action_charge(),
        ),
        ("property.convenience.service", "action_print_receipt"): (
            fresh_record(lambda: paid_service(case)),
            lambda r: r.action_print_receipt(),
        ),
        ("property.suggestion.box", "action_open_box"): (
            fresh_record(lambda: suggestion_item(case).box_id),
            lambda r: r.action_open_box(),
        ),
        ("property.customer.visit", "action_done"): (own_visit, lambda r: r.action_done()),
        ("property.owner.archive", "action_print_archive"): (
            of_a_customer(lambda: case.env["property.owner.archive"].browse(case.owner_a.id)),
            lambda r: r.action_print_archive(),
        ),
        (U, "action_view_vacant_inspections"): (
            fresh_record(lambda: case.unit_a),
            lambda r: r.action_view_vacant_inspections(),
        ),
        (U, "action_open_archive"): (
            fresh_record(lambda: case.unit_a),
            lambda r: r.action_open_archive(),
        ),
        (U, "action_print_archive"): (
            fresh_record(lambda: case.unit_a),
            lambda r: r.action_print_archive(),
        ),
        (E, "action_view_overdue_vacant_inspections"): (
            fresh_record(lambda: case.estate_a),
            lambda r: r.action_view_overdue_vacant_inspections(),
        ),
        ("res.partner", "action_open_owner_archive"): (
            of_a_customer(lambda: case.owner_a),
            lambda r: r.action_open_owner_archive(),
        ),
    }
