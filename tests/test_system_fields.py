"""Fields the system keeps (tests/access_model.py SYSTEM_FIELDS): no role writes them, over any
path, and the record is unchanged after the attempt; the official record is frozen as a whole."""

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, tagged

from . import move_in_key_fixtures, paper_trail_fixtures, unit_life_fixtures
from .access_model import ROLES, SYSTEM_FIELDS
from .fees import fee_fixtures
from .guard_common import T0, GuardCase, other_value, snapshot
from .oversight import oversight_fixtures
from .renovation_common import (
    RENOVATION_EDITORS,
    renovation_creation_values,
    renovation_records,
)

GUARD = "kept by the system|part of the audit history"
# Guarded by the clocks' own mechanism (models/promises/property_promise.py).
OTHER_GUARDS = ("property.promise",)
# The role that may otherwise edit records of the model: its refusal comes from the guard, not
# from its access rights (None: the real administrator login, for models of other modules).
EDITOR = {
    "helpdesk.ticket": "agent",
    "property.work.order": "engineering_lead",
    "property.work.order.line": "technician",
    "property.callback": "agent",
    "property.parcel": "agent",
    "property.evaluation.campaign": "project_manager",
    "property.evaluation.summary.line": "project_manager",
    "property.complaint.history": "agent",
    "account.move": "accountant",
    "survey.user_input": None,
    **move_in_key_fixtures.EDITORS,
    **RENOVATION_EDITORS,
    **unit_life_fixtures.EDITORS,
    **paper_trail_fixtures.EDITORS,
    **fee_fixtures.EDITORS,
    **oversight_fixtures.EDITORS,
}


# The fixture modules that hold records (RECORDS) and creation values (CREATION_VALUES) of the
# models they guard.
FIXTURE_MODULES = (
    move_in_key_fixtures,
    unit_life_fixtures,
    paper_trail_fixtures,
    fee_fixtures,
    oversight_fixtures,
)


@freeze_time(T0)
class TestSystemFields(GuardCase):
    def record_of(self, model):
        """A record of the model, as the desk would have it in the middle of its life."""
        if model == "helpdesk.ticket":
            return self.complaint_awaiting_decision()
        if model == "property.work.order":
            return self.work_order("dispatched")
        if model == "property.work.order.line":
            return self.work_order("dispatched").line_ids
        if model == "property.callback":
            return self.callback()
        if model == "property.parcel":
            return self.parcel("notified")
        if model == "property.evaluation.campaign":
            return self.campaign("closed")
        if model == "property.evaluation.summary.line":
            return self.campaign("summarised").summary_line_ids
        if model == "property.complaint.history":
            return self.history_row()
        if model == "account.move":
            return self.invoice()
        if model == "survey.user_input":
            return self.survey_answer(self.campaign("sent"))
        if make := renovation_records(self.env, self.unit_a).get(model):
            return make()
        for fixtures in FIXTURE_MODULES:
            if model in fixtures.RECORDS:
                return fixtures.RECORDS[model](self)
        raise AssertionError(f"no fixture for {model}: add one when you guard a new model")

    def creation_values(self, model):
        """What a caller may legitimately send to create a record of the model."""
        for fixtures in FIXTURE_MODULES:
            if model in fixtures.CREATION_VALUES:
                return fixtures.CREATION_VALUES[model](self)
        return {
            "helpdesk.ticket": lambda: {
                "name": "Noise at night",
                "description": "<p>x</p>",
                "unit_id": self.unit_a.id,
                "request_kind": "complaint",
            },
            "property.work.order": lambda: {"ticket_id": self.request("repair").id},
            "property.work.order.line": lambda: {
                "order_id": self.work_order().id,
                "product_id": self.product.id,
            },
            "property.callback": lambda: {"ticket_id": self.request().id, "due_date": "2026-12-01"},
            "property.parcel": lambda: {"unit_id": self.unit_a.id, "notify_channel": "none"},
            "property.evaluation.campaign": lambda: {
                "estate_id": self.estate_a.id,
                "year": 2027,
                "quarter": "1",
            },
            "property.evaluation.summary.line": lambda: {},
            "property.complaint.history": lambda: {},
            "account.move": lambda: {"move_type": "out_invoice", "partner_id": self.owner_a.id},
            "survey.user_input": lambda: {"survey_id": self.survey.id},
            **renovation_creation_values(self.env, self.unit_a),
        }[model]()

    def editor(self, model):
        role = EDITOR[model]
        return self.users[role] if role else self.env.ref("base.user_admin")

    def assertRefusedByTheGuard(self, records, operation, vals):
        """Refused; by the guard itself when the access rights would let the editor do it."""
        granted = (
            self.env["ir.model.access"]
            .with_user(records.env.user)
            .check(records._name, operation, raise_exception=False)
        )
        with self.assertRaisesRegex(AccessError, GUARD if granted else "") as caught:
            getattr(records, operation)(vals)
        return caught

    def test_every_guarded_model_is_covered(self):
        self.assertEqual(set(SYSTEM_FIELDS) - set(OTHER_GUARDS), set(EDITOR))
        for model, names in SYSTEM_FIELDS.items():
            for name in names:
                self.assertIn(name, self.env[model]._fields, f"{model}.{name} does not exist")

    def test_no_role_writes_a_system_field(self):
        for model in EDITOR:
            record = self.record_of(model)
            names = SYSTEM_FIELDS[model]
            before = snapshot(record, names)
            for name in names:
                value = other_value(record, name)
                for role in ROLES:
                    with self.subTest(model=model, field=name, role=role):
                        with self.assertRaises(AccessError):
                            record.with_user(self.users[role]).write({name: value})
                with self.subTest(model=model, field=name, role="editor"):
                    self.assertRefusedByTheGuard(
                        record.with_user(self.editor(model)), "write", {name: value}
                    )
            self.assertEqual(snapshot(record, names), before, f"{model} changed")

    def test_nobody_creates_a_record_with_a_system_field_chosen(self):
        for model in EDITOR:
            Model = self.env[model]
            intake = Model._system_intake_fields if hasattr(Model, "_system_intake_fields") else ()
            for name in SYSTEM_FIELDS[model]:
                if name in intake:
                    continue
                vals = self.creation_values(model)
                default = Model._fields[name].default
                vals[name] = other_value(Model, name, avoid=(default(Model) if default else False,))
                if not vals[name] and Model._fields[name].type == "many2one":
                    # No record to point at yet (the demo has no billing run): make one.
                    vals[name] = self.record_of(Model._fields[name].comodel_name).id
                self.assertTrue(vals[name], f"{model}.{name}: no value to forge")
                count = Model.search_count([])
                with self.subTest(model=model, field=name):
                    self.assertRefusedByTheGuard(
                        Model.with_user(self.editor(model)), "create", vals
                    )
                self.assertEqual(Model.search_count([]), count)

    def test_the_editor_still_edits_what_is_not_kept(self):
        ticket = self.complaint_awaiting_decision()
        ticket.with_user(self.users["agent"]).write({"compensation_amount": 10})
        order = self.work_order("dispatched")
        order.with_user(self.users["technician"]).write({"work_done": "Replaced the valve."})
        order.line_ids.with_user(self.users["technician"]).write({"quantity": 2})
        parcel = self.parcel()
        parcel.with_user(self.users["agent"]).write({"storage_location": "Shelf A-3"})
        self.assertEqual(order.line_ids.quantity, 2)
        self.assertEqual(parcel.storage_location, "Shelf A-3")

    def test_the_official_record_is_frozen(self):
        admin = self.users["administrator"]
        frozen = [
            (self.work_order("signed"), {"work_done": "edited"}),
            (self.work_order("signed").line_ids, {"quantity": 3}),
            (self.work_order("closed").line_ids, {"quantity": 3}),
            (self.work_order("cancelled").line_ids, {"quantity": 3}),
            (self.callback("done"), {"satisfaction": "1"}),
            (self.parcel("picked_up"), {"note": "edited"}),
            (self.campaign("summarised", signed_off=True), {"analysis": "<p>rewritten</p>"}),
        ]
        for record, vals in frozen:
            before = snapshot(record, list(vals))
            for role in (
                "agent",
                "engineering_lead",
                "project_manager",
                "centre_gm",
                "technician",
                "accountant",
            ):
                with self.subTest(record=record, role=role), self.assertRaises(UserError):
                    record.with_user(self.users[role]).write(vals)
            with self.subTest(record=record, role="administrator"):
                with self.assertRaises(UserError):  # an AccessError is a UserError too
                    record.with_user(admin).write(vals)
            self.assertEqual(snapshot(record, list(vals)), before)

    def test_lines_are_edited_by_the_orders_technicians_or_the_desk(self):
        order = self.work_order("on_site")
        other_technician = self._user("psd_guard_tech_2", "group_property_technician")
        self.estate_a.member_ids = [(4, other_technician.id)]
        with self.assertRaises(AccessError):
            self.env["property.work.order.line"].with_user(other_technician).create(
                {"order_id": order.id, "product_id": self.product.id}
            )
        self.env["property.work.order.line"].with_user(self.users["agent"]).create(
            {"order_id": order.id, "product_id": self.product.id}
        )
        self.assertEqual(len(order.line_ids), 2)

    def test_spot_check_result_is_written_while_the_check_is_open(self):
        callback = self.callback("done", spot_check=True)
        manager = self.users["project_manager"]
        callback.with_user(manager).write({"spot_check_note": "Confirmed by phone."})
        callback.with_user(manager).action_spot_check_done()
        self.assertEqual(callback.spot_check_state, "checked")
        with self.assertRaises(AccessError):
            callback.with_user(manager).write({"spot_check_note": "rewritten"})
        self.assertEqual(callback.spot_check_note, "Confirmed by phone.")

    def test_rpc_context_cannot_forge_the_system_write(self):
        """A caller controls the context: no value of it opens the guard."""
        ticket = self.complaint_awaiting_decision()
        agent = self.users["agent"]
        for forged in (True, 1, "1", "true", {"__object__": "sentinel"}):
            with self.subTest(forged=forged), self.assertRaisesRegex(AccessError, GUARD):
                ticket.with_user(agent).with_context(property_system_write=forged).write(
                    {"solution_decision": "accepted"}
                )
        self.assertEqual(ticket.solution_decision, "pending")


@tagged("post_install", "-at_install")
class TestSystemFieldsTable(TransactionCase):
    def test_every_guarded_field_is_in_the_access_model(self):
        """The access model (and so readme/ACCESS.md) names every field a model guards: a field
        added to a model's `_system_fields` without the table fails here."""
        for model_name in self.env.registry:
            model = self.env[model_name]
            guarded = set(getattr(type(model), "_system_fields", ()) or ())
            if not guarded:
                continue
            with self.subTest(model=model_name):
                self.assertLessEqual(guarded, set(SYSTEM_FIELDS.get(model_name, ())))
