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


def reception_day(case, estate=None):
    """A reception day to record, with an owner's matter that needs action."""
    estate = estate or case.estate_a
    record = case.env["property.reception.day"].create(
        {"estate_id": estate.id, "day": "2026-11-20"}
    )
    case.env["property.reception.matter"].create(
        {
            "reception_day_id": record.id,
            "partner_id": case.env["res.partner"].create({"name": "刘建军"}).id,
            "content": "电梯两次困人",
        }
    )
    return record


# model: (record maker, its lines' field); the access tests take the lines from the record.
DUTIES = {
    "property.patrol": (patrol, "finding_ids", "property.patrol.finding"),
    "property.reception.day": (reception_day, "matter_ids", "property.reception.matter"),
}
RECORDS = {
    "property.patrol": patrol,
    "property.patrol.finding": lambda case: patrol(case).finding_ids,
    "property.reception.day": reception_day,
    "property.reception.matter": lambda case: reception_day(case).matter_ids,
}
CREATION_VALUES = {
    "property.patrol": lambda case: {"estate_id": case.estate_a.id, "kind": "environment"},
    "property.patrol.finding": lambda case: {
        "patrol_id": patrol(case).id,
        "checkpoint": "中心花园",
        "content": "喷泉水泵停转",
    },
}
CREATION_VALUES["property.reception.day"] = lambda case: {"estate_id": case.estate_a.id}
CREATION_VALUES["property.reception.matter"] = lambda case: {
    "reception_day_id": reception_day(case).id,
    "partner_id": case.owner_a.id,
    "content": "绿化带被占",
}
EDITORS = {
    "property.patrol": "agent",
    "property.patrol.finding": "agent",
    "property.reception.day": "business_manager",
    "property.reception.matter": "business_manager",
}


def _fresh(make):
    return lambda _role: (lambda record: (record, record))(make())


def action_cases(case):
    """test_action_callers: (model, method) -> (fixture(role) -> (record, watched), call)."""
    return {
        (model, "action_done"): (_fresh(lambda make=make: make(case)), lambda r: r.action_done())
        for model, (make, _lines, _line_model) in DUTIES.items()
    }


def rpc_actions(cls):
    """test_rpc_matrix: the records each method is called on, the system fields' targets and
    the records read across estates and companies (record rules by estate)."""
    for model, (make, lines, line_model) in DUTIES.items():
        mine = make(cls, cls.estate)
        cls.actions[(model, "action_done")] = (mine, [])
        cls.system_targets[model] = mine
        cls.system_targets[line_model] = mine[lines]
        for target, estate in (
            ("mine", cls.estate),
            ("other_estate", cls.other_estate),
            ("other_company", cls.estate2),
        ):
            record = mine if target == "mine" else make(cls, estate)
            cls._set(model, target, record)
            cls._set(line_model, target, record[lines])

# test_rpc_matrix: what each model's "write" sends.
CRUD_VALUES = {
    "property.patrol": {"write": {"route": "Rewritten"}},
    "property.patrol.finding": {"write": {"content": "Rewritten"}},
    "property.reception.day": {"write": {"place": "Rewritten"}},
    "property.reception.matter": {"write": {"content": "Rewritten"}},
}
