"""The director's sign-off as the shared access tests need it (test_system_fields,
test_action_callers, test_rpc_matrix): records made as the superuser."""

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


RECORDS = {"property.director.signoff": signoff}
CREATION_VALUES = {
    "property.director.signoff": lambda case: {
        "kind": "business_report",
        "estate_id": case.estate_a.id,
        "month": "2026-10-01",
        "opinion": OPINION,
    }
}
EDITORS = {"property.director.signoff": "project_manager"}


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
    }


def rpc_actions(cls):
    """test_rpc_matrix: the records each method is called on, and the system fields' target
    (the demo estate's director is the project manager role)."""
    record = signoff(cls, unit=cls.unit)
    cls.actions.update(
        {
            ("property.director.signoff", "action_sign"): (record, []),
            ("helpdesk.ticket", "action_open_director_signoff"): (record.ticket_id, []),
        }
    )
    cls.system_targets["property.director.signoff"] = record
