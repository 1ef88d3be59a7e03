from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from ...tools.groups import BUSINESS_CLERK, DESK
from ...tools.row_claims import ClaimedRows, lock_rows
from ...tools.unit_life import (
    estate_joins,
    local_date_sql,
    notify_partner,
)
from ..mechanisms.property_input_guard import COUNT

STATES = [("lent", "Lent"), ("returned", "Returned")]


class PropertyLending(models.Model):
    """An item lent to a customer, tracked until it is returned (借用登记)."""

    _name = "property.lending"
    _description = "Lending"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "property.register.mixin",
        "property.system.fields.mixin",
        "property.cron.retry.mixin",
    ]
    _order = "lent_at desc, id desc"
    _register_date_field = "lent_at"
    _check_company_auto = True
    _system_sequence_field = "name"
    _system_fields = (
        "name",
        "state",
        "lent_by_id",
        "returned_at",
        "returned_to_id",
        "reminder_count",
        "last_reminded_on",
    )

    name = fields.Char(string="Reference", required=True, readonly=True, default="/", copy=False)
    item_id = fields.Many2one(
        "property.lending.item",
        required=True,
        index=True,
        check_company=True,
        ondelete="restrict",
        domain="[('estate_id', '=?', estate_id)]",
    )
    estate_id = fields.Many2one(related="item_id.estate_id", store=True, index=True)
    company_id = fields.Many2one(related="item_id.company_id", store=True, index=True)
    unit_id = fields.Many2one(
        "property.unit",
        index="btree_not_null",
        check_company=True,
        domain="[('estate_id', '=?', estate_id)]",
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Borrower",
        required=True,
        index=True,
        help="The customer who borrows the item; told when it is overdue.",
    )
    quantity = fields.Integer(required=True, default=1, bounds=COUNT)
    lent_at = fields.Datetime(required=True, default=fields.Datetime.now, index=True)
    due_at = fields.Datetime(
        string="Due Back",
        compute="_compute_due_at",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
    )
    lent_by_id = fields.Many2one(
        "res.users", readonly=True, copy=False, default=lambda self: self.env.user
    )
    state = fields.Selection(STATES, required=True, default="lent", index=True, tracking=True)
    returned_at = fields.Datetime(readonly=True, copy=False, tracking=True)
    returned_to_id = fields.Many2one("res.users", readonly=True, copy=False)
    reminder_count = fields.Integer(readonly=True, copy=False)
    last_reminded_on = fields.Date(readonly=True, copy=False)
    note = fields.Text()
    is_overdue = fields.Boolean(
        string="Overdue", compute="_compute_is_overdue", search="_search_is_overdue"
    )

    _sql_constraints = [
        ("quantity_positive", "check(quantity > 0)", "Lend at least one item."),
    ]

    @api.depends("item_id", "lent_at")
    def _compute_due_at(self):
        for lending in self:
            if lending.item_id and lending.lent_at:
                lending.due_at = lending.lent_at + timedelta(hours=lending.item_id.loan_hours)
            elif not lending.due_at:
                lending.due_at = lending.lent_at

    def _compute_is_overdue(self):
        now = fields.Datetime.now()
        for lending in self:
            lending.is_overdue = lending.state == "lent" and lending.due_at < now

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on Overdue."))
        overdue = [("state", "=", "lent"), ("due_at", "<", fields.Datetime.now())]
        return overdue if (operator == "=") == value else ["!", *overdue]

    # Creation and rules --------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        self._assign_number(vals_list, "property.lending")
        items = self.env["property.lending.item"].browse(
            [vals["item_id"] for vals in vals_list if vals.get("item_id")]
        )
        # Two desks lending the last umbrella at once: the second waits and sees it gone.
        lock_rows(items.sudo())
        lendings = super().create(vals_list)
        lendings._check_available()
        return lendings

    def _check_available(self):
        for item in self.item_id:
            item.invalidate_recordset(["available_quantity"])
            if item.available_quantity < 0:
                raise ValidationError(
                    self.env._(
                        "Only %(available)s of %(item)s left to lend.",
                        available=item.available_quantity
                        + sum(
                            self.filtered(lambda lend, i=item: lend.item_id == i).mapped("quantity")
                        ),
                        item=item.name,
                    )
                )

    @api.constrains("lent_at", "due_at")
    def _check_due_after_lent(self):
        for lending in self:
            if lending.due_at < lending.lent_at:
                raise ValidationError(self.env._("An item cannot be due back before it is lent."))

    @api.constrains("unit_id", "estate_id")
    def _check_unit_in_estate(self):
        for lending in self:
            if lending.unit_id and lending.unit_id.estate_id != lending.estate_id:
                raise ValidationError(
                    self.env._(
                        "Unit %(unit)s is not in estate %(estate)s.",
                        unit=lending.unit_id.display_name,
                        estate=lending.estate_id.name,
                    )
                )

    def write(self, vals):
        if {"item_id", "quantity"} & vals.keys():
            lock_rows(self.item_id.sudo())
        result = super().write(vals)
        if {"item_id", "quantity"} & vals.keys():
            self._check_available()
        return result

    def _system_frozen(self):
        return self.filtered(lambda lending: lending.state == "returned")

    def _kept_on_record(self):
        return self.filtered(lambda lending: lending.state == "returned")

    # Return ----------------------------------------------------------------------------------

    def action_return(self):
        """The customer brings the item back."""
        self._check_caller(DESK, BUSINESS_CLERK)
        lock_rows(self)
        if returned := self.filtered(lambda lending: lending.state != "lent"):
            raise UserError(
                self.env._("%s is already returned.", ", ".join(returned.mapped("name")))
            )
        self._write_system(
            {
                "state": "returned",
                "returned_at": fields.Datetime.now(),
                "returned_to_id": self.env.user.id,
            }
        )
        self.activity_ids.action_feedback(feedback=self.env._("Returned."))
        return True

    # Overdue reminders -------------------------------------------------------------------------

    @api.model
    def _cron_remind_overdue(self, now=None, batch_size=100):
        """Remind the borrower of an item not back in time, at most once a day."""
        now = now or fields.Datetime.now()
        return self._overdue_queue(now).run(lambda lending: lending._remind(now), batch_size)

    @api.model
    def _overdue_queue(self, now):
        return ClaimedRows(
            self,
            SQL(
                "l.state = 'lent' AND l.due_at < %s"
                " AND (l.last_reminded_on IS NULL OR l.last_reminded_on < %s)",
                now,
                local_date_sql(now),
            ),
            what="Overdue lending reminders",
            now=now,
            alias="l",
            joins=estate_joins(SQL("l.estate_id")),
            by_id=True,
        )

    def _remind(self, now):
        today = self.estate_id._local_date(now)
        body = self.env._(
            "Please return %(quantity)s × %(item)s borrowed from the service centre on "
            "%(lent)s (due back %(due)s). Thank you.",
            quantity=self.quantity,
            item=self.item_id.name,
            lent=self.estate_id._format_local(self.lent_at),
            due=self.estate_id._format_local(self.due_at),
        )
        notify_partner(self, self.partner_id, body)
        if self.lent_by_id and not self.activity_ids:
            self.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=today,
                user_id=self.lent_by_id.id,
                summary=self.env._("Overdue: %s not returned", self.item_id.name),
            )
        self._write_system({"reminder_count": self.reminder_count + 1, "last_reminded_on": today})
