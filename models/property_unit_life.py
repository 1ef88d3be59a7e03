"""Small helpers shared by the unit's-life duties (vacant units, lending, daily contact)."""

from odoo.tools import SQL

from .property_estate import DEFAULT_TZ


def estate_local_today(estate, now=None):
    """The estate's calendar day at `now` (naive UTC; default: now): see property.estate."""
    return estate._local_date(now)


def estate_joins(estate_column):
    """Joins that bring an estate's calendar zone (`local_date_sql`) into a claim query."""
    return SQL(
        "JOIN property_estate tz_e ON tz_e.id = %s"
        " JOIN res_company tz_co ON tz_co.id = tz_e.company_id"
        " LEFT JOIN resource_calendar tz_rc ON tz_rc.id = tz_e.resource_calendar_id"
        " LEFT JOIN resource_calendar tz_crc ON tz_crc.id = tz_co.resource_calendar_id",
        estate_column,
    )


def local_date_sql(now):
    """The estate's calendar day at `now`, in SQL, as property.estate._local_date cuts it."""
    return SQL(
        "timezone(COALESCE(tz_rc.tz, tz_crc.tz, %s), %s::timestamp AT TIME ZONE 'UTC')::date",
        DEFAULT_TZ,
        now,
    )


def notify_partner(record, partner, body):
    """Tell `partner` by e-mail, else by SMS; log on `record` when they cannot be reached.

    Returns the channel used ("email" / "sms") or False."""
    env = record.env
    if partner.email:
        record.message_post(
            body=body,
            partner_ids=partner.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        return "email"
    if partner.mobile:
        record._message_sms(body, partner_ids=partner.ids)
        return "sms"
    record.message_post(
        body=env._(
            "%(who)s could not be told (no e-mail address and no mobile number): call them.",
            who=partner.display_name or env._("The customer"),
        )
    )
    return False
