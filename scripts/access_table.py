#!/usr/bin/env python3
"""Render *Who may do what* (readme/ACCESS.md, linked from the README's section of that name)
from the access model (tests/access_model.py).

    python3 scripts/access_table.py           # print the page's section
    python3 scripts/access_table.py --write   # replace it in readme/ACCESS.md

Plain Python: it loads tests/access_model.py by its path and imports nothing from Odoo, so it runs
anywhere. tests/test_access_table.py fails when readme/ACCESS.md differs from what this prints.
"""

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEADING = "## Who may do what"

ROLE_LABELS = {
    "portal_owner": "portal owner",
    "portal_tenant": "portal tenant",
    "agent": "agent",
    "business_manager": "business manager",
    "business_supervisor": "business supervisor",
    "technician": "technician",
    "business_clerk": "business-centre clerk",
    "engineering_lead": "engineering lead",
    "accountant": "accountant",
    "project_manager": "project manager",
    "operations_gm": "operations GM",
    "division_lead": "division lead",
    "centre_gm": "service-centre GM",
    "administrator": "administrator",
}

INTRO = """\
Generated from `tests/access_model.py` by `python3 scripts/access_table.py --write`;
`tests/test_access_table.py` fails when this section differs from the tables. The RPC matrix
`tests/test_rpc_matrix.py` reads the same tables, logs in over HTTP as each demo role (password =
login, `admin`/`admin`) and tries every operation below through `/web/dataset/call_kw`: what a
table refuses must be refused (AccessError, UserError or ValidationError) **and leave the
database as it was**, what it grants must succeed.

The matrix attempts **{count} operations**: {crud} on records, {actions} action calls and
{fields} writes of fields the system keeps; the portal logins also try their request pages.

Records: **r** read, **c** create, **w** write, **d** delete, then the scope: *all* every record
of the user's companies; *estates* the records of the user's estates (every estate for the
service-centre GM and the administrator, group *See All Estates*); *own* the records tied to the
user (portal: the units they own or rent; technician: the work orders dispatched to them and the
requests assigned to them; accountant: the requests assigned to them; wizards: the ones the user
opened); – none. Another company's records are never visible. On top of the table, nothing of the
official record changes or goes away: the lines of a signed work order, the evaluation summary,
complaint history, time corrections and appointments (the system writes them), and the fields
listed at the end.
"""


def load_access_model():
    path = ROOT / "tests" / "access_model.py"
    spec = importlib.util.spec_from_file_location("access_model", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def _cell(perms, scope):
    return f"{perms}·{scope}" if perms else "–"


def render(access_model=None):
    am = access_model or load_access_model()
    roles = list(am.ROLES)
    header = [""] + [ROLE_LABELS[role] for role in roles]
    operations = am.rpc_operations()
    counts = {
        kind: sum(1 for op in operations if op[1] == kind) for kind in ("crud", "action", "field")
    }
    parts = [
        HEADING,
        "",
        INTRO.format(
            count=len(operations),
            crud=counts["crud"],
            actions=counts["action"],
            fields=counts["field"],
        ),
    ]
    parts.append(
        "Logins: "
        + ", ".join(f"{ROLE_LABELS[role]} `{login}`" for role, (login, _group) in am.ROLES.items())
        + ".\n"
    )

    parts.append("### Records\n")
    rows = [
        [f"`{model}`"] + [_cell(*am.access_of(model, role)) for role in roles]
        for model in am.MODEL_ACCESS
    ]
    parts.append(_table(header, rows) + "\n")

    parts.append("### Personal data\n")
    parts.append(
        "Odoo's own models that hold an estate's people (个人信息保护法): who reads them, and "
        "why (the rows above give the scope per role). ID-document numbers (move-in files, "
        "renovation workers) are read masked (330***********0031) by everyone but the desk "
        "and the managers. One portal account, or one sender address by e-mail, files at most "
        "the company's number of new requests an hour (default 20); past it nothing is created "
        "and the customer is asked to call the hotline.\n"
    )
    rows = [[f"`{model}`", why] for model, (_access, why) in am.PERSONAL_DATA.items()]
    parts.append(_table(["model", "who reads it, and why"], rows) + "\n")

    parts.append("### Actions\n")
    parts.append(
        "Who may call each public method (✓); everyone else gets an AccessError. The "
        "caller must also be allowed to write the record (read, for the methods that "
        "only open or print), in its scope above.\n"
    )
    rows = [
        [f"`{model}` `{method}`"] + ["✓" if role in callers else "" for role in roles]
        for model, actions in am.ACTION_CALLERS.items()
        for method, callers in actions.items()
    ]
    parts.append(_table(header, rows) + "\n")

    parts.append("### Portal routes\n")
    parts.append(
        "The portal routes that change a request or its work order (POST, with the CSRF "
        "token). *customer*: the request's customer only (a tenant reading the owner's "
        "request of the unit they rent gets 404); *unit*: the units the user owns or rents. "
        "Messages and attachments follow helpdesk_mgmt: whoever may read the request.\n"
    )
    rows = [[f"`{route}`", who] for route, who in am.PORTAL_ROUTES.items()]
    parts.append(_table(["route", "who"], rows) + "\n")

    parts.append("### Fields the system keeps\n")
    parts.append(
        "No role writes these with `write` or `create`; they change only through the "
        "actions above or the scheduled jobs.\n"
    )
    rows = [
        [f"`{model}`", ", ".join(f"`{field}`" for field in fields)]
        for model, fields in am.SYSTEM_FIELDS.items()
    ]
    parts.append(_table(["model", "fields"], rows) + "\n")
    return "\n".join(parts)


def readme_section(text):
    """The section as it stands in the README text (empty when missing)."""
    start = text.find(HEADING + "\n")
    if start < 0:
        return ""
    end = text.find("\n## ", start + len(HEADING))
    return text[start:end] if end >= 0 else text[start:]


def write_readme(path=ROOT / "readme" / "ACCESS.md"):
    text = path.read_text(encoding="utf-8")
    current = readme_section(text)
    if not current:
        raise SystemExit(f"{path}: no '{HEADING}' section to replace")
    path.write_text(text.replace(current, render()), encoding="utf-8")


if __name__ == "__main__":
    if "--write" in sys.argv[1:]:
        write_readme()
    else:
        sys.stdout.write(render())
