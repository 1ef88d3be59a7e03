import re

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from ...tools.groups import DESK
from ...tools.row_claims import ClaimedRows, lock_rows
from ...tools.unit_life import estate_joins, local_date_sql

DIRECTIONS = [
    ("incoming", "Received for the Customer"),
    ("outgoing", "Sent for the Customer"),
]
ITEM_TYPES = [
    ("parcel", "Parcel"),
    ("letter", "Letter"),
    ("registered", "Registered Letter"),
    ("document", "Document"),
    ("other", "Other"),
]
STATES = [
    ("received", "Received"),
    ("notified", "Notified"),
    ("picked_up", "Picked Up"),
    ("returned", "Returned to Sender"),
]
CHANNELS = [("email", "E-mail"), ("sms", "SMS"), ("none", "Do Not Notify")]
OPEN_STATES = ("received", "notified")
CLOSED_STATES = ("picked_up", "returned")

# kind of message -> (e-mail template, SMS template)
TEMPLATES = {
    "notice": (
        "property_service_desk.mail_template_parcel_notice",
        "property_service_desk.sms_template_parcel_notice",
    ),
    "reminder": (
        "property_service_desk.mail_template_parcel_reminder",
        "property_service_desk.sms_template_parcel_reminder",
    ),
}


def normalize_tracking_number(number):
    """Scanners and people write tracking numbers with spaces and in lower case."""
    return re.sub(r"\s+", "", number or "").upper() or False


class PropertyParcel(models.Model):
    """A parcel or letter received or sent for a customer (包裹/邮件代收发)."""

    _name = "property.parcel"
    _description = "Parcel or Mail"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "portal.mixin",
        "property.register.mixin",
        "property.system.fields.mixin",
        "property.cron.retry.mixin",
    ]
    _order = "received_at desc, id desc"
    _rec_names_search = ["name", "tracking_number"]
    _register_date_field = "received_at"
    _check_company_auto = True
    _system_sequence_field = "name"
    _system_fields = (
        "name",
        "state",
        "notified_at",
        "notified_channel",
        "notification_count",
        "last_reminded_on",
        "picked_up_at",
        "picked_up_by_name",
        "picked_up_partner_id",
        "handed_over_by_id",
        "pickup_signature",
        "returned_at",
    )

    name = fields.Char(
        string="Reference",
        required=True,
        readonly=True,
        copy=False,
        default="/",
        index="trigram",
    )
    direction = fields.Selection(
        DIRECTIONS,
        required=True,
        default="incoming",
        tracking=True,
        help="Received at the service centre for a customer, or handed in by a customer to be "
        "sent.",
    )
    item_type = fields.Selection(ITEM_TYPES, required=True, default="parcel", tracking=True)
    received_at = fields.Datetime(
        required=True,
        index=True,
        default=fields.Datetime.now,
        tracking=True,
        help="When the service centre took the item in.",
    )
    received_by_id = fields.Many2one(
        "res.users",
        required=True,
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
        tracking=True,
    )
    carrier_id = fields.Many2one(
        "property.parcel.carrier",
        index=True,
        tracking=True,
        ondelete="restrict",
    )
    tracking_number = fields.Char(
        index="trigram",
        tracking=True,
        copy=False,
        help="The carrier's waybill number; spaces are removed and letters upper-cased.",
    )
    estate_id = fields.Many2one(
        "property.estate",
        compute="_compute_estate_id",
        store=True,
        readonly=False,
        required=True,
        index=True,
        check_company=True,
        tracking=True,
        precompute=True,
    )
    company_id = fields.Many2one(related="estate_id.company_id", store=True, index=True)
    unit_id = fields.Many2one(
        "property.unit",
        index="btree_not_null",
        check_company=True,
        tracking=True,
        domain="[('estate_id', '=?', estate_id)]",
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Recipient",
        compute="_compute_partner_id",
        store=True,
        readonly=False,
        index="btree_not_null",
        tracking=True,
        precompute=True,
        help="Incoming: the person the item is for (by default a tenant, else the owner of the "
        "unit). Outgoing: the customer who sends it.",
    )
    addressee = fields.Char(
        string="Name on the Item",
        help="The name written on the item, when it is not a known "
        "customer or differs from the recipient.",
    )
    storage_location = fields.Char(
        tracking=True, help="Where the item is kept until it is collected, e.g. shelf A-3."
    )
    note = fields.Text()
    state = fields.Selection(
        STATES, required=True, default="received", index=True, tracking=True, copy=False
    )
    notify_channel = fields.Selection(
        CHANNELS,
        string="Notify By",
        compute="_compute_notify_channel",
        store=True,
        readonly=False,
        precompute=True,
        help="How the recipient is told that the item is waiting. Default from the Settings: "
        "SMS when the recipient has a mobile number, else e-mail.",
    )
    notified_at = fields.Datetime(readonly=True, copy=False)
    notified_channel = fields.Selection(CHANNELS, string="Notified By", readonly=True, copy=False)
    notification_count = fields.Integer(
        readonly=True, copy=False, help="Notices and reminders sent for this item."
    )
    last_reminded_on = fields.Date(readonly=True, copy=False)
    picked_up_at = fields.Datetime(readonly=True, copy=False, tracking=True)
    picked_up_by_name = fields.Char(
        string="Collected By",
        readonly=True,
        copy=False,
        tracking=True,
        help="The person who collected the item; may differ from the recipient.",
    )
    picked_up_partner_id = fields.Many2one(
        "res.partner", string="Collector Contact", readonly=True, copy=False
    )
    handed_over_by_id = fields.Many2one("res.users", readonly=True, copy=False, tracking=True)
    pickup_signature = fields.Binary(
        string="Collector's Signature", readonly=True, copy=False, attachment=True
    )
    return_reason = fields.Text(copy=False, tracking=True)
    returned_at = fields.Datetime(readonly=True, copy=False)

    # Read-only once collected or returned, except for what the mail thread itself maintains.
    _fields_writable_when_closed = {
        "message_main_attachment_id",
        "message_follower_ids",
        "activity_ids",
        "access_token",
    }

    def init(self):
        result = super().init()
        # The safety net behind _check_tracking_number_unique when two desks scan at once.
        self.env.cr.execute(
            SQL(
                "CREATE UNIQUE INDEX IF NOT EXISTS property_parcel_open_tracking_uniq"
                " ON property_parcel (carrier_id, tracking_number)"
                " WHERE state IN ('received', 'notified') AND tracking_number IS NOT NULL"
            )
        )
        # Uncollected list and reminder cron read only the open items.
        self.env.cr.execute(
            SQL(
                "CREATE INDEX IF NOT EXISTS property_parcel_open_received_at_idx"
                " ON property_parcel (received_at) WHERE state IN ('received', 'notified')"
            )
        )
        return result

    # Creation -------------------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        self._assign_number(vals_list, "property.parcel")
        for vals in vals_list:
            if "tracking_number" in vals:
                vals["tracking_number"] = normalize_tracking_number(vals["tracking_number"])
            self._check_no_open_duplicate(
                vals.get("carrier_id"), vals.get("tracking_number"), vals.get("state", "received")
            )
        parcels = super().create(vals_list)
        parcels._notify_on_receipt()
        return parcels

    def _notify_on_receipt(self):
        to_notify = self.filtered(
            lambda p: (
                p.direction == "incoming" and p.state == "received" and p.notify_channel != "none"
            )
        )
        to_notify._notify_first(raise_if_unreachable=False)

    @api.depends("unit_id")
    def _compute_estate_id(self):
        for parcel in self:
            if parcel.unit_id:
                parcel.estate_id = parcel.unit_id.estate_id

    @api.depends("unit_id")
    def _compute_partner_id(self):
        for parcel in self:
            unit = parcel.unit_id
            people = unit.owner_id | unit.tenant_ids
            if unit and parcel.partner_id not in people:
                parcel.partner_id = unit._default_customer()

    @api.depends("partner_id", "direction", "estate_id")
    def _compute_notify_channel(self):
        for parcel in self:
            parcel.notify_channel = parcel._default_notify_channel()

    def _default_notify_channel(self):
        if self.direction == "outgoing":
            return "none"
        preference = (self.estate_id.company_id or self.env.company).property_parcel_notify_channel
        if preference == "auto":
            return "sms" if self.partner_id.mobile else "email"
        return preference or "email"

    # Rules ----------------------------------------------------------------------------------

    @api.constrains("unit_id", "estate_id")
    def _check_unit_in_estate(self):
        for parcel in self:
            if parcel.unit_id and parcel.unit_id.estate_id != parcel.estate_id:
                raise ValidationError(
                    self.env._(
                        "Unit %(unit)s is not in estate %(estate)s.",
                        unit=parcel.unit_id.display_name,
                        estate=parcel.estate_id.name,
                    )
                )

    def _check_no_open_duplicate(self, carrier_id, number, state):
        """A carrier's tracking number is registered once while the item is waiting.

        Checked before the database sees the row, with a clear message; the partial unique
        index property_parcel_open_tracking_uniq settles two desks scanning at the same moment.
        """
        if not number or state not in OPEN_STATES:
            return
        if duplicate := self._open_duplicates_of(carrier_id, number, self.ids)[:1]:
            carrier = self.env["property.parcel.carrier"].browse(carrier_id)
            raise ValidationError(
                self.env._(
                    "%(carrier)s tracking number %(number)s is already registered as %(ref)s, "
                    "not yet collected. Look it up instead of registering it again.",
                    carrier=carrier.name or self.env._("No carrier"),
                    number=number,
                    ref=duplicate.name,
                )
            )

    def _open_duplicates(self):
        return self._open_duplicates_of(
            self.carrier_id.id, normalize_tracking_number(self.tracking_number), self._origin.ids
        )

    @api.model
    def _open_duplicates_of(self, carrier_id, number, exclude_ids):
        """Waiting items registered with this carrier and tracking number."""
        return self.sudo().search(
            [
                ("id", "not in", exclude_ids),
                ("carrier_id", "=", carrier_id or False),
                ("tracking_number", "=", number),
                ("state", "in", OPEN_STATES),
            ]
        )

    @api.onchange("tracking_number", "carrier_id")
    def _onchange_tracking_number_warn_duplicate(self):
        if not self.tracking_number:
            return None
        self.tracking_number = normalize_tracking_number(self.tracking_number)
        if duplicate := self._open_duplicates()[:1]:
            return {
                "warning": {
                    "title": self.env._("Already registered"),
                    "message": self.env._(
                        "This tracking number is already registered as %(ref)s (%(unit)s), not yet "
                        "collected.",
                        ref=duplicate.name,
                        unit=duplicate.unit_id.display_name or "-",
                    ),
                }
            }
        return None

    @api.constrains("state", "pickup_signature", "picked_up_by_name", "return_reason")
    def _check_closing_is_complete(self):
        for parcel in self:
            if parcel.state == "picked_up" and not (
                parcel.pickup_signature and (parcel.picked_up_by_name or "").strip()
            ):
                raise ValidationError(
                    self.env._(
                        "%s can only be marked picked up with the collector's name and signature.",
                        parcel.name,
                    )
                )
            if parcel.state == "returned" and not (parcel.return_reason or "").strip():
                raise ValidationError(
                    self.env._("Write why %s is returned to the sender.", parcel.name)
                )

    def write(self, vals):
        if "tracking_number" in vals:
            vals["tracking_number"] = normalize_tracking_number(vals["tracking_number"])
        if not self.env.su and set(vals) - self._fields_writable_when_closed:
            if closed := self.filtered(lambda p: p.state in CLOSED_STATES):
                raise UserError(
                    self.env._(
                        "%s is already collected or returned: its record can no longer be changed.",
                        ", ".join(closed.mapped("name")),
                    )
                )
        if {"tracking_number", "carrier_id"} & set(vals):
            for parcel in self:
                parcel._check_no_open_duplicate(
                    vals.get("carrier_id", parcel.carrier_id.id),
                    vals.get("tracking_number", parcel.tracking_number),
                    vals.get("state", parcel.state),
                )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_closed(self):
        if closed := self.filtered(lambda p: p.state in CLOSED_STATES):
            raise UserError(
                self.env._(
                    "%s is already collected or returned: it stays in the register and cannot be "
                    "deleted.",
                    ", ".join(closed.mapped("name")),
                )
            )

    def _compute_access_url(self):
        result = super()._compute_access_url()
        for parcel in self:
            parcel.access_url = f"/my/parcels/{parcel.id}"
        return result

    def _check_open(self, action):
        if closed := self.filtered(lambda p: p.state not in OPEN_STATES):
            raise UserError(
                self.env._(
                    "%(action)s is not possible: %(refs)s is already collected or returned.",
                    action=action,
                    refs=", ".join(closed.mapped("name")),
                )
            )

    # Notification ---------------------------------------------------------------------------

    def action_notify(self):
        """Tell the recipients that their items are waiting (once; see
        action_resend_notification)."""
        self._check_caller(DESK)
        lock_rows(self)
        self._check_open(self.env._("Notifying"))
        if notified := self.filtered("notified_at"):
            raise UserError(
                self.env._(
                    "%s was already notified. Use Re-send Notification to send it again.",
                    ", ".join(notified.mapped("name")),
                )
            )
        if outgoing := self.filtered(lambda p: p.direction == "outgoing"):
            raise UserError(
                self.env._(
                    "%s is sent for the customer: there is nobody to notify.",
                    ", ".join(outgoing.mapped("name")),
                )
            )
        self._notify_first(raise_if_unreachable=True)
        return True

    def _notify_first(self, raise_if_unreachable):
        for parcel in self:
            channel = parcel._send_notification("notice")
            if channel:
                parcel._write_system(
                    {
                        "state": "notified",
                        "notified_at": fields.Datetime.now(),
                        "notified_channel": channel,
                    }
                )
            elif raise_if_unreachable:
                raise UserError(parcel._unreachable_message())
            else:
                parcel.message_post(body=parcel._unreachable_message())

    def _unreachable_message(self):
        return self.env._(
            "%(ref)s: the recipient could not be notified (no recipient, or no e-mail address "
            "and no mobile number, or notification switched off). Call or visit them.",
            ref=self.name,
        )

    def action_resend_notification(self):
        """Send the notice again, e.g. when the recipient says nothing arrived."""
        self._check_caller(DESK)
        lock_rows(self)
        self._check_open(self.env._("Re-sending the notification"))
        if not_yet := self.filtered(lambda p: not p.notified_at):
            raise UserError(
                self.env._(
                    "%s has not been notified yet: use Notify Recipient.",
                    ", ".join(not_yet.mapped("name")),
                )
            )
        for parcel in self:
            if not parcel._send_notification("notice"):
                raise UserError(parcel._unreachable_message())
        return True

    def _effective_channel(self):
        """The chosen channel if the recipient can be reached on it, else the other one."""
        partner = self.partner_id
        if self.notify_channel == "none" or not partner:
            return False
        can_sms = bool(partner.mobile)
        if self.notify_channel == "sms" and can_sms:
            return "sms"
        if partner.email:
            return "email"
        return "sms" if can_sms else False

    def _send_notification(self, kind):
        """Send one notice or reminder to the recipient; return the channel used, or False."""
        self.ensure_one()
        channel = self._effective_channel()
        mail_template, sms_template = TEMPLATES[kind]
        if channel == "sms":
            # Queued: the SMS queue's scheduled action sends it through IAP.
            self._message_sms_with_template(
                template_xmlid=sms_template, partner_ids=self.partner_id.ids, put_in_queue=True
            )
        elif channel == "email":
            self.with_context(mail_notify_force_send=False).message_post_with_source(
                mail_template, message_type="comment", subtype_xmlid="mail.mt_comment"
            )
        if channel:
            self._write_system({"notification_count": self.notification_count + 1})
        return channel

    # Uncollected reminders --------------------------------------------------------------------

    @api.model
    def _cron_remind_uncollected(self, now=None, batch_size=100):
        """Remind recipients of items uncollected for the reminder days of the Settings, again
        every that many days, never twice the same day.

        Rows are claimed with FOR UPDATE SKIP LOCKED so that two workers (or a manual run beside
        the scheduled one) never remind twice; a parcel whose reminder fails waits for a retry
        alone (see ClaimedRows).
        """
        now = now or fields.Datetime.now()
        return self._reminder_queue(now).run(
            lambda parcel: parcel._remind_uncollected(parcel.estate_id._local_date(now)),
            batch_size,
        )

    def _remind_uncollected(self, today):
        self._send_notification("reminder")
        self._write_system({"last_reminded_on": today})

    @api.model
    def _reminder_queue(self, now):
        return ClaimedRows(
            self,
            SQL(
                "p.state = 'notified' AND c.property_parcel_reminder_days > 0"
                " AND p.received_at"
                "     <= %(now)s - make_interval(days => c.property_parcel_reminder_days)"
                " AND (p.last_reminded_on IS NULL"
                "      OR p.last_reminded_on <= %(today)s - c.property_parcel_reminder_days)",
                now=now,
                today=local_date_sql(now),
            ),
            what="Parcel reminders",
            now=now,
            alias="p",
            joins=SQL(
                "JOIN res_company c ON c.id = p.company_id %s", estate_joins(SQL("p.estate_id"))
            ),
            order=SQL("p.received_at, p.id"),
        )

    # Pickup and return ------------------------------------------------------------------------

    def _record_pickup(
        self,
        collector_name,
        signature,
        picked_up_at=None,
        handed_over_by=None,
        collector_partner=None,
    ):
        """The collector signs for the items; the desk hands them over."""
        self._check_caller(DESK)
        if not signature:
            raise UserError(self.env._("The collector must sign before the items are handed over."))
        if not (collector_name or "").strip():
            raise UserError(self.env._("Write the name of the person who collects the items."))
        lock_rows(self)
        self._check_open(self.env._("Handing over"))
        handed_over_by = handed_over_by or self.env.user
        picked_up_at = picked_up_at or fields.Datetime.now()
        self._write_system(
            {
                "state": "picked_up",
                "picked_up_at": picked_up_at,
                "picked_up_by_name": collector_name.strip(),
                "picked_up_partner_id": collector_partner.id if collector_partner else False,
                "handed_over_by_id": handed_over_by.id,
                "pickup_signature": signature,
            }
        )
        for parcel in self:
            parcel.message_post(
                body=self.env._(
                    "Collected by %(who)s on %(when)s; handed over by %(staff)s, signature "
                    "captured.",
                    who=parcel.picked_up_by_name,
                    when=self.estate_id._format_local(picked_up_at),
                    staff=handed_over_by.name,
                )
            )
        return True

    def action_return_to_sender(self):
        self._check_caller(DESK)
        lock_rows(self)
        self._check_open(self.env._("Returning to the sender"))
        for parcel in self:
            if not (parcel.return_reason or "").strip():
                raise UserError(
                    self.env._(
                        "Write in Return Reason why %s goes back to the sender.", parcel.name
                    )
                )
        self._write_system({"state": "returned", "returned_at": fields.Datetime.now()})
        return True

    def action_open_pickup_wizard(self):
        self._check_caller(DESK)
        self._check_open(self.env._("Handing over"))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Hand Over"),
            "res_model": "property.parcel.pickup.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_parcel_ids": self.ids},
        }
