"""Fixtures of the service centre's duties (patrols, reception days, customer forums, archive
duties) for the shared access tests: test_system_fields, test_action_callers, test_rpc_matrix."""


def patrol(case, estate=None):
    """A patrol of the week to walk, with a finding that needs work."""
    estate = estate or case.estate_a
    record = case.env["property.patrol"].create(
        {"estate_id": estate.id, "kind": "security", "due_date": "2026-11-29"}
    )
    case.env["property.patrol.finding"].create(
        {"patrol_id": record.id, "checkpoint": "北门", "content": "道闸抬杆故障"}
    )
    return record


RECORDS = {
    "property.patrol": patrol,
    "property.patrol.finding": lambda case: patrol(case).finding_ids,
}
CREATION_VALUES = {
    "property.patrol": lambda case: {"estate_id": case.estate_a.id, "kind": "environment"},
    "property.patrol.finding": lambda case: {
        "patrol_id": patrol(case).id,
        "checkpoint": "中心花园",
        "content": "喷泉水泵停转",
    },
}
EDITORS = {"property.patrol": "agent", "property.patrol.finding": "agent"}


def _fresh(make):
    return lambda _role: (lambda record: (record, record))(make())


def action_cases(case):
    """test_action_callers: (model, method) -> (fixture(role) -> (record, watched), call)."""
    return {
        ("property.patrol", "action_done"): (
            _fresh(lambda: patrol(case)),
            lambda r: r.action_done(),
        ),
    }


def rpc_actions(cls):
    """test_rpc_matrix: the records each method is called on, the system fields' targets and
    the records read across estates and companies (record rules by estate)."""
    mine = patrol(cls, cls.estate)
    cls.actions[("property.patrol", "action_done")] = (mine, [])
    cls.system_targets["property.patrol"] = mine
    cls.system_targets["property.patrol.finding"] = mine.finding_ids
    for target, estate in (
        ("mine", cls.estate),
        ("other_estate", cls.other_estate),
        ("other_company", cls.estate2),
    ):
        record = mine if target == "mine" else patrol(cls, estate)
        cls._set("property.patrol", target, record)
        cls._set("property.patrol.finding", target, record.finding_ids)


# test_rpc_matrix: what each model's "write" sends.
CRUD_VALUES = {
    "property.patrol": {"write": {"route": "Rewritten"}},
    "property.patrol.finding": {"write": {"content": "Rewritten"}},
}
