"""One name for the promise (issue 30): the scheduled action and the activity type the addon
ships as data that updates never rewrite (noupdate) take the new names, where nobody renamed
them since (the English and, where it is the shipped one, the Chinese)."""

from odoo.tools import SQL

# (table, translated column, how the XML id's record reaches the row, XML id, old English,
#  new English, old Chinese, new Chinese). The scheduled action's XML id is the one of 18.0.1.4.0:
# its pre-migrate script renames it before this script runs.
RENAMED = [
    (
        "ir_act_server",
        "name",
        SQL("JOIN ir_cron r ON r.ir_actions_server_id = t.id"),
        ("ir.cron", "ir_cron_process_due_promises"),
        "Property Service Desk: act on due service-time milestones",
        "Property Service Desk: act on due promises",
        "物业客户服务：处理到期的服务时限节点",
        "物业客户服务：处理到期的服务时限",
    ),
    (
        "mail_activity_type",
        "summary",
        SQL("JOIN mail_activity_type r ON r.id = t.id"),
        ("mail.activity.type", "mail_activity_type_service_breach"),
        "A service-time promise was broken",
        "A promise was broken",
        "有服务时限未守",
        "有服务时限未守",
    ),
]


def migrate(cr, version):
    for table, column, join, (model, xmlid), old, new, old_zh, new_zh in RENAMED:
        column = SQL.identifier(column)
        cr.execute(
            SQL(
                """
                UPDATE %(table)s t
                   SET %(col)s = t.%(col)s || jsonb_build_object('en_US', %(new)s)
                       || CASE WHEN t.%(col)s->>'zh_CN' IN (%(old)s, %(old_zh)s)
                               THEN jsonb_build_object('zh_CN', %(new_zh)s)
                               ELSE '{}'::jsonb END
                  FROM (SELECT t.id FROM %(table)s t %(join)s
                          JOIN ir_model_data d ON d.res_id = r.id AND d.model = %(model)s
                         WHERE d.module = 'property_service_desk' AND d.name = %(xmlid)s) AS s
                 WHERE t.id = s.id AND t.%(col)s->>'en_US' = %(old)s
                """,
                table=SQL.identifier(table),
                col=column,
                join=join,
                model=model,
                xmlid=xmlid,
                old=old,
                new=new,
                old_zh=old_zh,
                new_zh=new_zh,
            )
        )
