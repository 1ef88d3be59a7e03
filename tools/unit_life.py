"""Small helpers shared by the unit's-life duties (vacant units, lending, daily contact)."""

from odoo.tools import SQL

from . import local_time


def estate_joins(estate_column):
    """The join that brings an estate's zone (`local_date_sql`) into a claim query."""
    return SQL("JOIN property_estate tz_e ON tz_e.id = %s", estate_column)


def local_date_sql(now):
    """The estate's calendar day at `now`, in SQL, as property.estate._local_date cuts it."""
    return local_time.local_date_sql(SQL("%s", now), SQL("tz_e.tz"))


def estate_today_sql(estate_column, now):
    """The day at `now` of the estate in `estate_column`, in SQL, without a join."""
    return SQL(
        "(SELECT %s FROM property_estate tz_e WHERE tz_e.id = %s)",
        local_date_sql(now),
        estate_column,
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
