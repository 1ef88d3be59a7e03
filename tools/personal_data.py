"""Personal data (个人信息保护法): who reads an estate's people, and numbers shown masked."""

import re

from .groups import ACCOUNTANT, BUSINESS_CLERK, DESK, TECHNICIAN

# A work order is open for its technician until it is closed (or cancelled).
OPEN_WORK_ORDER_STATES = ("dispatched", "on_site", "done", "signed")
PHONE_FIELDS = ("phone", "mobile", "phone_sanitized")


def mask_number(value):
    """Keep the first 3 and the last 4 characters, a star for each other one (138****5678)."""
    if not value or not isinstance(value, str):
        return value
    compact = re.sub(r"[\s-]", "", value)
    if len(compact) <= 7:
        return "*" * len(compact)
    return compact[:3] + "*" * (len(compact) - 7) + compact[-4:]


def mask_rows(rows, masked_ids, fnames):
    """Mask `fnames` in the rows of `_read_format` whose id is in `masked_ids`."""
    for row in rows:
        if row["id"] in masked_ids:
            for fname in fnames:
                if fname in row:
                    row[fname] = mask_number(row[fname])
    return rows


def sees_estate_people(user):
    """The desk and the accountant deal with every person of their estates, numbers included."""
    return user.has_group(DESK) or user.has_group(ACCOUNTANT)


def recognises_estate_people(user):
    """The business-centre clerk serves every person of its estates, but only needs to
    recognise them: their numbers masked."""
    return user.has_group(BUSINESS_CLERK)


def partner_wall(user):
    """Domain on res.partner of the contacts `user` may read: every contact who is nobody's
    estate person; the people of the estates the user serves at the desk or in the accounts;
    the customers of the work orders dispatched to them (technicians); the people of the
    business-centre clerk's estates."""
    if user.property_all_estates:
        return [(1, "=", 1)]
    wall = [("property_estate_person", "=", False)]
    if sees_estate_people(user) or recognises_estate_people(user):
        wall = ["|", *wall, ("property_person_estate_ids", "in", user.property_estate_ids.ids)]
    if user.has_group(TECHNICIAN):
        orders = [("technician_ids", "in", user.ids), ("state", "not in", ("draft", "cancelled"))]
        wall = ["|", *wall, ("property_work_order_ids", "any", orders)]
    return wall


def only_recognising(env):
    """Whether the current user only recognises the estate's people (a technician, the
    business-centre clerk): then their numbers are masked but for the customers of the user's
    open work orders."""
    user = env.user
    return not (env.su or user.property_all_estates or sees_estate_people(user))


def partners_to_mask(partners):
    """Among `partners`, the estate people whose numbers the current user sees masked."""
    env = partners.env
    if not only_recognising(env):
        return set()
    people = partners.sudo().filtered("property_estate_person")
    if not people:
        return set()
    open_customers = (
        env["property.work.order"]
        .sudo()
        .search(
            [
                ("partner_id", "in", people.ids),
                ("technician_ids", "in", env.uid),
                ("state", "in", OPEN_WORK_ORDER_STATES),
            ]
        )
        .partner_id
    )
    return set((people - open_customers).ids)


def id_numbers_masked(env):
    """ID-document numbers are masked but for the desk and the managers of the estate (whose
    record rules let them read the record)."""
    return not (env.su or env.user.has_group(DESK))


def mask_id_numbers(records, rows, fnames):
    """ID-document numbers in `rows` (read from `records`), masked as `id_numbers_masked`."""
    fields = [fname for fname in fnames if fname in rows[0]] if rows else []
    if not fields or not id_numbers_masked(records.env):
        return rows
    return mask_rows(rows, {row["id"] for row in rows}, fields)


def mask_export(records, paths, fnames, masked_ids, export):
    """The lines of `export(records)` (their `_export_rows`), the columns of `fnames` masked
    in the lines of the records whose ids `masked_ids()` returns: an export shows what the
    screen shows. An export gives a main line per record followed by the lines of its
    sub-records, hence one record at a time when some are masked."""
    columns = [i for i, path in enumerate(paths) if len(path) == 1 and path[0] in fnames]
    masked = columns and masked_ids()
    if not masked:
        return export(records)
    lines = []
    for record in records:
        rows = export(record)
        if rows and record.id in masked:
            for i in columns:
                rows[0][i] = mask_number(rows[0][i])
        lines += rows
    return lines


def mask_export_id_numbers(records, paths, fnames, export):
    """`mask_export` of ID-document numbers, masked as `id_numbers_masked`."""
    env = records.env
    return mask_export(
        records, paths, fnames, lambda: set(records.ids) if id_numbers_masked(env) else (), export
    )
