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


def customer_forum(case, estate=None):
    """A forum held, its opinions to compile (the summary written), one needing action."""
    estate = estate or case.estate_a
    record = case.env["property.customer.forum"].create(
        {
            "estate_id": estate.id,
            "held_on": "2026-11-20",
            "topics": "停车管理",
            "summary": "<p>访客车辆限时登记</p>",
        }
    )
    case.env["property.customer.forum.opinion"].create(
        {"forum_id": record.id, "content": "访客车辆占用业主车位"}
    )
    return record


def archive_duty(case, estate=None, kind="handover"):
    """The month's equipment-archive handover, its records listed, to sign for."""
    estate = estate or case.estate_a
    return case.env["property.archive.duty"].create(
        {
            "estate_id": estate.id,
            "kind": kind,
            "period": "2026-11-01",
            "due_date": "2026-11-05",
            "records_handed": "消防泵房运行记录、电梯维保记录",
            "findings": "档案齐全",
        }
    )


# model: (record maker, its lines' field); the access tests take the lines from the record.
DUTIES = {
    "property.patrol": (patrol, "finding_ids", "property.patrol.finding"),
    "property.reception.day": (reception_day, "matter_ids", "property.reception.matter"),
    "property.customer.forum": (customer_forum, "opinion_ids", "property.customer.forum.opinion"),
    "property.archive.duty": (archive_duty, None, None),
}
RECORDS = {
    "property.patrol": patrol,
    "property.patrol.finding": lambda case: patrol(case).finding_ids,
    "property.reception.day": reception_day,
    "property.reception.matter": lambda case: reception_day(case).matter_ids,
    "property.customer.forum": customer_forum,
    "property.customer.forum.opinion": lambda case: customer_forum(case).opinion_ids,
    "property.archive.duty": archive_duty,
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
CREATION_VALUES["property.customer.forum"] = lambda case: {
    "estate_id": case.estate_a.id,
    "held_on": "2026-11-20",
    "topics": "绿化",
}
CREATION_VALUES["property.customer.forum.opinion"] = lambda case: {
    "forum_id": customer_forum(case).id,
    "content": "希望增加遮阳设施",
}
CREATION_VALUES["property.archive.duty"] = lambda case: {"estate_id": case.estate_a.id}
EDITORS = {
    "property.patrol": "agent",
    "property.patrol.finding": "agent",
    "property.reception.day": "business_manager",
    "property.reception.matter": "business_manager",
    "property.customer.forum": "business_manager",
    "property.customer.forum.opinion": "business_manager",
    "property.archive.duty": "agent",
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
        if lines:
            cls.system_targets[line_model] = mine[lines]
        for target, estate in (
            ("mine", cls.estate),
            ("other_estate", cls.other_estate),
            ("other_company", cls.estate2),
        ):
            record = mine if target == "mine" else make(cls, estate)
            cls._set(model, target, record)
            if lines:
                cls._set(line_model, target, record[lines])


# test_rpc_matrix: what each model's "write" sends.
CRUD_VALUES = {
    "property.patrol": {"write": {"route": "Rewritten"}},
    "property.patrol.finding": {"write": {"content": "Rewritten"}},
    "property.reception.day": {"write": {"place": "Rewritten"}},
    "property.reception.matter": {"write": {"content": "Rewritten"}},
    "property.customer.forum": {"write": {"topics": "Rewritten"}},
    "property.customer.forum.opinion": {"write": {"content": "Rewritten"}},
    "property.archive.duty": {"write": {"records_handed": "Rewritten"}},
}
