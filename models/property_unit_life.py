"""Small helpers shared by the unit's-life duties (vacant units, lending, daily contact)."""

from datetime import datetime

import pytz

from odoo import fields


def estate_timezone(estate):
    """The estate's time zone: its working calendar's (as the scheduled jobs' SQL reads it)."""
    return pytz.timezone(estate.resource_calendar_id.tz or "UTC")


def estate_local_today(estate, now=None):
    """The estate's calendar day at `now` (UTC, naive)."""
    now = now or fields.Datetime.now()
    return pytz.utc.localize(now).astimezone(estate_timezone(estate)).date()


def estate_day_bounds(estate, day):
    """(start, end) of the estate's calendar day `day`, in naive UTC."""
    tz = estate_timezone(estate)
    start = tz.localize(datetime.combine(day, datetime.min.time()))
    end = tz.localize(datetime.combine(fields.Date.add(day, days=1), datetime.min.time()))
    return (
        start.astimezone(pytz.utc).replace(tzinfo=None),
        end.astimezone(pytz.utc).replace(tzinfo=None),
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
