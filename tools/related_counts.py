def count_related(records, model, field):
    """{record id: number of `model` records whose `field` is that record}, in one query."""
    groups = records.env[model]._read_group([(field, "in", records.ids)], [field], ["__count"])
    return {record.id: count for record, count in groups}


def related_window(name, model, domain, context, view_mode="list,kanban,form"):
    """A window on the `model` records of `domain`; new ones get `context`."""
    return {
        "type": "ir.actions.act_window",
        "name": name,
        "res_model": model,
        "view_mode": view_mode,
        "domain": domain,
        "context": context,
    }


def open_related(record, model, field, name, view_mode="list,kanban,form"):
    """The window on the `model` records whose `field` is `record` (new ones get it too)."""
    record.ensure_one()
    return related_window(
        name, model, [(field, "=", record.id)], {f"default_{field}": record.id}, view_mode
    )
