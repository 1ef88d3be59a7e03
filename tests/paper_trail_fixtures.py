"""The director's sign-off and the work contact sheet as the shared access tests need them
(test_system_fields, test_action_callers, test_rpc_matrix): records made as the superuser."""

OPINION = "Handled well; brief the guards."


def signoff(case, estate=None, unit=None):
    """A sign-off to sign, on a complaint of estate A (of the estate of `unit`)."""
    unit = unit or case.unit_a
    complaint = case.env["helpdesk.ticket"].create(
        {
            "name": "Guard was rude",
            "description": "<p>At the gate.</p>",
            "unit_id": unit.id,
            "partner_id": unit.owner_id.id,
            "request_kind": "complaint",
        }
    )
    return case.env["property.director.signoff"].create(
        {"kind": "complaint_sheet", "ticket_id": complaint.id, "opinion": OPINION}
    )


def contact_sheet(case, unit=None):
    """A work contact sheet awaiting the department's reply, with the reply written."""
    unit = unit or case.unit_a
    request = case.env["helpdesk.ticket"].create(
        {"name": "Lift stuck", "description": "<p>Lift 2.</p>", "unit_id": unit.id}
    )
    return case.env["property.contact.sheet"].create(
        {
            "ticket_id": request.id,
            "department": "engineering",
            "content": "Repair lift 2",
            "due_at": "2099-01-01 00:00:00",
            "reply": "Done",
        }
    )


def courtesy_callback(case, unit=None):
    """A courtesy callback of the month to make, its satisfaction recorded."""
    unit = unit or case.unit_a
    return case.env["property.courtesy.callback"].create(
        {
            "estate_id": unit.estate_id.id,
            "month": "2026-11-01",
            "unit_id": unit.id,
            "partner_id": unit.owner_id.id,
            "satisfaction": "4",
        }
    )


RECORDS = {
    "property.director.signoff": signoff,
    "property.contact.sheet": contact_sheet,
    "property.courtesy.callback": courtesy_callback,
}
CREATION_VALUES = {
    "property.director.signoff": lambda case: {
        "kind": "business_report",
        "estate_id": case.estate_a.id,
        "month": "2026-10-01",
        "opinion": OPINION,
    }
}
CREATION_VALUES["property.contact.sheet"] = lambda case: {
    "ticket_id": contact_sheet(case).ticket_id.id,
    "department": "operations",
    "content": "Check the gate",
    "due_at": "2099-01-01 00:00:00",
}
CREATION_VALUES["property.courtesy.callback"] = lambda case: {
    "estate_id": case.estate_a.id,
    "month": "2026-12-01",
    "unit_id": case.unit_a.id,
    "partner_id": case.owner_a.id,
}
EDITORS = {
    "property.director.signoff": "project_manager",
    "property.contact.sheet": "agent",
    "property.courtesy.callback": "agent",
}


def action_cases(case):
    """test_action_callers: (model, method) -> (fixture(role) -> (record, watched), call)."""

    def to_sign(_role):
        # The estate's director is the project manager role; the managers above sign too.
        case.estate_a.project_manager_id = case.users["project_manager"]
        record = signoff(case)
        return record, record

    def complaint(role):
        record = signoff(case).ticket_id
        record.user_id = case.users[role] if "portal" not in role else False
        return record, record

    return {
        ("property.director.signoff", "action_sign"): (to_sign, lambda r: r.action_sign()),
        ("helpdesk.ticket", "action_open_director_signoff"): (
            complaint,
            lambda r: r.action_open_director_signoff(),
        ),
        ("property.contact.sheet", "action_record_reply"): (
            lambda _role: (lambda r: (r, r))(contact_sheet(case)),
            lambda r: r.action_record_reply(),
        ),
        ("property.courtesy.callback", "action_done"): (
            lambda _role: (lambda r: (r, r))(courtesy_callback(case)),
            lambda r: r.action_done(),
        ),
    }


def rpc_actions(cls):
    """test_rpc_matrix: the records each method is called on, and the system fields' target
    (the demo estate's director is the project manager role)."""
    record = signoff(cls, unit=cls.unit)
    sheet = contact_sheet(cls, unit=cls.unit)
    courtesy = courtesy_callback(cls, unit=cls.unit)
    cls.actions.update(
        {
            ("property.director.signoff", "action_sign"): (record, []),
            ("helpdesk.ticket", "action_open_director_signoff"): (record.ticket_id, []),
            ("property.contact.sheet", "action_record_reply"): (sheet, []),
            ("property.courtesy.callback", "action_done"): (courtesy, []),
        }
    )
    cls.system_targets["property.director.signoff"] = record
    cls.system_targets["property.contact.sheet"] = sheet
    cls.system_targets["property.courtesy.callback"] = courtesy
