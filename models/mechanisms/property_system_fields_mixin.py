from odoo import api, models
from odoo.exceptions import AccessError

# Why a sentinel object and not a context flag: over JSON-RPC and XML-RPC the caller sends the
# context, so any string or boolean flag could be forged. No JSON value is this object, and only
# the addon's own code can import it; `self.env.su` (never true for an RPC caller) is trusted too.
_SYSTEM_WRITE = object()
SYSTEM_WRITE_KEY = "property_system_write"


# Fields the mail thread maintains by itself on any record, frozen or not.
MAIL_THREAD_FIELDS = frozenset(
    {
        "message_main_attachment_id",
        "message_follower_ids",
        "activity_ids",
        "message_ids",
        "access_token",
    }
)


def check_caller(records, *group_xmlids, access="write", message=None):
    """The one check of who calls a public method: the caller belongs to one of the groups and
    may `access` the records (their record rules apply). Trusted code that checked its caller
    already runs as superuser (e.g. the portal routes, which check the customer)."""
    env = records.env
    if env.su:
        return
    if not any(env.user.has_group(xmlid) for xmlid in group_xmlids):
        groups = " / ".join(env.ref(xmlid).sudo().name for xmlid in group_xmlids)
        raise AccessError(
            message
            or env._(
                "This action on %(model)s is reserved to: %(groups)s.",
                model=records._description,
                groups=groups,
            )
        )
    records.check_access(access)


def refuse_system_fields(records, names):
    env = records.env
    labels = ", ".join(records._fields[name]._description_string(env) for name in names)
    raise AccessError(
        env._(
            "%(fields)s of %(model)s is kept by the system: it changes only through its "
            "action, not by editing the record.",
            fields=labels,
            model=records._description,
        )
    )


class PropertySystemFieldsMixin(models.AbstractModel):
    """Fields the system keeps (SPEC §9): states, decisions, owners, links to invoices…

    They change only through the model's actions (`_write_system`) or the scheduled jobs, never
    by a caller's `write` or `create`, whatever the views show. The model lists them in
    `_system_fields`; `_system_intake_fields` may still be chosen when the record is created.
    The one guard for the addon's own models and for other modules' models alike (account.move,
    survey.user_input…, which inherit this mixin): each class that extends a model lists its
    own `_system_fields`, and the guard keeps them all (`_system_field_names`).
    `_check_caller` (the module's `check_caller`) is how every public method checks its caller.
    """

    _name = "property.system.fields.mixin"
    _description = "Fields the System Keeps"

    _system_fields = ()
    _system_intake_fields = ()
    # Fields a frozen record (`_system_frozen`) still takes from its actions (a payment or an
    # invoice that comes after a signature); the mail thread's own fields always.
    _system_frozen_writable = frozenset()
    # The record's number, from its sequence (`_assign_number`); listed in `_system_fields` too.
    _system_sequence_field = None

    @api.model_create_multi
    def create(self, vals_list):
        if not self._is_system_write():
            for vals in vals_list:
                self._check_system_fields_on_create(vals)
        return super().create(vals_list)

    def write(self, vals):
        if not self._is_system_write():
            self._check_system_fields_on_write(vals)
        return super().write(vals)

    def _is_system_write(self):
        return self.env.su or self.env.context.get(SYSTEM_WRITE_KEY) is _SYSTEM_WRITE

    def _as_system(self):
        """These records, in an environment where the addon's code may write system fields
        (the caller's access rights and record rules still apply)."""
        return self.with_context(**{SYSTEM_WRITE_KEY: _SYSTEM_WRITE})

    def _write_system(self, vals):
        """Write fields the system keeps: for the actions, after they checked their caller."""
        return self._as_system().write(vals)

    def _system_field_names(self):
        """The `_system_fields` of every class of the model: each extension lists its own."""
        cls = type(self)
        names = cls.__dict__.get("_system_field_names_cache")
        if names is None:
            names = tuple(
                dict.fromkeys(
                    name
                    for klass in reversed(cls.__mro__)
                    for name in vars(klass).get("_system_fields", ())
                )
            )
            cls._system_field_names_cache = names
        return names

    def _check_system_fields_on_write(self, vals):
        if kept := [name for name in self._system_field_names() if name in vals]:
            self._refuse_system_fields(kept)
        if frozen := self._system_frozen():
            if set(vals) - MAIL_THREAD_FIELDS - self._system_frozen_writable:
                raise AccessError(self._system_frozen_message(frozen))

    def _check_system_fields_on_create(self, vals):
        kept = [
            name
            for name in self._system_field_names()
            if name in vals
            and name not in self._system_intake_fields
            and name != self._system_sequence_field
            and vals[name]
            and vals[name] != self._system_field_default(name)
        ]
        if kept:
            self._refuse_system_fields(kept)

    def _assign_number(self, vals_list, sequence_code):
        """The record's number comes from its sequence: a caller does not choose it."""
        field = self._system_sequence_field
        for vals in vals_list:
            if vals.get(field, "/") != "/" and not self._is_system_write():
                self._refuse_system_fields([field])
            if vals.get(field, "/") == "/":
                vals[field] = self.env["ir.sequence"].next_by_code(sequence_code) or "/"

    def _system_field_default(self, name):
        """The field's own default (not one from the caller's context)."""
        field = self._fields[name]
        return field.default(self) if field.default else False

    def _refuse_system_fields(self, names):
        refuse_system_fields(self, names)

    def _system_frozen(self):
        """The records of self that are part of the official record and no longer editable."""
        return self.browse()

    def _system_frozen_message(self, frozen):
        return self.env._(
            "%(records)s is part of the official record: it can no longer be changed.",
            records=frozen._records_label(),
        )

    # Deletion ----------------------------------------------------------------------------------

    @api.ondelete(at_uninstall=False)
    def _unlink_except_official_record(self):
        # Not even as superuser through the ORM (like requests, work orders and parcels): only
        # the addon's own code, e.g. a summary redone before it is signed off.
        if self.env.context.get(SYSTEM_WRITE_KEY) is _SYSTEM_WRITE:
            return
        if kept := self._kept_on_record():
            raise AccessError(
                self.env._(
                    "%(records)s is part of the official record: it cannot be deleted.",
                    records=kept._records_label(),
                )
            )

    def _kept_on_record(self):
        """The records of self that only the addon's own code may delete."""
        return self.browse()

    def _records_label(self):
        return ", ".join(filter(None, self.mapped("display_name"))) or self._description

    # Who calls ---------------------------------------------------------------------------------

    def _check_caller(self, *group_xmlids, access="write", message=None):
        check_caller(self, *group_xmlids, access=access, message=message)
