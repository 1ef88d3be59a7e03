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

MODULE = "property_service_desk"
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
    _rename_database_objects(cr)
    _rename_metadata(cr)
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
    old_names = "property_sla_policy|property_ticket_milestone"
    # Tables (the two models' and the policies' many2many tables), then their columns.
    cr.execute(
        "SELECT relname FROM pg_class WHERE relkind = 'r' AND relname ~ %s "
        "AND relnamespace = current_schema()::regnamespace",
        [old_names],
    )
    for (table,) in cr.fetchall():
        cr.execute(
            SQL(
                "ALTER TABLE %s RENAME TO %s",
                SQL.identifier(table),
                SQL.identifier(renamed(table)),
            )
        )
    cr.execute(
        """
        SELECT c.relname, a.attname
          FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
         WHERE c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
           AND c.relnamespace = current_schema()::regnamespace AND a.attname ~ %s
        """,
        [old_names],
    )
    for table, old, new in [(t, c, renamed(c)) for t, c in cr.fetchall()] + COLUMNS:
        cr.execute(
            SQL(
                "ALTER TABLE %s RENAME COLUMN %s TO %s",
                SQL.identifier(table),
                SQL.identifier(old),
                SQL.identifier(new),
            )
        )
    # Constraints (a primary key or unique constraint takes its index along), then the other
    # indexes and the sequences. Names cut at 63 characters keep their (shorter) new prefix.
    cr.execute(
        """
        SELECT c.relname, k.conname
          FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
         WHERE c.relnamespace = current_schema()::regnamespace
           AND (k.conname ~ %s OR k.conname ~ '__milestone|sla_target')
        """,
        [old_names],
    )
    for table, name in cr.fetchall():
        cr.execute(
            SQL(
                "ALTER TABLE %s RENAME CONSTRAINT %s TO %s",
                SQL.identifier(table),
                SQL.identifier(name),
                SQL.identifier(_identifier(renamed(name))),
            )
        )
    cr.execute(
        "SELECT relname FROM pg_class WHERE relkind IN ('i', 'S') "
        "AND relnamespace = current_schema()::regnamespace "
        "AND (relname ~ %s OR relname ~ '__milestone|sla_target')",
        [old_names],
    )
    for (name,) in cr.fetchall():
        cr.execute(
            SQL(
                "ALTER INDEX %s RENAME TO %s"
                if not name.endswith("_seq")
                else "ALTER SEQUENCE %s RENAME TO %s",
                SQL.identifier(name),
                SQL.identifier(_identifier(renamed(name))),
            )
        )


def _identifier(name):
    return name[:63]


def _rename_metadata(cr):
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
        "WHERE relation_table ~ 'property_sla_policy|property_ticket_milestone'"
    )
    for field_id, table, column1, column2 in cr.fetchall():
        cr.execute(
            "UPDATE ir_model_fields SET relation_table = %s, column1 = %s, column2 = %s "
            "WHERE id = %s",
            [renamed(table), renamed(column1), renamed(column2), field_id],
        )
    for table in ("ir_model_relation", "ir_model_constraint"):
        cr.execute(
            SQL(
                "SELECT id, name FROM %s WHERE name ~ %s",
                SQL.identifier(table),
                "property_sla_policy|property_ticket_milestone|__milestone|sla_target",
            )
        )
        for row_id, name in cr.fetchall():
            cr.execute(
                SQL(
                    "UPDATE %s SET name = %s WHERE id = %s",
                    SQL.identifier(table),
                    _identifier(renamed(name)),
                    row_id,
                )
            )


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
        if not _table_exists(cr, table):
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
