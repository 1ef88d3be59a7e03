"""Every public method checks its caller (tests/access_model.py ACTION_CALLERS): each role not in
the table is refused with an AccessError and the record is unchanged; each role in it gets past
the check (the method does its work)."""

from datetime import date, timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError

from . import move_in_key_fixtures, paper_trail_fixtures, unit_life_fixtures
from .access_model import ACTION_CALLERS, PORTAL, ROLES, SYSTEM_FIELDS
from .callbacks.test_callback import SIGNATURE
from .fees import fee_fixtures
from .guard_common import T0, GuardCase, snapshot
from .oversight import oversight_fixtures
from .renovation_common import renovation_action_cases

# The clocks' own methods, tested with the clocks (models/promises/helpdesk_ticket_promise.py,
# tests/promises/test_clocks.py).
CLOCKS = {
    ("helpdesk.ticket", "action_start_response"),
    ("helpdesk.ticket", "action_check_in"),
    ("helpdesk.ticket", "action_open_time_correction_wizard"),
    ("helpdesk.ticket", "action_correct_time"),
    ("property.ticket.time.correction.wizard", "action_confirm"),
}
LENDING_REGISTER = "property_service_desk.property_lending_report_register"
MAIL = {
    "subject": "Water leaking",
    "body": "<p>From the ceiling.</p>",
    "email_from": "wf@example.com",
    "to": "helpdesk@example.com",
    "message_id": "<guard-test@example.com>",
    "attachments": [],
}


class ActionCallersCase(GuardCase):
    """The cases and the attempt; the test classes below try them. The cases are tried in SHARES
    classes, each the k-th of every SHARES cases, so that the shards of scripts/test.sh share the
    longest tests of the suite (each test of these classes is a part of its own)."""

    shard_each_test = True
    share = None  # (k, SHARES): this class tries the cases whose place in order is k modulo SHARES

    def owner_seen_by(self, role):
        if role == "technician":  # it reads only the people of its open orders
            self.work_order("dispatched")
        return self.owner_a

    def cases(self):
        """(model, method) -> (fixture(role) -> (record, watched record), call(record))."""
        order, cb, parcel, campaign = self.work_order, self.callback, self.parcel, self.campaign

        def req(kind="basic", role=None, **vals):
            """A request of the role's customer (portal) or handled by the role (staff)."""
            if role and role not in PORTAL:
                return self.request(kind, user_id=self.users[role].id, **vals)
            return self.request(kind, role=role, **vals)

        def record(make):
            """The record the method is called on is the one watched."""

            def fixture(role):
                rec = make(role)
                return rec, rec

            return fixture

        def model(name, watched=None):
            def fixture(role):
                return self.env[name], watched(role) if watched else self.env[name]

            return fixture

        def wizard(name, values):
            def fixture(role):
                vals, watched = values(role)
                return self.env[name].with_context(wizard_vals=vals), watched

            return fixture

        def confirm(method="action_confirm"):
            return lambda wiz: getattr(wiz.create(wiz.env.context["wizard_vals"]), method)()

        complaint = lambda role: req("complaint", role=role)  # noqa: E731

        def approved(work_order):
            work_order.action_approve()
            return work_order

        def common(work_order):
            work_order.ticket_id.area_scope = "common"
            return work_order

        def with_surplus(work_order):
            """A prepayment above the final amount, returned by a credit note to refund."""
            work_order.action_create_invoice()
            refund = work_order._create_posted_invoice(
                [work_order._prepayment_line_vals(50)], move_type="out_refund"
            )
            work_order._write_system({"refund_move_id": refund.id})
            return work_order

        def housing_complaint(role):
            self.estate_a.warranty_office_partner_id = self.owner_a
            ticket = req("complaint", role=role)
            ticket.cause_class = "class_2"
            return ticket

        def chain_complaint(role):
            """A minor complaint of an estate whose chain is held by the role users."""
            self.estate_a.write(
                {
                    field: self.users[chain_role].id
                    for field, chain_role in (
                        ("project_manager_id", "project_manager"),
                        ("operations_manager_id", "operations_gm"),
                        ("division_lead_id", "division_lead"),
                        ("service_centre_manager_id", "centre_gm"),
                    )
                }
            )
            return req("complaint", role=role)

        awaiting = self.complaint_awaiting_decision
        this_quarter = lambda state: lambda role: campaign(state, year=2026)  # noqa: E731
        survey = "property_service_desk.survey_survey_customer_evaluation"
        overall = self.env.ref(f"{survey}_q_overall")
        fair = self.env.ref(f"{survey}_q_overall_fair")
        paper_answers = {overall.id: fair.id}
        return {
            ("helpdesk.ticket", "action_decline"): (
                record(lambda role: req(role=role)),
                lambda r: r.action_decline("Outside our services."),
            ),
            ("helpdesk.ticket", "action_open_decline_wizard"): (
                record(lambda role: req(role=role)),
                lambda r: r.action_open_decline_wizard(),
            ),
            ("helpdesk.ticket", "action_change_severity"): (
                record(complaint),
                lambda r: r.action_change_severity("major", "Media called."),
            ),
            ("helpdesk.ticket", "action_propose_solution"): (
                record(chain_complaint),
                lambda r: r.action_propose_solution("We apologise."),
            ),
            ("helpdesk.ticket", "action_accept_solution"): (
                record(awaiting),
                lambda r: r.action_accept_solution(),
            ),
            ("helpdesk.ticket", "action_reject_solution"): (
                record(awaiting),
                lambda r: r.action_reject_solution("Not enough."),
            ),
            ("helpdesk.ticket", "action_start_warranty_repair"): (
                record(housing_complaint),
                lambda r: r.action_start_warranty_repair(),
            ),
            ("helpdesk.ticket", "action_settle_on_the_spot"): (
                # A free repair (a warranty one): a paid repair is never fixed on the spot.
                record(
                    lambda role: req(
                        "repair", role=role, progress_note="Tap tightened.", is_warranty_repair=True
                    )
                ),
                lambda r: r.action_settle_on_the_spot(),
            ),
            ("helpdesk.ticket", "action_view_work_orders"): (
                record(lambda role: req("repair", role=role)),
                lambda r: r.action_view_work_orders(),
            ),
            ("helpdesk.ticket", "message_new"): (
                model("helpdesk.ticket"),
                lambda m: m.message_new(dict(MAIL)),
            ),
            ("property.work.order", "action_dispatch"): (
                record(lambda role: approved(order())),
                lambda r: r.action_dispatch(),
            ),
            ("property.work.order", "action_approve"): (
                record(lambda role: order()),
                lambda r: r.action_approve(),
            ),
            ("property.work.order", "action_accept"): (
                record(lambda role: common(order("done"))),
                lambda r: r.action_accept(),
            ),
            ("property.work.order", "action_collect_fee"): (
                record(lambda role: order("done")),
                lambda r: r.action_collect_fee("cash"),
            ),
            ("property.work.order", "action_refund_surplus"): (
                record(lambda role: with_surplus(order("done"))),
                lambda r: r.action_refund_surplus(),
            ),
            ("property.work.order", "action_check_in"): (
                record(lambda role: order("dispatched")),
                lambda r: r.action_check_in(),
            ),
            ("property.work.order", "action_add_material"): (
                record(lambda role: order("dispatched")),
                lambda r: r.action_add_material(),
            ),
            ("property.work.order", "action_done"): (
                record(lambda role: order("on_site")),
                lambda r: r.action_done(),
            ),
            ("property.work.order", "action_sign"): (
                record(lambda role: order("done")),
                lambda r: r.action_sign(),
            ),
            ("property.work.order", "action_close"): (
                record(lambda role: order("signed")),
                lambda r: r.action_close(),
            ),
            ("property.work.order", "action_cancel"): (
                record(lambda role: order()),
                lambda r: r.action_cancel("Fixed by himself."),
            ),
            ("property.work.order", "action_create_rework"): (
                record(lambda role: order("done")),
                lambda r: r.action_create_rework(),
            ),
            ("property.work.order", "action_create_prepayment"): (
                record(lambda role: order(quantity=10)),
                lambda r: r.action_create_prepayment(),
            ),
            ("property.work.order", "action_create_invoice"): (
                record(lambda role: order("done")),
                lambda r: r.action_create_invoice(),
            ),
            ("property.work.order", "action_view_invoice"): (
                record(lambda role: order("signed")),
                lambda r: r.action_view_invoice(),
            ),
            ("property.work.order", "action_sign_from_portal"): (
                record(lambda role: order("done", role=role, customer_signs=False)),
                lambda r: r.action_sign_from_portal(SIGNATURE),
            ),
            ("property.callback", "action_done"): (
                record(lambda role: cb()),
                lambda r: r.action_done(),
            ),
            ("property.callback", "action_spot_check_done"): (
                record(lambda role: cb("done", spot_check=True)),
                lambda r: r.action_spot_check_done(),
            ),
            ("property.callback", "action_answer_from_portal"): (
                record(lambda role: cb(role=role)),
                lambda r: r.action_answer_from_portal({"satisfaction": "5"}),
            ),
            ("property.parcel", "action_notify"): (
                record(lambda role: parcel(notify_channel="email")),
                lambda r: r.action_notify(),
            ),
            ("property.parcel", "action_resend_notification"): (
                record(lambda role: parcel("notified", notify_channel="email")),
                lambda r: r.action_resend_notification(),
            ),
            ("property.parcel", "action_return_to_sender"): (
                record(lambda role: parcel()),
                lambda r: r.action_return_to_sender(),
            ),
            ("property.parcel", "action_open_pickup_wizard"): (
                record(lambda role: parcel()),
                lambda r: r.action_open_pickup_wizard(),
            ),
            ("property.evaluation.campaign", "action_send_invitations"): (
                record(this_quarter("draft")),
                lambda r: r.action_send_invitations(),
            ),
            ("property.evaluation.campaign", "action_send_reminders"): (
                record(this_quarter("sent")),
                lambda r: r.action_send_reminders(),
            ),
            ("property.evaluation.campaign", "action_close_collection"): (
                record(this_quarter("sent")),
                lambda r: r.action_close_collection(),
            ),
            ("property.evaluation.campaign", "action_summarise"): (
                record(this_quarter("closed")),
                lambda r: r.action_summarise(),
            ),
            ("property.evaluation.campaign", "action_sign_off"): (
                record(this_quarter("summarised")),
                lambda r: r.action_sign_off(),
            ),
            ("property.evaluation.campaign", "action_publish_to_staff"): (
                record(this_quarter("summarised")),
                lambda r: r.action_publish_to_staff(),
            ),
            ("property.evaluation.campaign", "action_view_answers"): (
                record(this_quarter("sent")),
                lambda r: r.action_view_answers(),
            ),
            ("property.evaluation.campaign", "action_print_summary"): (
                record(this_quarter("summarised")),
                lambda r: r.action_print_summary(),
            ),
            ("property.evaluation.campaign", "action_enter_paper_form"): (
                record(this_quarter("sent")),
                lambda r: r.action_enter_paper_form(
                    self.unit_a.id, self.unit_a.owner_id.id, paper_answers
                ),
            ),
            ("property.estate", "action_view_buildings"): (
                record(lambda role: self.estate_a),
                lambda r: r.action_view_buildings(),
            ),
            ("property.estate", "action_view_units"): (
                record(lambda role: self.estate_a),
                lambda r: r.action_view_units(),
            ),
            ("property.estate", "action_view_tickets"): (
                record(lambda role: self.estate_a),
                lambda r: r.action_view_tickets(),
            ),
            ("property.building", "action_view_units"): (
                record(lambda role: self.building_a),
                lambda r: r.action_view_units(),
            ),
            ("property.unit", "action_view_tickets"): (
                record(lambda role: self.unit_a),
                lambda r: r.action_view_tickets(),
            ),
            ("res.partner", "action_view_property_units"): (
                record(self.owner_seen_by),
                lambda r: r.action_view_property_units(),
            ),
            ("property.kpi.monthly", "get_dashboard"): (
                model("property.kpi.monthly"),
                lambda m: m.get_dashboard(),
            ),
            ("property.kpi.monthly", "action_open_kpi_records"): (
                model("property.kpi.monthly"),
                lambda m: m.action_open_kpi_records("satisfaction", "numerator"),
            ),
            ("property.request.decline.wizard", "action_confirm"): (
                wizard(
                    "property.request.decline.wizard",
                    lambda role: (
                        lambda t: ({"ticket_ids": t.ids, "reason": "Outside our services."}, t)
                    )(req(role=role)),
                ),
                confirm(),
            ),
            ("property.ticket.reschedule.wizard", "action_confirm"): (
                wizard(
                    "property.ticket.reschedule.wizard",
                    lambda role: (
                        lambda t: (
                            {
                                "ticket_id": t.id,
                                "agreed_at": T0 + timedelta(days=1),
                                "reason": "The customer is away.",
                            },
                            t,
                        )
                    )(req("repair")),
                ),
                confirm(),
            ),
            ("property.complaint.solution.wizard", "action_confirm"): (
                wizard(
                    "property.complaint.solution.wizard",
                    # The desk records the customer's rejection (proposing is the complaint
                    # owner's: helpdesk.ticket.action_propose_solution).
                    lambda role: (
                        lambda t: ({"ticket_id": t.id, "mode": "reject", "text": "Not enough."}, t)
                    )(awaiting(role)),
                ),
                confirm(),
            ),
            ("property.complaint.severity.wizard", "action_confirm"): (
                wizard(
                    "property.complaint.severity.wizard",
                    lambda role: (
                        lambda t: ({"ticket_id": t.id, "severity": "major", "reason": "Media."}, t)
                    )(complaint(role)),
                ),
                confirm(),
            ),
            ("property.work.order.cancel.wizard", "action_confirm"): (
                wizard(
                    "property.work.order.cancel.wizard",
                    lambda role: (lambda o: ({"order_id": o.id, "reason": "Fixed by himself."}, o))(
                        order()
                    ),
                ),
                confirm(),
            ),
            ("property.parcel.pickup.wizard", "action_confirm"): (
                wizard(
                    "property.parcel.pickup.wizard",
                    lambda role: (
                        lambda p: (
                            {"parcel_ids": p.ids, "collector_name": "王芳", "signature": SIGNATURE},
                            p,
                        )
                    )(parcel()),
                ),
                confirm(),
            ),
            ("property.evaluation.paper.wizard", "action_confirm"): (
                wizard(
                    "property.evaluation.paper.wizard",
                    lambda role: (
                        lambda c: (
                            {
                                "campaign_id": c.id,
                                "unit_id": self.unit_a.id,
                                "partner_id": self.unit_a.owner_id.id,
                                "line_ids": [
                                    (0, 0, {"question_id": overall.id, "answer_id": fair.id})
                                ],
                            },
                            c,
                        )
                    )(campaign("sent", year=2026)),
                ),
                confirm(),
            ),
            ("property.register.wizard", "action_print"): (
                wizard(
                    "property.register.wizard",
                    lambda role: (
                        (
                            {
                                "estate_ids": self.estate_a.ids,
                                "date_from": date(2026, 11, 1),
                                "date_to": date(2026, 11, 30),
                            },
                            req(role=role),
                        )
                        if role != "business_clerk"
                        # The clerk reads no requests: it prints the registers of its own work.
                        else (
                            {
                                "register": LENDING_REGISTER,
                                "estate_ids": self.estate_a.ids,
                                "date_from": date(2026, 11, 1),
                                "date_to": date(2026, 11, 30),
                            },
                            unit_life_fixtures.lending(self),
                        )
                    ),
                ),
                confirm("action_print"),
            ),
            **move_in_key_fixtures.action_cases(self),
            **renovation_action_cases(self.env, self.unit_a, record),
            **unit_life_fixtures.action_cases(self),
            **paper_trail_fixtures.action_cases(self),
            **fee_fixtures.action_cases(self),
            **oversight_fixtures.action_cases(self),
        }

    def attempt(self, role, fixture, call):
        """Call as `role` on a fresh fixture; return (error, watched before, watched after).
        Everything, fixture included, is undone afterwards."""
        outcome = {}

        def run():
            target, watched = fixture(role)
            names = SYSTEM_FIELDS.get(watched._name, ())
            before = (snapshot(watched, names), watched.search_count([]))
            try:
                call(target.with_user(self.users[role]))
            except Exception as error:  # noqa: BLE001 - judged below
                outcome["error"] = error
            after = (snapshot(watched, names), watched.search_count([]))
            outcome.update(before=before, after=after)

        if error := self.attempt_and_undo(run):
            outcome.setdefault("error", error)
        return outcome.get("error"), outcome.get("before"), outcome.get("after")

    def shared_cases(self):
        k, shares = self.share
        ordered = sorted(self.cases().items(), key=lambda case: case[0])
        return dict(case for place, case in enumerate(ordered) if place % shares == k)


@freeze_time(T0)
class TestActionCallers(ActionCallersCase):
    shard_each_test = False

    def test_the_table_lists_every_public_method(self):
        cases = self.cases()
        listed = {
            (model, method) for model, methods in ACTION_CALLERS.items() for method in methods
        }
        self.assertEqual(listed - CLOCKS, set(cases), "the table and the tests differ")
        shares = sorted(cls.share for cls in ActionCallersCase.__subclasses__() if cls.share)
        self.assertEqual(shares, [(k, SHARES) for k in range(SHARES)], "a share is missing")
        for model, method in listed:
            self.assertTrue(hasattr(self.env[model], method), f"{model}.{method} is gone")

    def test_portal_customer_decides_on_their_own_complaint_only(self):
        complaint = self.complaint_awaiting_decision(role="portal_owner")
        with self.assertRaises(AccessError):
            complaint.with_user(self.users["portal_tenant"]).action_accept_solution()
        self.assertEqual(complaint.solution_decision, "pending")
        complaint.with_user(self.users["portal_owner"]).action_accept_solution()
        self.assertEqual(complaint.solution_decision, "accepted")

    def test_technician_neither_invoices_nor_reworks_for_free(self):
        order = self.work_order("done")
        technician = self.users["technician"]
        with self.assertRaises(AccessError):
            order.with_user(technician).action_create_invoice()
        with self.assertRaisesRegex(AccessError, "engineering lead"):
            order.with_user(technician).action_create_rework()
        self.assertFalse(order.invoice_move_id)
        self.assertFalse(order.rework_ids)


class CallerShareTests:
    """The two tests of each share (a mixin, so that no runner collects it without a share)."""

    # Odoo's own runner takes only the test methods a class defines itself, unless it says so.
    allow_inherited_tests_method = True

    def test_refused_roles_change_nothing(self):
        for (model, method), (fixture, call) in self.shared_cases().items():
            allowed = ACTION_CALLERS[model][method]
            for role in ROLES:
                if role in allowed:
                    continue
                with self.subTest(model=model, method=method, role=role):
                    error, before, after = self.attempt(role, fixture, call)
                    self.assertIsInstance(error, AccessError)
                    self.assertEqual(after, before, "refused, but the record changed")

    def test_allowed_roles_get_through(self):
        for (model, method), (fixture, call) in self.shared_cases().items():
            for role in ACTION_CALLERS[model][method]:
                with self.subTest(model=model, method=method, role=role):
                    error, _before, _after = self.attempt(role, fixture, call)
                    self.assertIsNone(error, f"{role} may call {model}.{method}")


SHARES = 3


@freeze_time(T0)
class TestActionCallersShare0(CallerShareTests, ActionCallersCase):
    share = (0, SHARES)


@freeze_time(T0)
class TestActionCallersShare1(CallerShareTests, ActionCallersCase):
    share = (1, SHARES)


@freeze_time(T0)
class TestActionCallersShare2(CallerShareTests, ActionCallersCase):
    share = (2, SHARES)
