"""Fixtures of the guard tests: one user per role of the access model, and the records whose
system-kept fields, actions and deletion they try."""

import base64
from contextlib import suppress
from datetime import date

from odoo import Command, fields

from .access_model import PORTAL, ROLES
from .callbacks.test_callback import SIGNATURE
from .common import QUIET, ServiceDeskCase

T0 = ServiceDeskCase.T0


class _Rollback(Exception):
    """Raised to undo an attempt that succeeded, so that the next one starts from the same data."""


class GuardCase(ServiceDeskCase):
    """Estate A with a user of every role of tests/access_model.py (staff are members of the
    estate, portal users are the owner and the tenant of unit A). Decorate each test class with
    `@freeze_time(T0)`: on this base class, freezegun would set the class up on the base and its
    cleanups (closing the test cursor) would never run."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = {role: cls._role_user(role, group) for role, (_l, group) in ROLES.items()}
        staff = [u.id for role, u in cls.users.items() if role not in PORTAL]
        cls.estate_a.write(
            {
                "member_ids": [Command.link(uid) for uid in staff],
                "engineering_lead_id": cls.users["engineering_lead"].id,
            }
        )
        cls.product = cls.env["product.product"].create(
            {"name": "Pipe repair (service)", "type": "service", "list_price": 120, "taxes_id": []}
        )
        cls.unit_a.warranty_end_date = date(2020, 1, 1)  # repairs are paid
        cls.survey = cls.env.ref("property_service_desk.survey_survey_customer_evaluation")

    @classmethod
    def _role_user(cls, role, group):
        login = f"psd_guard_{role}"
        if role in PORTAL:
            partner = cls.owner_a if role == "portal_owner" else cls.tenant_a
            return (
                cls.env["res.users"]
                .with_context(**QUIET)
                .create(
                    {
                        "login": login,
                        "partner_id": partner.id,
                        "groups_id": [Command.set([cls.env.ref(group).id])],
                    }
                )
            )
        return (
            cls.env["res.users"]
            .with_context(**QUIET)
            .create(
                {
                    "login": login,
                    "name": role,
                    "email": f"{login}@example.com",
                    "groups_id": [
                        Command.set([cls.env.ref("base.group_user").id, cls.env.ref(group).id])
                    ],
                }
            )
        )

    def customer_of(self, role):
        """The customer a fixture is made for: the portal user's partner, else the owner."""
        return self.users[role].partner_id if role in PORTAL else self.owner_a

    # Records ------------------------------------------------------------------------------

    def request(self, kind="basic", role=None, **vals):
        return self._ticket(
            request_kind=kind,
            unit_id=self.unit_a.id,
            received_at=T0,
            partner_id=self.customer_of(role).id if role else self.owner_a.id,
            **vals,
        )

    def complaint_awaiting_decision(self, role=None):
        ticket = self.request("complaint", role=role, name="Security guard was rude")
        ticket.action_propose_solution("We apologise and retrain the guard.")
        return ticket

    def work_order(self, state="draft", role=None, lines=True, quantity=1, customer_signs=True):
        ticket = self.request("repair", role=role, name="Leaking pipe")
        order = self.env["property.work.order"].create(
            {
                "ticket_id": ticket.id,
                "technician_ids": [Command.set(self.users["technician"].ids)],
                "partner_id": self.customer_of(role).id if role else self.owner_a.id,
            }
        )
        if lines:
            self.env["property.work.order.line"].create(
                {"order_id": order.id, "product_id": self.product.id, "quantity": quantity}
            )
        steps = ["dispatched", "on_site", "done", "signed", "closed"]
        if state in steps:
            order.action_dispatch()
        if state in steps[1:]:
            order.action_check_in()
        if state in steps[2:]:
            order.action_done()
            order.technician_signature = SIGNATURE
            if customer_signs:
                order.customer_signature = SIGNATURE
        if state in steps[3:]:
            if order.charge_type == "paid":
                order.action_create_invoice()
            order.action_sign()
        if state == "closed":
            order.action_close()
        if state == "cancelled":
            order.action_cancel("Customer fixed it himself.")
        return order

    def callback(self, state="to_do", role=None, spot_check=False):
        ticket = self.request(role=role, name="Light bulb in the lobby")
        callback = self.env["property.callback"].create(
            {
                "ticket_id": ticket.id,
                "due_date": date(2026, 11, 30),
                "method": "phone",
                "phone_attestation": True,
                "satisfaction": "5",
            }
        )
        if state == "done":
            callback.action_done()
        if spot_check:
            callback._write_system({"spot_check_state": "to_check"})
            callback.spot_check_note = "Called the customer again: confirmed."
        return callback

    def parcel(self, state="received", notify_channel="none", **vals):
        parcel = self.env["property.parcel"].create(
            {
                "unit_id": self.unit_a.id,
                "notify_channel": "none",
                "return_reason": "Refused by the recipient.",
                **vals,
            }
        )
        parcel.notify_channel = notify_channel
        if state == "picked_up":
            parcel._record_pickup("王芳", SIGNATURE)
        elif state == "returned":
            parcel.action_return_to_sender()
        elif state == "notified":
            parcel._write_system({"state": "notified", "notified_at": T0})
        return parcel

    def campaign(self, state="draft", signed_off=False, year=None):
        """A campaign of a quarter of its own (one per estate and quarter)."""
        Campaign = self.env["property.evaluation.campaign"]
        year = year or 2000 + Campaign.search_count([("estate_id", "=", self.estate_a.id)])
        campaign = Campaign.create({"estate_id": self.estate_a.id, "year": year, "quarter": "4"})
        if state != "draft":
            campaign._write_system({"state": state})
        if state == "summarised":
            self.env["property.evaluation.summary.line"].create(
                {
                    "campaign_id": campaign.id,
                    "line_type": "rating",
                    "sequence": 1,
                    "satisfied_count": 3,
                    "fair_count": 1,
                    "dissatisfied_count": 1,
                }
            )
        if signed_off:
            campaign.action_sign_off()
        return campaign

    def history_row(self):
        return self.complaint_awaiting_decision().complaint_history_ids[:1]

    def invoice(self):
        return self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": self.owner_a.id,
                "invoice_line_ids": [Command.create({"name": "Repair", "price_unit": 10})],
            }
        )

    def survey_answer(self, campaign):
        return self.survey._create_answer(
            partner=self.owner_a,
            check_attempts=False,
            evaluation_campaign_id=campaign.id,
            unit_id=self.unit_a.id,
        )

    # Attempts ------------------------------------------------------------------------------

    def attempt_and_undo(self, function):
        """Run `function`, then undo whatever it did; return what it raised, or None."""
        error = None
        with suppress(_Rollback), self.env.cr.savepoint():
            try:
                function()
            except Exception as caught:  # noqa: BLE001 - the caller judges it
                error = caught
            raise _Rollback()
        self.env.invalidate_all()
        self.env.cr.precommit.clear()
        return error


def other_value(record, name, avoid=()):
    """A value of field `name` that differs from the record's (what a forger would write)."""
    field = record._fields[name]
    current = record[name]
    avoid = (current, *avoid)
    if field.type == "boolean":
        return not current
    if field.type in ("integer", "float", "monetary"):
        return (current or 0) + 7
    if field.type in ("char", "text"):
        return "forged"
    if field.type == "html":
        return "<p>forged</p>"
    if field.type == "date":
        return date(2020, 1, 2)
    if field.type == "datetime":
        return fields.Datetime.to_datetime("2020-01-02 03:04:05")
    if field.type == "binary":
        return base64.b64encode(b"forged")
    if field.type == "selection":
        values = field.get_values(record.env)
        return next(value for value in values if value not in avoid)
    if field.type == "many2one":
        other = (
            record.env[field.comodel_name]
            .sudo()
            .search([("id", "!=", current.id)], limit=1, order="id desc")
        )
        return other.id
    if field.type == "one2many":
        return [Command.clear()]
    raise NotImplementedError(field.type)


def snapshot(record, names):
    record.invalidate_recordset()
    return {name: record[name] for name in names}
