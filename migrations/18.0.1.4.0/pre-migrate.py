"""One name for the promise (issue 30): the policies (`property.sla.policy`) become
`property.promise.policy`, the promises of a request (`property.ticket.milestone`) become
`property.promise`, and the field naming which promise (`milestone`) becomes `kind`.

Renamed in place before the models load, so that no row is lost and every id stays: the tables
with their sequences, indexes and constraints (and the many2many tables of the policies), the
columns, the models' and fields' metadata, the module's XML ids (the shipped policies, the rules
and the scheduled action are noupdate: an administrator's changes to them survive) and every
place that names a model as text (messages, activities, followers, attachments, actions, ...)."""

import re

from odoo.tools import SQL
from odoo.tools.sql import column_exists, make_index_name

MODULE = "property_service_desk"
NAMEDATALEN = 64  # PostgreSQL's: names are cut to 63 characters
OLD_TABLES = "property_sla_policy|property_ticket_milestone"
MODELS = {
    "property.sla.policy": "property.promise.policy",
    "property.ticket.milestone": "property.promise",
}
# (model, old field, new field): the models' new names.
FIELDS = [
    ("property.promise.policy", "milestone", "kind"),
    ("property.promise", "milestone", "kind"),
    ("helpdesk.ticket", "milestone_ids", "promise_ids"),
    ("property.request.promise", "milestone_ids", "promise_ids"),
    ("property.kpi.monthly", "milestone_due_count", "promise_due_count"),
    ("property.kpi.monthly", "milestone_met_count", "promise_met_count"),
    ("res.company", "property_kpi_sla_target", "property_kpi_promise_target"),
    ("res.config.settings", "property_kpi_sla_target", "property_kpi_promise_target"),
]
# (table, old column, new column), after the tables are renamed.
COLUMNS = [
    ("property_promise_policy", "milestone", "kind"),
    ("property_promise", "milestone", "kind"),
    ("res_company", "property_kpi_sla_target", "property_kpi_promise_target"),
]
# Columns that name a model as text, in whatever table has them.
MODEL_NAME_COLUMNS = (
    "model",
    "res_model",
    "model_name",
    "relation",
    "resource",
    "parent_res_model",
    "res_model_name",
    "alias_model_name",
    "model_id",  # ir_filters
)


def renamed(name):
    """The new name of a table, index, constraint, sequence or XML id."""
    name = name.replace("property_ticket_milestone", "property_promise")
    name = name.replace("property_sla_policy", "property_promise_policy")
    name = name.replace("ir_cron_process_due_milestones", "ir_cron_process_due_promises")
    name = name.replace("property_sla_compliance_menu", "property_promise_compliance_menu")
    name = name.replace("property_kpi_sla_target", "property_kpi_promise_target")
    name = re.sub(r"milestone_(ids|due_count|met_count)", r"promise_\1", name)
    # field_<model>__milestone, selection__<model>__milestone__<value>
    return re.sub(r"__milestone(?=__|_index|$)", "__kind", name)


def migrate(cr, version):
    if not _table_exists(cr, "property_sla_policy"):
        return  # already renamed
    constraints = _rename_database_objects(cr)
    _rename_metadata(cr, constraints)
    _rename_xmlids(cr)
    _rename_model_references(cr)


def _table_exists(cr, table):
    cr.execute(
        "SELECT 1 FROM pg_class WHERE relname = %s AND relkind = 'r' "
        "AND relnamespace = current_schema()::regnamespace",
        [table],
    )
    return bool(cr.rowcount)


def _rename_database_objects(cr):
    """Tables, columns, then each table's constraints, indexes and sequence, under the names a
    fresh install gives them; returns {old constraint name: new} for ir_model_constraint."""
    cr.execute(
        "SELECT relname FROM pg_class WHERE relkind = 'r' AND relname ~ %s "
        "AND relnamespace = current_schema()::regnamespace",
        [OLD_TABLES],
    )
    tables = {renamed(table): table for (table,) in cr.fetchall()}
    for new, old in tables.items():
        cr.execute(SQL("ALTER TABLE %s RENAME TO %s", SQL.identifier(old), SQL.identifier(new)))
    # The many2many tables' columns (property_sla_policy_id), and the fields' own columns.
    cr.execute(
        """
        SELECT c.relname, a.attname
          FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
         WHERE c.relname IN %s AND a.attnum > 0 AND NOT a.attisdropped AND a.attname ~ %s
        """,
        [tuple(tables), OLD_TABLES],
    )
    old_columns = {}  # (table, new column): old column
    for table, old, new in [(t, c, renamed(c)) for t, c in cr.fetchall()] + COLUMNS:
        cr.execute(
            SQL(
                "ALTER TABLE %s RENAME COLUMN %s TO %s",
                SQL.identifier(table),
                SQL.identifier(old),
                SQL.identifier(new),
            )
        )
        old_columns[table, new] = old
    constraints = {}
    for new_table, old_table in tables.items():
        constraints.update(_rename_table_objects(cr, new_table, old_table, old_columns))
    return constraints


def _rename_table_objects(cr, table, old_table, old_columns):
    """Rename the constraints, indexes and sequence of `table` (formerly `old_table`): names
    PostgreSQL or Odoo made from the table and its columns are made again from the new names,
    the others (the promises' own indexes) take the new words."""

    def new_name(name, label=None, columns=(), odoo_index=False):
        new_columns = "_".join(columns)
        old = "_".join(old_columns.get((table, column), column) for column in columns)
        if odoo_index and len(columns) == 1 and name == make_index_name(old_table, old):
            return make_index_name(table, new_columns)
        if label and name == _pg_name(old_table, old, label):
            return _pg_name(table, new_columns, label)
        return renamed(name)

    constraints = {}
    cr.execute(
        """
        SELECT k.conname, k.contype, ARRAY(
                   SELECT a.attname FROM unnest(k.conkey) WITH ORDINALITY AS n(attnum, i)
                     JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = n.attnum
                    ORDER BY n.i)
          FROM pg_constraint k WHERE k.conrelid = %s::regclass
        """,
        [table],
    )
    for name, kind, columns in cr.fetchall():
        if kind == "p":
            new = new_name(name, "pkey")
        elif kind == "f":
            new = new_name(name, "fkey", columns)
        else:
            new = new_name(name)
        constraints[name] = new
        if new != name:  # a primary key's index follows its constraint
            cr.execute(
                SQL(
                    "ALTER TABLE %s RENAME CONSTRAINT %s TO %s",
                    SQL.identifier(table),
                    SQL.identifier(name),
                    SQL.identifier(new),
                )
            )
    cr.execute(
        """
        SELECT i.relname, ARRAY(
                   SELECT a.attname FROM unnest(x.indkey) WITH ORDINALITY AS n(attnum, i)
                     JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = n.attnum
                    ORDER BY n.i)
          FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
         WHERE x.indrelid = %s::regclass
           AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid)
        """,
        [table],
    )
    renames = [
        ("INDEX", name, new_name(name, "idx", columns, odoo_index=True))
        for name, columns in cr.fetchall()
    ]
    cr.execute(
        """
        SELECT s.relname, a.attname
          FROM pg_class s
          JOIN pg_depend d ON d.objid = s.oid AND d.deptype = 'a'
          JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
         WHERE s.relkind = 'S' AND d.refobjid = %s::regclass
        """,
        [table],
    )
    renames += [
        ("SEQUENCE", name, new_name(name, "seq", [column])) for name, column in cr.fetchall()
    ]
    for kind, name, new in renames:
        if new != name:
            cr.execute(
                SQL(
                    "ALTER %s %s RENAME TO %s",
                    SQL(kind),
                    SQL.identifier(name),
                    SQL.identifier(new),
                )
            )
    return constraints


def _pg_name(name1, name2, label):
    """The name PostgreSQL gives an object it names (makeObjectName): both parts cut evenly to
    fit 63 characters."""
    available = NAMEDATALEN - 1 - (1 if name2 else 0) - len(label) - 1
    chars1, chars2 = len(name1), len(name2)
    while chars1 + chars2 > available:
        if chars1 > chars2:
            chars1 -= 1
        else:
            chars2 -= 1
    return "_".join(part for part in (name1[:chars1], name2[:chars2], label) if part)


def _rename_metadata(cr, constraints):
    for old, new in MODELS.items():
        cr.execute("UPDATE ir_model SET model = %s WHERE model = %s", [new, old])
        cr.execute("UPDATE ir_model_fields SET model = %s WHERE model = %s", [new, old])
        cr.execute("UPDATE ir_model_fields SET relation = %s WHERE relation = %s", [new, old])
    for model, old, new in FIELDS:
        cr.execute(
            "UPDATE ir_model_fields SET name = %s WHERE model = %s AND name = %s",
            [new, model, old],
        )
    # The policies' many2many tables and their columns.
    cr.execute(
        "SELECT id, relation_table, column1, column2 FROM ir_model_fields "
        "WHERE relation_table ~ %s",
        [OLD_TABLES],
    )
    for field_id, table, column1, column2 in cr.fetchall():
        cr.execute(
            "UPDATE ir_model_fields SET relation_table = %s, column1 = %s, column2 = %s "
            "WHERE id = %s",
            [renamed(table), renamed(column1), renamed(column2), field_id],
        )
    cr.execute("SELECT id, name FROM ir_model_relation WHERE name ~ %s", [OLD_TABLES])
    for row_id, name in cr.fetchall():
        cr.execute("UPDATE ir_model_relation SET name = %s WHERE id = %s", [renamed(name), row_id])
    for old, new in constraints.items():
        if new != old:
            cr.execute("UPDATE ir_model_constraint SET name = %s WHERE name = %s", [new, old])


def _rename_xmlids(cr):
    """The module's XML ids keep their records: renamed, not deleted and made again."""
    cr.execute(
        "SELECT id, name FROM ir_model_data WHERE module = %s "
        "AND name ~ 'sla_policy|milestone|sla_compliance|sla_target'",
        [MODULE],
    )
    for row_id, name in cr.fetchall():
        cr.execute("UPDATE ir_model_data SET name = %s WHERE id = %s", [renamed(name), row_id])


def _rename_model_references(cr):
    """Every column naming a model as text: ir_model_data.model, messages, activities,
    followers, attachments, window actions, server actions, filters, ..."""
    cr.execute(
        """
        SELECT c.table_name, c.column_name
          FROM information_schema.columns c
          JOIN information_schema.tables t
            ON t.table_schema = c.table_schema AND t.table_name = c.table_name
         WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
           AND c.data_type IN ('character varying', 'text') AND c.column_name IN %s
        """,
        [MODEL_NAME_COLUMNS],
    )
    for table, column in cr.fetchall():
        for old, new in MODELS.items():
            cr.execute(
                SQL(
                    "UPDATE %(table)s SET %(column)s = %(new)s WHERE %(column)s = %(old)s",
                    table=SQL.identifier(table),
                    column=SQL.identifier(column),
                    new=new,
                    old=old,
                )
            )
    # Reference fields ("model,id") pointing at a promise or a policy.
    cr.execute(
        "SELECT model, name FROM ir_model_fields WHERE ttype = 'reference' AND store "
        "AND COALESCE(related, '') = ''"
    )
    for model, column in cr.fetchall():
        table = model.replace(".", "_")
        if not column_exists(cr, table, column):
            continue
        for old, new in MODELS.items():
            cr.execute(
                SQL(
                    "UPDATE %(table)s SET %(column)s = %(new)s || substr(%(column)s, %(cut)s) "
                    "WHERE %(column)s LIKE %(pattern)s",
                    table=SQL.identifier(table),
                    column=SQL.identifier(column),
                    new=new,
                    cut=len(old) + 1,
                    pattern=f"{old},%",
                )
            )
