"""An estate's local time in SQL: the twins of property.estate._to_local and _local_date."""

from odoo.tools import SQL


def local_sql(utc_sql, tz_sql):
    """A naive-UTC timestamp column or value as the naive local time of the zone `tz_sql`
    (an estate's `tz` column): the SQL twin of property.estate._to_local."""
    return SQL("((%s)::timestamp AT TIME ZONE 'UTC' AT TIME ZONE %s)", utc_sql, tz_sql)


def local_date_sql(utc_sql, tz_sql):
    """The local calendar day of a naive-UTC timestamp in the zone `tz_sql`, in SQL: the twin
    of property.estate._local_date."""
    return SQL("%s::date", local_sql(utc_sql, tz_sql))
