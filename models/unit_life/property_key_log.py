from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from ...tools.groups import DESK
from ...tools.local_time import local_date_sql
from ...tools.row_claims import ClaimedRows, lock_rows
from ..mechanisms.property_cron_retry_mixin import CRON_FIELDS
from ..mechanisms.property_system_fields_mixin import MAIL_THREAD_FIELDS

PURPOSES = [
    ("repair", "Repair"),
    ("emergency", "Emergency Entry"),
    ("vacant_inspection", "Vacant-unit Inspection"),
    ("owner_request", "Owner's Request"),
]
EMERGENCIES = [("leak", "Water Leak"), ("fire", "Fire"), ("gas", "Gas Leak")]
# While the keys are out, the staff may still add the written record and the photos.
WRITABLE_WHILE_OUT = frozenset({"entry_report", "photo_ids", "note"})


class PropertyKeyLog(models.Model):
    """One use of a key set (钥匙借用): append-only, never deleted."""

    _name = "property.key.log"
    _description = "Key Use"
    _inherit = [
        "mail.thread",
        "property.register.mixin",
        "property.attachment.owner.mixin",
        "property.system.fields.mixin",
        "property.cron.retry.mixin",
    ]
    _order = "out_at desc, id desc"
    _register_date_field = "out_at"
    _check_company_auto = True
    _system_sequence_field = "name"
    _system_fields = (
        "name",
        "key_set_id",
        "authorisation_id",
        "out_at",
        "handed_out_by_id",
        "back_at",
        "received_back_by_id",
        "owner_notified_at",
        "owner_notified_channel",
        "overdue_flagged_at",
    )
    # Chosen when the use is recorded, then kept.
    _system_intake_fields = ("key_set_id",)

    name = fields.Char(
        string="Number", required=True, readonly=True, copy=False, default="/", index="trigram"
    )
    key_set_id = fields.Many2one(
        "property.key.set", required=True, index=True, ondelete="restrict", check_company=True
    )
    unit_id = fields.Many2one(related="key_set_id.unit_id", store=True, index=True)
    estate_id = fields.Many2one(related="key_set_id.estate_id", store=True, index=True)
    company_id = fields.Many2one(related="key_set_id.company_id", store=True, index=True)
    owner_id = fields.Many2one(related="key_set_id.unit_id.owner_id", string="Owner")
    authorisation_id = fields.Many2one(
        "property.key.authorisation", readonly=True, help="The authorisation valid when taken."
    )
    purpose = fields.Selection(PURPOSES, required=True, default="repair")
    emergency_kind = fields.Selection(EMERGENCIES, string="Emergency")
    reason = fields.Char(required=True, help="What the keys are for, e.g. the request number.")
    ticket_id = fields.Many2one(
        "helpdesk.ticket", string="Request", check_company=True, index="btree_not_null"
    )
    taken_by_id = fields.Many2one(
        "res.users",
        required=True,
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
    )
    authorised_by_id = fields.Many2one(
        "res.users",
        required=True,
        domain="[('share', '=', False)]",
        help="The manager who allowed the use.",
    )
    accompanied_by_ids = fields.Many2many(
        "res.users",
        "property_key_log_accompanied_rel",
        "log_id",
        "user_id",
        domain="[('share', '=', False)]",
    )
    out_at = fields.Datetime(readonly=True, index=True)
    handed_out_by_id = fields.Many2one("res.users", readonly=True)
    back_at = fields.Datetime(readonly=True, index=True)
    received_back_by_id = fields.Many2one("res.users", readonly=True)
    state = fields.Selection(
        [("out", "Out"), ("back", "Back")], compute="_compute_state", store=True, index=True
    )
    entry_report = fields.Text(
        string="Written Record", help="Emergency entry: what was found and done in the unit."
    )
    photo_ids = fields.Many2many(
        "ir.attachment",
        "property_key_log_photo_rel",
        "log_id",
        "attachment_id",
        string="Photos",
    )
    note = fields.Text()
    owner_notified_at = fields.Datetime(readonly=True)
    owner_notified_channel = fields.Selection([("email", "E-mail"), ("sms", "SMS")], readonly=True)
    overdue_flagged_at = fields.Datetime(
        string="Flagged Not Back", readonly=True, help="Not back by the end of the day."
    )

    @api.depends("back_at")
    def _compute_state(self):
        for log in self:
            log.state = "back" if log.back_at else "out"

    # Handing out ----------------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        self._check_caller(DESK, access="create")
        self._assign_number(vals_list, "property.key.log")
        for vals in vals_list:
            self._check_system_fields_on_create(vals)
        now = fields.Datetime.now()
        logs = self.browse()
        for vals in vals_list:
            key_set = self.env["property.key.set"].browse(vals.get("key_set_id"))
            lock_rows(key_set)
            self._check_hand_out(key_set, vals, now)
            vals.update(
                {
                    "out_at": now,
                    "handed_out_by_id": self.env.uid,
                    "authorisation_id": key_set.authorisation_id.id
                    if vals.get("purpose") != "emergency"
                    or key_set.authorisation_id._is_valid_on(key_set.estate_id._local_date(now))
                    else False,
                }
            )
            logs |= super(PropertyKeyLog, self._as_system()).create([vals])
        logs = logs.with_env(self.env)
        for log in logs:
            log._tell_owner()
        return logs

    @api.model
    def _check_hand_out(self, key_set, vals, now):
        if not key_set:
            raise ValidationError(self.env._("Choose the key set that is handed out."))
        if key_set.current_log_id:
            out = key_set.current_log_id
            raise UserError(
                self.env._(
                    "Key set %(set)s is already out (%(log)s, taken by %(who)s): it must come "
                    "back first.",
                    set=key_set.name,
                    log=out.name,
                    who=out.taken_by_id.name,
                )
            )
        purpose = vals.get("purpose", "repair")
        if purpose == "emergency":
            self._check_emergency(vals)
        elif not key_set.authorisation_id._is_valid_on(key_set.estate_id._local_date(now)):
            raise UserError(
                self.env._(
                    "Key set %(set)s cannot be handed out: the owner's key authorisation "
                    "%(auth)s is not valid today (valid %(start)s to %(end)s, or revoked). "
                    "Only an emergency entry may use the keys without it.",
                    set=key_set.name,
                    auth=key_set.authorisation_id.name,
                    start=key_set.authorisation_id.valid_from,
                    end=key_set.authorisation_id.valid_until,
                )
            )

    @api.model
    def _check_emergency(self, vals):
        if not vals.get("emergency_kind"):
            raise UserError(
                self.env._("Emergency entry: say what the emergency is (leak, fire or gas).")
            )
        taker = vals.get("taken_by_id") or self.env.uid
        companions = set()
        for command in vals.get("accompanied_by_ids") or []:
            if command[0] == 6:
                companions |= set(command[2])
            elif command[0] == 4:
                companions.add(command[1])
        if not companions - {taker}:
            raise UserError(
                self.env._(
                    "Emergency entry without the owner needs two staff: add the colleague who "
                    "goes in with %s.",
                    self.env["res.users"].browse(taker).name,
                )
            )

    # Telling the owner ----------------------------------------------------------------------

    def _tell_owner(self):
        """The owner is told of every use, at once, unless they asked for it themselves."""
        self.ensure_one()
        if self.purpose == "owner_request":
            return
        owner = self.unit_id.owner_id
        if owner.email:
            # An emergency entry is told at once; other uses go with the mail queue.
            self.with_context(
                mail_notify_force_send=self.purpose == "emergency"
            ).message_post_with_source(
                "property_service_desk.mail_template_key_use",
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
            channel = "email"
        elif owner.mobile:
            self._message_sms_with_template(
                template_xmlid="property_service_desk.sms_template_key_use",
                partner_ids=owner.ids,
                put_in_queue=True,
            )
            channel = "sms"
        else:
            self.message_post(
                body=self.env._(
                    "The owner of %(unit)s has no e-mail address and no mobile number: call "
                    "them to tell them the keys were used.",
                    unit=self.unit_id.display_name,
                )
            )
            return
        self._write_system(
            {"owner_notified_at": fields.Datetime.now(), "owner_notified_channel": channel}
        )

    # Back -----------------------------------------------------------------------------------

    def action_return(self):
        """The keys are back in the cabinet."""
        self._check_caller(DESK)
        lock_rows(self)
        if back := self.filtered("back_at"):
            raise UserError(self.env._("%s is already back.", ", ".join(back.mapped("name"))))
        for log in self.filtered(lambda log: log.purpose == "emergency"):
            if not log.photo_ids or not (log.entry_report or "").strip():
                raise UserError(
                    self.env._(
                        "%s was an emergency entry: attach the photos and write the record of "
                        "what was found and done before the keys are checked back in.",
                        log.name,
                    )
                )
        self._write_system({"back_at": fields.Datetime.now(), "received_back_by_id": self.env.uid})
        return True

    # Append-only ----------------------------------------------------------------------------

    def _check_system_fields_on_write(self, vals):
        result = super()._check_system_fields_on_write(vals)
        # The retry state is refused by its own mixin, with its own message.
        editable = WRITABLE_WHILE_OUT | MAIL_THREAD_FIELDS | set(CRON_FIELDS)
        if set(vals) - editable:
            raise AccessError(
                self.env._(
                    "A key use is part of the key log: only its written record, photos and note "
                    "can be added, and only while the keys are out."
                )
            )
        return result

    def _system_frozen(self):
        return self.filtered("back_at")

    def _system_frozen_message(self, frozen):
        return self.env._(
            "%(logs)s is back and part of the key log: it can no longer be changed.",
            logs=frozen._records_label(),
        )

    def _kept_on_record(self):
        return self

    # Not back by the end of the day ---------------------------------------------------------

    @api.model
    def _cron_flag_not_back(self, now=None, batch_size=100):
        """Flag to the service-centre GM every key not back by the end of the estate's day.

        Rows are claimed (ClaimedRows): two workers never flag one use twice. The day is cut in
        the estate's zone (its `tz`), as property.estate._local_date does."""
        now = now or fields.Datetime.now()
        tz = SQL("e.tz")
        queue = ClaimedRows(
            self,
            SQL(
                "l.back_at IS NULL AND l.overdue_flagged_at IS NULL AND %s < %s",
                local_date_sql(SQL("l.out_at"), tz),
                local_date_sql(SQL("%s", now), tz),
            ),
            what="Keys not back",
            now=now,
            alias="l",
            joins=SQL("JOIN property_estate e ON e.id = l.estate_id"),
            order=SQL("l.out_at, l.id"),
        )
        return queue.run(lambda log: log._flag_not_back(now), batch_size)

    def _flag_not_back(self, now):
        if not self._is_not_back_today(now):
            return
        manager = self.estate_id.service_centre_manager_id or self.estate_id.project_manager_id
        key_set = self.key_set_id
        summary = self.env._(
            "Keys not back: %(set)s (%(unit)s)", set=key_set.name, unit=self.unit_id.display_name
        )
        note = self.env._(
            "%(log)s: taken by %(who)s at %(out)s for %(reason)s, not back by the end of the day.",
            log=self.name,
            who=self.taken_by_id.name,
            out=self.estate_id._format_local(self.out_at),
            reason=self.reason,
        )
        if manager:
            key_set.sudo().activity_schedule(
                "property_service_desk.mail_activity_type_key_not_back",
                date_deadline=self.estate_id._local_date(now),
                user_id=manager.id,
                summary=summary,
                note=note,
            )
        else:
            key_set.sudo().message_post(body=note)
        self._write_system({"overdue_flagged_at": now})

    def _is_not_back_today(self, now=None):
        """Out past the end of the estate's day of taking."""
        self.ensure_one()
        now = now or fields.Datetime.now()
        return not self.back_at and now > self.estate_id._local_end_of_day(self.out_at)
