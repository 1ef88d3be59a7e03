"""The access model proven over the real path: JSON-RPC as each demo role.

Every operation of `access_model.rpc_operations()` (the README's *Who may do what* counts them) is
sent to `/web/dataset/call_kw` by a session opened with the demo login and password. What the
table refuses must come back as an AccessError, UserError or ValidationError **and leave the
database as it was** (the record read back as superuser, the row counts of the official record);
what it grants must succeed. Each attempt runs in a savepoint of the test transaction (the HTTP
server shares the test cursor), rolled back afterwards, so attempts do not see each other.
"""

import json
from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import SQL

from . import access_model as am
from . import paper_trail_fixtures
from .callbacks.test_callback import SIGNATURE
from .common import QUIET, rpc_body
from .fees import fee_fixtures
from .oversight import oversight_fixtures
from .renovation_common import ID_NUMBERS, make_renovation, violation
from .unit_life_fixtures import INSPECTION_ALL_OK

# The lending register, which the business-centre clerk prints (it reads no requests).
LENDING_REGISTER = "property_service_desk.property_lending_report_register"

REFUSALS = {
    "odoo.exceptions.AccessError",
    "odoo.exceptions.UserError",
    "odoo.exceptions.ValidationError",
}
# Rows of the official record counted before and after each refused attempt.
COUNTED = (
    "helpdesk.ticket",
    "property.work.order",
    "property.work.order.line",
    "property.callback",
    "property.complaint.history",
    "property.ticket.reappointment",
    "property.promise",
    "property.complaint.case.analysis",
    "property.parcel",
    "property.unit",
    "account.move",
    "property.evaluation.summary.line",
    "property.move.in",
    "property.move.in.line",
    "property.key.authorisation",
    "property.key.set",
    "property.key.log",
    "property.renovation",
    "property.renovation.worker",
    "property.renovation.inspection",
    "property.renovation.notice",
    "property.renovation.deduction",
    "property.renovation.extension",
    "property.vacant.inspection",
    "property.lending",
    "property.convenience.service",
    "property.suggestion.box",
    "property.suggestion.item",
    "property.customer.visit",
    "property.customer.visit.opinion",
)
CRUD_VALUES = {
    "property.estate": {"write": {"address": "Rewritten address"}},
    "property.building": {"write": {"floor_count": 9}},
    "property.unit": {"write": {"floor_area": 99.5}},
    "helpdesk.ticket": {"write": {"name": "Renamed over RPC"}},
    "property.promise": {"write": {"deadline": "2030-01-01 00:00:00"}},
    "property.ticket.reappointment": {"write": {"reason": "Rewritten"}},
    "property.complaint.history": {"write": {"reason": "Rewritten"}},
    "property.ticket.time.correction": {"write": {"reason": "Rewritten"}},
    "property.complaint.case.analysis": {"write": {"causes": "<p>Rewritten</p>"}},
    "property.callback": {"write": {"suggestions": "Rewritten"}},
    "property.work.order": {"write": {"description": "Rewritten"}},
    "property.work.order.line": {"write": {"quantity": 3}},
    "property.parcel": {"write": {"storage_location": "Shelf Z-9"}},
    "property.evaluation.campaign": {"write": {"analysis": "<p>Rewritten</p>"}},
    "property.evaluation.summary.line": {"write": {"satisfied_count": 30}},
    "property.promise.policy": {"write": {"sequence": 99}},
    "property.complaint.severity.rule": {"write": {"sequence": 99}},
    "property.callback.rule": {"write": {"sequence": 99}},
    "property.routing.rule": {"write": {"sequence": 99}},
    "property.request.keyword": {"write": {"sequence": 99}},
    "property.move.in": {"write": {"water_reading": 5.5}},
    "property.move.in.line": {"write": {"result": "ok"}},
    "property.key.authorisation": {"write": {"contact_phone": "139 0000 0000"}},
    "property.key.set": {"write": {"storage_location": "K9-99"}},
    "property.key.log": {"write": {"note": "Called the owner first"}},
    "property.renovation": {"write": {"scope": "Rewritten"}},
    "property.renovation.worker": {"write": {"phone": "13900000000"}},
    "property.renovation.inspection": {"write": {"findings": "Rewritten"}},
    "property.renovation.notice": {"write": {"required_action": "Rewritten"}},
    "property.renovation.deduction": {"write": {"reason": "Rewritten"}},
    "property.renovation.extension": {"write": {"reason": "Rewritten"}},
    "property.vacant.inspection": {"write": {"finding": "Rewritten"}},
    "property.lending.item": {"write": {"loan_hours": 48}},
    "property.lending": {"write": {"note": "Rewritten"}},
    "property.convenience.service": {"write": {"note": "Rewritten"}},
    "property.suggestion.box": {"write": {"user_id": False}},
    "property.customer.visit": {"write": {"topics": "Rewritten"}},
    **oversight_fixtures.CRUD_VALUES,
    **fee_fixtures.CRUD_VALUES,
}


@tagged("post_install", "-at_install")
class TestRpcMatrix(HttpCase):
    shard_each_test = True  # a test per role: scripts/test.sh shares them between shards

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, **QUIET))
        cls.now = fields.Datetime.now()
        ref = cls.env.ref
        cls.users = {
            role: cls.env["res.users"].search([("login", "=", login)])
            for role, (login, _group) in am.ROLES.items()
        }
        cls.company = ref("base.main_company")
        cls.company.helpdesk_mgmt_ticket_auto_assign = False
        cls.estate = ref("property_service_desk.property_estate_demo_cuihu")
        cls.other_estate = ref("property_service_desk.property_estate_demo_jinxiu")
        # 3栋502: owned by the portal owner, rented by the portal tenant, under warranty.
        cls.unit = ref("property_service_desk.property_unit_demo_3_0502")
        cls.paid_unit = ref("property_service_desk.property_unit_demo_1_0101")
        cls.other_unit = cls.env["property.unit"].search(
            [("estate_id", "=", cls.other_estate.id)], limit=1
        )
        cls.owner = cls.users["portal_owner"].partner_id
        cls.tenant = cls.users["portal_tenant"].partner_id
        cls.product = ref("property_service_desk.product_product_demo_drain")
        cls._other_company()
        cls.records = {}
        cls._crud_fixtures()
        cls._move_in_key_fixtures()
        cls._unit_life_fixtures()
        cls._personal_data_fixtures()
        cls._action_fixtures()
        cls._move_in_key_actions()
        cls._unit_life_actions()
        paper_trail_fixtures.rpc_actions(cls)
        fee_fixtures.rpc_actions(cls)
        fee_fixtures.rpc_records(cls)
        oversight_fixtures.rpc_actions(cls)

    # Fixtures (as superuser) ---------------------------------------------------------------

    @classmethod
    def _other_company(cls):
        cls.company2 = cls.env["res.company"].create({"name": "Other Property Co."})
        cls.estate2 = cls.env["property.estate"].create(
            {"name": "Other Company Estate", "code": "OCE", "company_id": cls.company2.id}
        )
        cls.building2 = cls.env["property.building"].create(
            {"name": "X", "estate_id": cls.estate2.id}
        )
        cls.unit2 = cls.env["property.unit"].create(
            {"name": "101", "building_id": cls.building2.id, "owner_id": cls.owner.id}
        )

    @classmethod
    def _ticket(cls, unit, **vals):
        vals.setdefault("partner_id", unit.owner_id.id)
        vals.setdefault("request_kind", "repair")
        return cls.env["helpdesk.ticket"].create(
            {
                "name": "Water leaking from the ceiling",
                "description": "<p>Leak above the bathroom.</p>",
                "unit_id": unit.id,
                "company_id": unit.company_id.id,
                **vals,
            }
        )

    @classmethod
    def _order(cls, ticket, state=None, lines=1, **vals):
        technicians = cls.users["technician"] if ticket.company_id == cls.company else None
        order = cls.env["property.work.order"].create(
            {
                "ticket_id": ticket.id,
                "company_id": ticket.company_id.id,
                "description": "Fix the leak",
                "technician_ids": [(6, 0, technicians.ids if technicians else [])],
                **vals,
            }
        )
        for _index in range(lines):
            cls.env["property.work.order.line"].create(
                {"order_id": order.id, "product_id": cls.product.id, "quantity": 1}
            )
        if state:
            order.write({"state": state})
        return order

    @classmethod
    def _promise(cls, ticket):
        promise = ticket.promise_ids[:1]
        if not promise:
            promise = cls.env["property.promise"].create(
                {
                    "ticket_id": ticket.id,
                    "kind": "response",
                    "deadline": cls.now,
                    "start_at": cls.now,
                    "policy_id": cls.env["property.promise.policy"].search([], limit=1).id,
                }
            )
        return promise

    @classmethod
    def _parcel(cls, unit, number, **vals):
        return cls.env["property.parcel"].create(
            {
                "unit_id": unit.id,
                "carrier_id": cls.env.ref("property_service_desk.property_parcel_carrier_sf").id,
                "tracking_number": f"SF9{number:08d}",
                "storage_location": "Shelf A-3",
                "received_at": cls.now,
                **vals,
            }
        )

    @classmethod
    def _campaign(cls, estate, year, quarter, state="draft", **vals):
        campaign = cls.env["property.evaluation.campaign"].create(
            {
                "estate_id": estate.id,
                "year": year,
                "quarter": quarter,
                "survey_id": cls.env.ref(
                    "property_service_desk.survey_survey_customer_evaluation"
                ).id,
                **vals,
            }
        )
        if state != "draft":
            campaign.write({"state": state})
        return campaign

    @classmethod
    def _summary_line(cls, campaign):
        return cls.env["property.evaluation.summary.line"].create(
            {
                "campaign_id": campaign.id,
                "line_type": "rating",
                "satisfied_count": 3,
                "question_id": cls.env.ref(
                    "property_service_desk.survey_survey_customer_evaluation_q_overall"
                ).id,
            }
        )

    @classmethod
    def _move_in(cls, unit, state="open"):
        """A move-in file of the unit for a new buyer: open, "inspected" or "ready" (every
        step done, to complete)."""
        env = cls.env
        buyer = env["res.partner"].create({"name": "钱伟", "email": "qw@example.com"})
        move_in = env["property.move.in"].create(
            {
                "unit_id": unit.id,
                "partner_id": buyer.id,
                "id_document_type": "id_card",
                "id_document_number": "330106198805120031",
                "purchase_document_type": "sales_contract",
                "member_ids": [
                    (
                        0,
                        0,
                        {"name": "钱伟", "relation": "owner", "mobile": "139", "is_contact": True},
                    )
                ],
            }
        )
        if state in ("inspected", "ready"):
            move_in.line_ids.write({"result": "ok"})
            move_in.action_finish_inspection()
        if state == "ready":
            move_in.action_check_documents()
            move_in.action_create_invoice()
            env["account.payment.register"].with_context(
                active_model="account.move", active_ids=move_in.invoice_move_id.ids
            ).create({})._create_payments()
            move_in.write(
                {
                    "meters_read": True,
                    "key_unit_door_count": 2,
                    "owner_signature": SIGNATURE,
                    "agent_signature": SIGNATURE,
                }
            )
        return move_in

    @classmethod
    def _key_authorisation(cls, unit):
        return cls.env["property.key.authorisation"].create(
            {
                "unit_id": unit.id,
                "partner_id": (unit.owner_id or cls.owner).id,
                "document": SIGNATURE,
                "keys_description": "Unit door",
                "valid_from": cls.now.date() - timedelta(days=30),
                "valid_until": cls.now.date() + timedelta(days=300),
                "contact_name": "王芳",
                "contact_phone": "188",
            }
        )

    @classmethod
    def _key_set(cls, unit, authorisation=None):
        return cls.env["property.key.set"].create(
            {
                "unit_id": unit.id,
                "authorisation_id": (authorisation or cls._key_authorisation(unit)).id,
                "keys_description": "Unit door",
                "seal_number": "FT-1",
                "storage_location": "K1-01",
            }
        )

    @classmethod
    def _key_log(cls, unit, back=False):
        log = cls.env["property.key.log"].create(
            {
                "key_set_id": cls._key_set(unit).id,
                "reason": "Angle valve",
                "taken_by_id": cls.env.uid,
                "authorised_by_id": cls.env.uid,
            }
        )
        if back:
            log.action_return()
        return log

    @classmethod
    def _move_in_key_fixtures(cls):
        set_ = cls._set
        units = {"mine": cls.unit, "other_estate": cls.other_unit, "other_company": cls.unit2}
        cls.idle_key_sets = {}
        for target, unit in units.items():
            move_in = cls._move_in(unit)
            set_("property.move.in", target, move_in)
            set_("property.move.in.line", target, move_in.line_ids[:1])
            authorisation = cls._key_authorisation(unit)
            set_("property.key.authorisation", target, authorisation)
            set_("property.key.set", target, cls._key_set(unit, authorisation))
            set_("property.key.log", target, cls._key_log(unit))
            cls.idle_key_sets[target] = cls._key_set(unit)
        set_("property.move.in.line", "signed", cls._move_in(cls.unit, "inspected").line_ids[:1])
        set_("property.key.log", "signed", cls._key_log(cls.unit, back=True))

    @classmethod
    def _move_in_key_actions(cls):
        M, A, S, L = (
            "property.move.in",
            "property.key.authorisation",
            "property.key.set",
            "property.key.log",
        )
        open_file = cls.records[(M, "mine", None)]
        invoiced = cls._move_in(cls.unit)
        invoiced.action_create_invoice()
        inspectable = cls._move_in(cls.unit)
        inspectable.line_ids.write({"result": "ok"})
        out = cls.records[(L, "mine", None)]
        cls.actions.update(
            {
                (M, "action_check_documents"): (open_file, []),
                (M, "action_create_invoice"): (open_file, []),
                (M, "action_view_invoice"): (invoiced, []),
                (M, "action_finish_inspection"): (inspectable, []),
                (M, "action_view_repairs"): (open_file, []),
                (M, "action_complete"): (cls._move_in(cls.unit, "ready"), []),
                (M, "action_cancel"): (open_file, ["Sale fell through"]),
                (A, "action_revoke"): (
                    cls.records[(A, "mine", None)],
                    ["The owner took the keys back"],
                ),
                (S, "action_hand_out"): (cls.idle_key_sets["mine"], []),
                (L, "action_return"): (out, []),
                ("property.move.in.cancel.wizard", "action_confirm"): (
                    "wizard",
                    {"move_in_id": open_file.id, "reason": "Sale fell through"},
                ),
                ("property.key.revoke.wizard", "action_confirm"): (
                    "wizard",
                    {
                        "authorisation_id": cls.records[(A, "mine", None)].id,
                        "reason": "The owner took the keys back",
                    },
                ),
            }
        )
        cls.system_targets.update(
            {
                M: open_file,
                "property.move.in.line": open_file.line_ids[:1],
                "property.move.in.fee": open_file.fee_line_ids[:1],
                "property.move.in.member": open_file.member_ids[:1],
                A: cls.records[(A, "mine", None)],
                S: cls.records[(S, "mine", None)],
                L: out,
            }
        )

    # Vacant units, owner archives, daily contact, lending and the business centre -------------

    @classmethod
    def _unit_life_fixtures(cls):
        env, set_ = cls.env, cls._set
        copy = cls.env.ref("property_service_desk.product_convenience_copy")
        cls.copy_product = copy
        vacant = {
            "mine": cls.env.ref("property_service_desk.property_unit_demo_1_0602"),
            "other_estate": cls.other_unit,
            "other_company": cls.unit2,
        }
        units = {"mine": cls.unit, "other_estate": cls.other_unit, "other_company": cls.unit2}
        cls.lending_items = {}
        for number, (target, unit) in enumerate(units.items()):
            estate = unit.estate_id
            vacant[target].sudo().is_vacant = True
            set_(
                "property.vacant.inspection",
                target,
                env["property.vacant.inspection"].create(
                    {"unit_id": vacant[target].id, "period": f"2030-0{number + 1}-01"}
                ),
            )
            item = env["property.lending.item"].create(
                {"name": "Umbrella", "kind": "umbrella", "estate_id": estate.id, "quantity": 9}
            )
            cls.lending_items[target] = item
            set_("property.lending.item", target, item)
            customer = unit.owner_id or cls.owner
            set_(
                "property.lending",
                target,
                env["property.lending"].create(
                    {"item_id": item.id, "partner_id": customer.id, "unit_id": unit.id}
                ),
            )
            set_(
                "property.convenience.service",
                target,
                env["property.convenience.service"].create(
                    {
                        "unit_id": unit.id,
                        "partner_id": customer.id,
                        "product_id": copy.id,
                        "quantity": 2,
                    }
                ),
            )
            box = env["property.suggestion.box"].create(
                {"estate_id": estate.id, "date": "2030-01-01"}
            )
            env["property.suggestion.item"].create({"box_id": box.id, "content": "A bench"})
            set_("property.suggestion.box", target, box)
            set_(
                "property.customer.visit",
                target,
                env["property.customer.visit"].create(
                    {
                        "manager_id": cls.users["business_manager"].id,
                        "unit_id": unit.id,
                        "topics": "Parking",
                        "visit_date": cls.now - timedelta(hours=1),
                        "opinion_ids": [(0, 0, {"content": "More lights"})],
                    }
                ),
            )
            # An owner of this estate or company only: the archive is the person's.
            person = env["res.partner"].create({"name": f"Archive owner {number}"})
            env["property.unit"].create(
                {"name": f"88{number}", "building_id": unit.building_id.id, "owner_id": person.id}
            )
            set_("property.owner.archive", target, env["property.owner.archive"].browse(person.id))

    @classmethod
    def _personal_data_fixtures(cls):
        """A person of 翠湖花园 (the portal owner, a customer of the demo technician's open
        order), of 锦绣华庭 only and of the other company only: their contact, portal account,
        a follower and a message each; the portal users' own ones for them."""
        env = cls.env
        people = {"mine": cls.owner}
        for target, building, company in (
            ("other_estate", cls.other_unit.building_id, cls.company),
            ("other_company", cls.building2, cls.company2),
        ):
            person = env["res.partner"].create(
                {"name": f"Person {target}", "company_id": company.id, "phone": "13800000000"}
            )
            env["property.unit"].create(
                {"name": "99", "building_id": building.id, "owner_id": person.id}
            )
            new_test_user(
                env,
                login=f"psd_person_{target}",
                groups="base.group_portal",
                partner_id=person.id,
                company_id=company.id,
                company_ids=[(6, 0, company.ids)],
            )
            people[target] = person
        for target, person, role in [(t, p, None) for t, p in people.items()] + [
            ("mine", cls.tenant, "portal_tenant")
        ]:
            cls._set("res.partner", target, person, role)
            cls._set("res.users", target, person.user_ids[:1], role)
            person.message_subscribe(person.ids)
            follower = env["mail.followers"].search(
                [("res_model", "=", "res.partner"), ("res_id", "=", person.id)], limit=1
            )
            cls._set("mail.followers", target, follower, role)
            message = person.message_post(
                body="Personal data", author_id=person.id, message_type="comment"
            )
            cls._set("mail.message", target, message, role)
        # The portal reads the messages of its own requests (a contact has no portal chatter).
        request = cls.records[("helpdesk.ticket", "mine", None)]
        message = request.message_post(
            body="Personal data",
            author_id=cls.owner.id,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        for role in am.PORTAL:
            cls._set("mail.message", "mine", message, role)

    @classmethod
    def _unit_life_actions(cls):
        V, LE, CS, U = (
            "property.vacant.inspection",
            "property.lending",
            "property.convenience.service",
            "property.unit",
        )
        planned = cls.records[(V, "mine", None)]
        filled = cls.env[V].create(
            {"unit_id": planned.unit_id.id, "period": "2031-06-01", **INSPECTION_ALL_OK}
        )
        draft_service = cls.records[(CS, "mine", None)]
        paid = draft_service.copy()
        paid.action_charge()
        box = cls.records[("property.suggestion.box", "mine", None)]
        visit = cls.records[("property.customer.visit", "mine", None)]
        archive = cls.records[("property.owner.archive", "mine", None)]
        # The technician reads the archives of its work orders' customers only.
        customer_archive = cls.env["property.owner.archive"].browse(cls.owner.id)
        cls._set("property.owner.archive", "mine", customer_archive, "technician")
        cls.actions_of_role[("technician", "property.owner.archive", "action_print_archive")] = (
            customer_archive,
            [],
        )
        cls.actions.update(
            {
                (V, "action_done"): (filled, []),
                (V, "action_print"): (planned, []),
                (LE, "action_return"): (cls.records[(LE, "mine", None)], []),
                (CS, "action_charge"): (draft_service, []),
                (CS, "action_print_receipt"): (paid, []),
                ("property.suggestion.box", "action_open_box"): (box, []),
                ("property.customer.visit", "action_done"): (visit, []),
                ("property.owner.archive", "action_print_archive"): (archive, []),
                (U, "action_view_vacant_inspections"): (cls.unit, []),
                (U, "action_open_archive"): (cls.unit, []),
                (U, "action_print_archive"): (cls.unit, []),
                ("property.estate", "action_view_overdue_vacant_inspections"): (cls.estate, []),
                ("res.partner", "action_open_owner_archive"): (cls.owner, []),
            }
        )
        cls.system_targets.update(
            {
                V: planned,
                LE: cls.records[(LE, "mine", None)],
                CS: draft_service,
                "property.suggestion.box": box,
                "property.suggestion.item": box.item_ids[:1],
                "property.customer.visit": visit,
                "property.customer.visit.opinion": visit.opinion_ids[:1],
                U: cls.unit,
                "property.estate": cls.estate,
            }
        )

    @classmethod
    def _set(cls, model, target, record, role=None):
        cls.records[(model, target, role)] = record

    @classmethod
    def _crud_fixtures(cls):
        env, set_ = cls.env, cls._set
        tickets = {
            "mine": cls._ticket(cls.unit, user_id=cls.users["technician"].id),
            "other_estate": cls._ticket(cls.other_unit),
            "other_company": cls._ticket(cls.unit2),
        }
        cls.ticket = tickets["mine"]
        set_(
            "helpdesk.ticket",
            "mine",
            cls._ticket(cls.unit, user_id=cls.users["accountant"].id),
            "accountant",
        )
        for target, ticket in tickets.items():
            set_("helpdesk.ticket", target, ticket)
            set_("property.promise", target, cls._promise(ticket))
            set_(
                "property.ticket.reappointment",
                target,
                env["property.ticket.reappointment"].create(
                    {
                        "ticket_id": ticket.id,
                        "agreed_at": cls.now + timedelta(days=1),
                        "reason": "Customer away",
                        "user_id": cls.users["agent"].id,
                    }
                ),
            )
            set_(
                "property.ticket.time.correction",
                target,
                env["property.ticket.time.correction"].create(
                    {
                        "ticket_id": ticket.id,
                        "field_name": "received_at",
                        "reason": "Typo",
                        "old_time": cls.now,
                        "new_time": cls.now - timedelta(minutes=5),
                    }
                ),
            )
            set_(
                "property.complaint.history",
                target,
                env["property.complaint.history"].create(
                    {
                        "ticket_id": ticket.id,
                        "change": "severity",
                        "trigger": "person",
                        "user_id": cls.users["agent"].id,
                        "reason": "Test",
                    }
                ),
            )
            set_(
                "property.complaint.case.analysis",
                target,
                env["property.complaint.case.analysis"].create(
                    {"name": "Late repair", "ticket_id": ticket.id, "what_happened": "<p>Late</p>"}
                ),
            )
            set_(
                "property.callback",
                target,
                env["property.callback"].create(
                    {"ticket_id": ticket.id, "due_date": cls.now.date()}
                ),
            )
            order = cls._order(ticket)
            set_("property.work.order", target, order)
            set_("property.work.order.line", target, order.line_ids[:1])
            # The callback KPI view lists requests whose callbacks were decided.
            report_ticket = cls._ticket(ticket.unit_id)
            env.cr.execute(
                "UPDATE helpdesk_ticket SET callback_requirement = 'required' WHERE id = %s",
                [report_ticket.id],
            )
            set_(
                "property.callback.report",
                target,
                env["property.callback.report"].browse(report_ticket.id),
            )
        # The tenant's own request (the callbacks a portal user sees are of their requests).
        tenant_ticket = cls._ticket(cls.unit, partner_id=cls.tenant.id)
        set_(
            "property.callback",
            "mine",
            env["property.callback"].create(
                {"ticket_id": tenant_ticket.id, "due_date": cls.now.date()}
            ),
            "portal_tenant",
        )
        signed = cls._order(cls.ticket, state="signed")
        set_("property.work.order.line", "signed", signed.line_ids)
        cls.signed_order = signed

        units = {"mine": cls.unit, "other_estate": cls.other_unit, "other_company": cls.unit2}
        for number, (target, unit) in enumerate(units.items()):
            set_("property.unit", target, unit)
            set_("property.building", target, unit.building_id)
            set_("property.estate", target, unit.estate_id)
            set_("property.parcel", target, cls._parcel(unit, number))
            campaign = cls._campaign(unit.estate_id, 2040, "1")
            set_("property.evaluation.campaign", target, campaign)
            set_("property.evaluation.summary.line", target, cls._summary_line(campaign))
            kpi = env["property.kpi.monthly"].search(
                [("estate_id", "=", unit.estate_id.id)], limit=1
            )
            set_("property.kpi.monthly", target, kpi)
            counter = env["property.sample.counter"]
            counter._next_position(unit.estate_id, cls.now, "rpc_matrix")
            set_(
                "property.sample.counter",
                target,
                counter.search(
                    [("estate_id", "=", unit.estate_id.id), ("purpose", "=", "rpc_matrix")]
                ),
            )
        signed_off = cls._campaign(cls.estate, 2041, "1", state="summarised", signed_off_at=cls.now)
        set_("property.evaluation.summary.line", "signed", cls._summary_line(signed_off))
        for model in (
            "property.promise.policy",
            "property.complaint.severity.rule",
            "property.callback.rule",
            "property.request.keyword",
            "property.routing.rule",
        ):
            mine = env[model].search([("company_id", "in", [cls.company.id, False])], limit=1)
            set_(model, "mine", mine)
            # The other company got its own copy of the shipped defaults when it was created.
            set_(
                model,
                "other_company",
                env[model].search([("company_id", "=", cls.company2.id)], limit=1),
            )
        cls._renovation_crud_fixtures(units)

    @classmethod
    def _renovation_record(cls, unit, partner, state):
        """A renovation in `state` written directly (the flow itself is not what is tested here,
        and the second company has no accounting)."""
        renovation = cls.env["property.renovation"].create(
            {"unit_id": unit.id, "partner_id": partner.id, "scope": "Kitchen"}
        )
        if state != "draft":
            renovation._write_system(
                {
                    "state": state,
                    "permit_end_date": cls.now.date() + timedelta(days=30),
                    "deposit_amount": 3000,
                }
            )
        return renovation

    @classmethod
    def _renovation_crud_fixtures(cls, units):
        env, set_ = cls.env, cls._set
        cls.renovation_parent = {}
        for target, unit in units.items():
            # The draft of the unit's tenant (the owner sees it too), else of its owner.
            partner = (unit.tenant_ids & cls.tenant) or unit.owner_id
            draft = cls._renovation_record(unit, partner, "draft")
            set_("property.renovation", target, draft)
            set_(
                "property.renovation.worker",
                target,
                env["property.renovation.worker"].create(
                    {"renovation_id": draft.id, "name": "Qian Xiaowei", "id_number": ID_NUMBERS[0]}
                ),
            )
            works = cls._renovation_record(unit, unit.owner_id, "permitted")
            cls.renovation_parent[target] = (draft, works)
            inspection = env["property.renovation.inspection"].create(
                {"renovation_id": works.id, "inspector_id": cls.users["technician"].id}
            )
            set_("property.renovation.inspection", target, inspection)
            set_(
                "property.renovation.notice",
                target,
                env["property.renovation.notice"]
                ._as_system()
                .create(
                    {
                        "renovation_id": works.id,
                        "violation": "Rubbish in the corridor",
                        "required_action": "Clear it",
                        "deadline": cls.now.date() + timedelta(days=3),
                    }
                ),
            )
            set_(
                "property.renovation.deduction",
                target,
                env["property.renovation.deduction"].create(
                    {"renovation_id": works.id, "amount": 50, "reason": "Scratch"}
                ),
            )
            set_(
                "property.renovation.extension",
                target,
                env["property.renovation.extension"].create(
                    {
                        "renovation_id": works.id,
                        "new_end_date": cls.now.date() + timedelta(days=60),
                        "reason": "Late tiles",
                    }
                ),
            )
        # What the official record keeps: a worker with a pass, a done inspection, a rectified
        # notice, an approved deduction.
        draft, works = cls.renovation_parent["mine"]
        passed = env["property.renovation.worker"].create(
            {"renovation_id": works.id, "name": "Wu Hai", "id_number": ID_NUMBERS[2]}
        )
        passed._issue_passes()
        set_("property.renovation.worker", "signed", passed)
        done = env["property.renovation.inspection"].create(
            {"renovation_id": works.id, "result": "compliant"}
        )
        done.action_done()
        set_("property.renovation.inspection", "signed", done)
        rectified = (
            env["property.renovation.notice"]
            ._as_system()
            .create(
                {
                    "renovation_id": works.id,
                    "violation": "Noise at night",
                    "required_action": "Stop at 18:00",
                    "deadline": cls.now.date(),
                }
            )
        )
        rectified.action_verify_rectified()
        set_("property.renovation.notice", "signed", rectified)
        approved = env["property.renovation.deduction"].create(
            {"renovation_id": works.id, "amount": 20, "reason": "Lift scratched"}
        )
        approved.action_approve()
        set_("property.renovation.deduction", "signed", approved)

    @classmethod
    def _action_fixtures(cls):
        env, ref = cls.env, cls.env.ref
        ticket = cls.ticket
        complaint = cls._ticket(
            cls.unit, request_kind="complaint", user_id=cls.users["technician"].id
        )
        on_the_spot = cls._ticket(
            cls.unit, user_id=cls.users["technician"].id, progress_note="Tap tightened."
        )
        pending = cls._ticket(cls.unit, request_kind="complaint")
        pending.action_propose_solution("Replace the lock")
        pending_tenant = cls._ticket(cls.unit, request_kind="complaint", partner_id=cls.tenant.id)
        pending_tenant.action_propose_solution("Replace the lock")
        draft = cls.records[("property.work.order", "mine", None)]
        dispatched = cls._order(ticket, state="dispatched")
        on_site = cls._order(ticket, state="on_site")
        done = cls._order(
            ticket, state="done", customer_signature=SIGNATURE, technician_signature=SIGNATURE
        )
        paid_ticket = cls._ticket(cls.paid_unit, user_id=cls.users["technician"].id)
        paid_done = cls._order(paid_ticket, state="done")
        large = cls._order(paid_ticket, lines=0)
        env["property.work.order.line"].create(
            {
                "order_id": large.id,
                "product_id": cls.product.id,
                "price_unit": 1000,
                "quantity": max(1, cls.company.property_large_job_threshold / 100),
            }
        )
        callback = cls.records[("property.callback", "mine", None)]
        answers = {
            "method": "phone",
            "phone_attestation": True,
            "satisfaction": "5",
            **{
                f"{score}_score": "5"
                for score in ("attitude", "quality", "efficiency", "fee", "professionalism")
            },
        }
        callback.write(answers)
        spot_check = env["property.callback"].create(
            {
                **answers,
                "ticket_id": ticket.id,
                "due_date": cls.now.date(),
                "state": "done",
                "spot_check_state": "to_check",
                "spot_check_note": "Called again: all fine",
            }
        )
        to_notify = cls.records[("property.parcel", "mine", None)]
        to_notify.write({"notified_at": False})
        notified = cls._parcel(cls.unit, 10, notified_at=cls.now)
        to_return = cls._parcel(cls.unit, 11, return_reason="Refused by the owner")
        draft_campaign = cls.records[("property.evaluation.campaign", "mine", None)]
        sent = cls._campaign(cls.estate, 2040, "2")
        sent.action_send_invitations()
        overall = ref("property_service_desk.survey_survey_customer_evaluation_q_overall")
        overall_fair = ref("property_service_desk.survey_survey_customer_evaluation_q_overall_fair")
        invoiced = cls._order(paid_ticket, state="done")
        invoiced.action_create_invoice()
        # Paid to approve; common-area to accept; a fee to collect; a prepayment surplus to
        # refund; a housing-quality complaint to repair under warranty.
        to_approve = cls._order(paid_ticket)
        to_accept = cls._order(cls._ticket(cls.unit, area_scope="common"), state="done")
        to_collect = cls._order(paid_ticket, state="done")
        to_refund = cls._order(paid_ticket, state="done")
        to_refund.action_create_invoice()
        refund = to_refund._create_posted_invoice(
            [to_refund._prepayment_line_vals(50)], move_type="out_refund"
        )
        to_refund._write_system({"refund_move_id": refund.id})
        cls.estate.warranty_office_partner_id = cls.owner
        housing = cls._ticket(cls.unit, request_kind="complaint", cause_class="class_2")
        # The portal customer's own order to sign and callback to answer.
        portal_order = cls._order(ticket, state="done", technician_signature=SIGNATURE)
        portal_callback = env["property.callback"].create(
            {"ticket_id": ticket.id, "due_date": cls.now.date()}
        )
        tenant_ticket = cls.records[("property.callback", "mine", "portal_tenant")].ticket_id
        tenant_order = cls._order(tenant_ticket, state="done", technician_signature=SIGNATURE)
        tenant_callback = env["property.callback"].create(
            {"ticket_id": tenant_ticket.id, "due_date": cls.now.date()}
        )
        mail = {
            "message_id": "<rpc-matrix@example.com>",
            "subject": "Leak in the kitchen",
            "from": "王芳 <wangfang@example.com>",
            "email_from": "王芳 <wangfang@example.com>",
            "to": "desk@example.com",
            "cc": "",
            "body": "<p>Water leaks.</p>",
            "attachments": [],
            "date": fields.Datetime.to_string(cls.now),
        }
        later = fields.Datetime.to_string(cls.now + timedelta(days=2))
        earlier = fields.Datetime.to_string(cls.now - timedelta(minutes=30))
        T, WO, CB, P, C = (
            "helpdesk.ticket",
            "property.work.order",
            "property.callback",
            "property.parcel",
            "property.evaluation.campaign",
        )
        cls._renovation_action_fixtures()
        # (model, method) -> (records, args); ("model", args): a method of the model;
        # ("wizard", values): the role opens the wizard, then confirms it.
        cls.actions = {
            (T, "action_decline"): (ticket, ["Outside our service"]),
            (T, "action_open_decline_wizard"): (ticket, []),
            (T, "action_start_response"): (ticket, []),
            (T, "action_check_in"): (ticket, []),
            (T, "action_open_time_correction_wizard"): (ticket, []),
            (T, "action_correct_time"): (ticket, ["received_at", earlier, "Logged late"]),
            (T, "action_change_severity"): (complaint, ["major", "Several owners affected"]),
            (T, "action_propose_solution"): (complaint, ["Replace the lock"]),
            (T, "action_accept_solution"): (pending, []),
            (T, "action_reject_solution"): (pending, ["Not enough"]),
            (T, "action_view_work_orders"): (ticket, []),
            (T, "action_start_warranty_repair"): (housing, []),
            (T, "action_settle_on_the_spot"): (on_the_spot, []),
            (T, "message_new"): ("model", [mail]),
            (WO, "action_approve"): (to_approve, []),
            (WO, "action_dispatch"): (draft, []),
            (WO, "action_accept"): (to_accept, []),
            (WO, "action_collect_fee"): (to_collect, ["wechat"]),
            (WO, "action_refund_surplus"): (to_refund, []),
            (WO, "action_check_in"): (dispatched, []),
            (WO, "action_add_material"): (dispatched, []),
            (WO, "action_done"): (on_site, []),
            (WO, "action_sign"): (done, []),
            (WO, "action_close"): (cls.signed_order, []),
            (WO, "action_cancel"): (draft, ["Customer cancelled"]),
            (WO, "action_create_rework"): (done, []),
            (WO, "action_create_prepayment"): (large, []),
            (WO, "action_create_invoice"): (paid_done, []),
            (WO, "action_view_invoice"): (invoiced, []),
            (WO, "action_sign_from_portal"): (portal_order, [SIGNATURE]),
            (CB, "action_done"): (callback, []),
            (CB, "action_spot_check_done"): (spot_check, []),
            (CB, "action_answer_from_portal"): (portal_callback, [{"satisfaction": "5"}]),
            (P, "action_notify"): (to_notify, []),
            (P, "action_resend_notification"): (notified, []),
            (P, "action_return_to_sender"): (to_return, []),
            (P, "action_open_pickup_wizard"): (notified, []),
            (C, "action_send_invitations"): (draft_campaign, []),
            (C, "action_send_reminders"): (sent, []),
            (C, "action_close_collection"): (sent, []),
            (C, "action_summarise"): (cls._campaign(cls.estate, 2040, "3", state="closed"), []),
            (C, "action_sign_off"): (cls._campaign(cls.estate, 2040, "4", state="summarised"), []),
            (C, "action_publish_to_staff"): (
                cls._campaign(cls.estate, 2041, "4", state="summarised"),
                [],
            ),
            (C, "action_view_answers"): (draft_campaign, []),
            (C, "action_print_summary"): (draft_campaign, []),
            (C, "action_enter_paper_form"): (
                sent,
                [cls.unit.id, cls.owner.id, {str(overall.id): overall_fair.id}],
            ),
            ("property.estate", "action_view_buildings"): (cls.estate, []),
            ("property.estate", "action_view_units"): (cls.estate, []),
            ("property.estate", "action_view_tickets"): (cls.estate, []),
            ("property.building", "action_view_units"): (cls.unit.building_id, []),
            ("property.unit", "action_view_tickets"): (cls.unit, []),
            ("res.partner", "action_view_property_units"): (cls.owner, []),
            ("property.kpi.monthly", "get_dashboard"): ("model", []),
            ("property.kpi.monthly", "action_open_kpi_records"): (
                "model",
                ["satisfaction", "numerator"],
            ),
            ("property.request.decline.wizard", "action_confirm"): (
                "wizard",
                {"ticket_ids": [(6, 0, ticket.ids)], "reason": "Outside our service"},
            ),
            ("property.ticket.reschedule.wizard", "action_confirm"): (
                "wizard",
                {"ticket_id": ticket.id, "agreed_at": later, "reason": "Customer away"},
            ),
            ("property.complaint.solution.wizard", "action_confirm"): (
                "wizard",
                # The desk records the customer's rejection (proposing is the owner's).
                {"ticket_id": pending.id, "mode": "reject", "text": "Not enough"},
            ),
            ("property.complaint.severity.wizard", "action_confirm"): (
                "wizard",
                {"ticket_id": complaint.id, "severity": "major", "reason": "Several owners"},
            ),
            ("property.work.order.cancel.wizard", "action_confirm"): (
                "wizard",
                {"order_id": draft.id, "reason": "Customer cancelled"},
            ),
            ("property.parcel.pickup.wizard", "action_confirm"): (
                "wizard",
                {
                    "parcel_ids": [(6, 0, notified.ids)],
                    "collector_name": "王芳",
                    "collector_partner_id": cls.owner.id,
                    "signature": SIGNATURE,
                },
            ),
            ("property.ticket.time.correction.wizard", "action_confirm"): (
                "wizard",
                {
                    "ticket_id": ticket.id,
                    "field_name": "received_at",
                    "new_time": earlier,
                    "reason": "Logged late",
                },
            ),
            ("property.register.wizard", "action_print"): (
                "wizard",
                {"estate_ids": [(6, 0, cls.estate.ids)]},
            ),
            ("property.evaluation.paper.wizard", "action_confirm"): (
                "wizard",
                {
                    "campaign_id": sent.id,
                    "unit_id": cls.unit.id,
                    "partner_id": cls.owner.id,
                    "line_ids": [(0, 0, {"question_id": overall.id, "answer_id": overall_fair.id})],
                },
            ),
            **cls.renovation_actions,
        }
        # The customer acts on their own records only; the accountant on their own request.
        cls.actions_of_role = {
            # The clerk reads no requests: it prints the registers of its own work.
            ("business_clerk", "property.register.wizard", "action_print"): (
                "wizard",
                {"register": LENDING_REGISTER, "estate_ids": [(6, 0, cls.estate.ids)]},
            ),
            ("portal_tenant", T, "action_accept_solution"): (pending_tenant, []),
            ("portal_tenant", T, "action_reject_solution"): (pending_tenant, ["Not enough"]),
            ("portal_tenant", WO, "action_sign_from_portal"): (tenant_order, [SIGNATURE]),
            ("portal_tenant", CB, "action_answer_from_portal"): (
                tenant_callback,
                [{"satisfaction": "5"}],
            ),
            ("accountant", T, "action_view_work_orders"): (
                cls.records[(T, "mine", "accountant")],
                [],
            ),
        }
        cls.system_targets = {
            T: complaint,
            WO: draft,
            CB: callback,
            P: notified,
            C: draft_campaign,
            "property.promise": cls.records[("property.promise", "mine", None)],
            "property.work.order.line": cls.records[("property.work.order.line", "mine", None)],
            "property.evaluation.summary.line": cls.records[
                ("property.evaluation.summary.line", "mine", None)
            ],
            "property.complaint.history": cls.records[("property.complaint.history", "mine", None)],
            "account.move": invoiced.invoice_move_id,
            "survey.user_input": ref("property_service_desk.survey_user_input_demo_cuihu_1"),
            **cls.renovation_system_targets,
        }
        cls.other_ids = {
            "res.users": cls.users["administrator"].id,
            "res.partner": cls.owner.id,
            "account.move": invoiced.invoice_move_id.id,
            "property.work.order": dispatched.id,
            "helpdesk.ticket": pending.id,
            "property.evaluation.campaign": sent.id,
            "property.unit": cls.other_unit.id,
            "property.renovation": cls.renovation_parent["other_estate"][0].id,
        }
        cls.ref = ref

    @classmethod
    def _renovation_action_fixtures(cls):
        """Renovations of 3栋502 at each step of their life, through Accounting."""
        env, unit = cls.env, cls.unit
        R, INS, N, D, E = (
            "property.renovation",
            "property.renovation.inspection",
            "property.renovation.notice",
            "property.renovation.deduction",
            "property.renovation.extension",
        )

        def renovation(state):
            return make_renovation(env, unit, state, partner=cls.owner, start=cls.now.date())

        submitted, reviewed, permitted = (
            renovation("submitted"),
            renovation("reviewed"),
            renovation("permitted"),
        )
        accepted = renovation("accepted")
        planned = env[INS].create({"renovation_id": permitted.id, "result": "compliant"})
        notice = violation(env, permitted).notice_id
        deduction = env[D].create(
            {"renovation_id": renovation("accepted").id, "amount": 100, "reason": "Lift"}
        )
        extension = env[E].create(
            {
                "renovation_id": permitted.id,
                "new_end_date": cls.now.date() + timedelta(days=90),
                "reason": "Late tiles",
            }
        )
        cls.renovation_actions = {
            (R, "action_submit"): (renovation("draft"), []),
            (R, "action_review_pass"): (submitted, []),
            (R, "action_review_refuse"): (submitted, ["Removing a load-bearing wall"]),
            (R, "action_approve"): (reviewed, []),
            (R, "action_cancel"): (reviewed, ["The owner withdrew"]),
            (R, "action_invoice_fees"): (renovation("approved"), []),
            (R, "action_issue_permit"): (renovation("paid"), []),
            (R, "action_issue_passes"): (permitted, []),
            (R, "action_print_permit"): (permitted, []),
            (R, "action_complete"): (permitted, []),
            (R, "action_accept"): (renovation("completed"), []),
            (R, "action_refund_deposit"): (accepted, []),
            (INS, "action_done"): (planned, []),
            (N, "action_verify_rectified"): (notice, []),
            (N, "action_print"): (notice, []),
            (D, "action_approve"): (deduction, []),
            (E, "action_approve"): (extension, []),
            (E, "action_refuse"): (extension, []),
        }
        cls.renovation_system_targets = {
            R: cls.records[(R, "mine", None)],
            "property.renovation.worker": cls.records[("property.renovation.worker", "mine", None)],
            INS: planned,
            N: notice,
            D: deduction,
            E: extension,
        }

    def record(self, model, target, role):
        return self.records.get((model, target, role)) or self.records[(model, target, None)]

    # Over the wire ---------------------------------------------------------------------------

    def login(self, role):
        login, _group = am.ROLES[role]
        self.cr.flush()
        result = self.make_jsonrpc_request(
            "/web/session/authenticate",
            {
                "db": self.env.cr.dbname,
                "login": login,
                "password": login,
            },
        )
        self.assertEqual(result["uid"], self.users[role].id, role)

    def call_kw(self, model, method, args, kwargs=None):
        """(error name or None, error message) of the call as the logged-in user."""
        body = rpc_body(self, model, method, args, kwargs)
        if "error" in body:
            data = body["error"].get("data", {})
            name = data.get("name", "?")
            message = data.get("message", body["error"].get("message"))
            if name not in REFUSALS:  # a crash: show where
                message = f"{message}\n{data.get('debug', '')}"
            return name, message
        return None, None

    # The state the database must keep ---------------------------------------------------------

    def snapshot(self, record):
        self.env.invalidate_all()  # flushes first
        # Every row, archived ones included, of each counted table, in one query (it runs twice
        # for each of the thousands of refused attempts).
        self.env.cr.execute(
            SQL(
                "SELECT %s",
                SQL(", ").join(
                    SQL("(SELECT count(*) FROM %s)", SQL.identifier(self.env[model]._table))
                    for model in COUNTED
                ),
            )
        )
        counts = dict(zip(COUNTED, self.env.cr.fetchone(), strict=True))
        if not record or record._abstract or not record._auto:
            return counts, None
        stored = [
            name
            for name, field in record._fields.items()
            if field.store
            and field.type not in ("binary", "one2many", "many2many")
            and name not in ("write_date", "write_uid", "__last_update")
        ]
        return counts, record.sudo().with_context(active_test=False).read(stored)

    def attempt(self, label, allowed, record, call):
        """Run `call` in a savepoint; check it succeeded, or was refused and changed nothing."""
        savepoint = self.cr.savepoint(flush=True)
        try:
            before = None if allowed else self.snapshot(record)
            error, message = call()
            if allowed:
                self.assertIsNone(error, f"{label}: should be allowed, got {error}: {message}")
            else:
                self.assertIsNotNone(error, f"{label}: should be refused, but succeeded")
                self.assertIn(error, REFUSALS, f"{label}: refused with {error}: {message}")
                self.assertEqual(self.snapshot(record), before, f"{label}: database changed")
        finally:
            savepoint.close(rollback=True)
            self.env.invalidate_all()

    # The operations ---------------------------------------------------------------------------

    def crud(self, role, model, operation, target):
        if operation == "create":
            vals = self.create_values(role, model, target)
            return None, lambda: self.call_kw(model, "create", [vals])
        record = self.record(model, target, role)
        self.assertTrue(record, f"no fixture for {model} {target}")
        if operation == "read":
            # The record itself (its name may show related records the rules hide).
            return record, lambda: self.call_kw(model, "read", [record.ids, ["id"]])
        if operation == "write":
            vals = CRUD_VALUES[model]["write"]
            return record, lambda: self.call_kw(model, "write", [record.ids, vals])
        return record, lambda: self.call_kw(model, "unlink", [record.ids])

    def create_values(self, role, model, target):
        if target == "signed":  # a line added to a signed order
            ticket, unit, order = self.signed_order.ticket_id, self.unit, self.signed_order
        elif target == "forged":  # in another user's name
            vals = self.create_values(role, model, "mine")
            someone_else = self.users["agent" if role != "agent" else "business_manager"]
            author = {
                "property.complaint.case.analysis": "author_id",
                "property.customer.visit": "manager_id",
            }.get(model, "user_id")
            return {**vals, author: someone_else.id}
        else:
            ticket = self.record("helpdesk.ticket", target, role)
            unit = self.record("property.unit", target, role)
            order = self.record("property.work.order", target, role)
        own = {"user_id": self.users[role].id} if role in am.TECH_OFFICE else {}
        return {
            "property.unit": lambda: {"name": "9901", "building_id": unit.building_id.id},
            "helpdesk.ticket": lambda: {
                "name": "Lift stuck",
                "description": "<p>Lift stuck</p>",
                "unit_id": unit.id,
                "partner_id": unit.owner_id.id,
                "request_kind": "repair",
                **own,
            },
            "property.promise": lambda: {
                "ticket_id": ticket.id,
                "kind": "response",
                "deadline": "2030-01-01",
            },
            "property.ticket.reappointment": lambda: {
                "ticket_id": ticket.id,
                "reason": "Customer asked",
                "agreed_at": fields.Datetime.to_string(self.now + timedelta(days=2)),
            },
            "property.ticket.time.correction": lambda: {
                "ticket_id": ticket.id,
                "field_name": "received_at",
                "reason": "Typo",
                "new_time": "2020-01-01 00:00:00",
            },
            "property.complaint.history": lambda: {
                "ticket_id": ticket.id,
                "change": "severity",
                "trigger": "scheduled",
                "user_id": self.users["administrator"].id,
                "new_value": "invalid",
            },
            "property.complaint.case.analysis": lambda: {
                "name": "Case",
                "ticket_id": ticket.id,
                "what_happened": "<p>x</p>",
            },
            "property.work.order": lambda: {"ticket_id": ticket.id, "description": "More"},
            "property.work.order.line": lambda: {
                "order_id": order.id,
                "product_id": self.product.id,
                "quantity": 1,
            },
            "property.parcel": lambda: {
                "unit_id": unit.id,
                "tracking_number": "SF977777777",
                "carrier_id": self.ref("property_service_desk.property_parcel_carrier_sf").id,
                "storage_location": "Shelf B",
            },
            "property.move.in": lambda: {"unit_id": unit.id, "partner_id": self.tenant.id},
            "property.vacant.inspection": lambda: {"unit_id": unit.id, "period": "2032-01-01"},
            "property.lending": lambda: {
                "item_id": self.lending_items[target].id,
                "partner_id": self.owner.id,
            },
            "property.convenience.service": lambda: {
                "unit_id": unit.id,
                "partner_id": self.owner.id,
                "product_id": self.copy_product.id,
            },
            "property.customer.visit": lambda: {
                "unit_id": unit.id,
                "topics": "Fees",
                "visit_date": fields.Datetime.to_string(self.now - timedelta(hours=2)),
            },
            "property.key.authorisation": lambda: {
                "unit_id": unit.id,
                "partner_id": self.owner.id,
                "document": SIGNATURE,
                "keys_description": "Mailbox",
                "valid_until": fields.Date.to_string(self.now.date() + timedelta(days=30)),
                "contact_name": "王芳",
                "contact_phone": "188",
            },
            "property.key.set": lambda: {
                "unit_id": unit.id,
                "authorisation_id": self.record("property.key.authorisation", target, role).id,
                "keys_description": "Mailbox",
                "seal_number": "FT-2",
                "storage_location": "K1-02",
            },
            "property.key.log": lambda: {
                "key_set_id": self.idle_key_sets[target].id,
                "reason": "Vacant-unit inspection",
                "purpose": "vacant_inspection",
                "taken_by_id": self.users[role].id,
                "authorised_by_id": self.users["administrator"].id,
            },
            **self.renovation_create_values(target, unit),
            **fee_fixtures.create_values(self, target),
        }[model]()

    def renovation_create_values(self, target, unit):
        draft, works = self.renovation_parent.get(target, self.renovation_parent["mine"])
        return {
            "property.renovation": lambda: {
                "unit_id": unit.id,
                "partner_id": unit.owner_id.id,
                "scope": "New floor",
            },
            "property.renovation.worker": lambda: {
                "renovation_id": draft.id,
                "name": "Wu Hai",
                "id_number": ID_NUMBERS[2],
            },
            "property.renovation.inspection": lambda: {"renovation_id": works.id},
            "property.renovation.deduction": lambda: {
                "renovation_id": works.id,
                "amount": 10,
                "reason": "Scratch",
            },
            "property.renovation.extension": lambda: {
                "renovation_id": works.id,
                "new_end_date": fields.Date.to_string(self.now.date() + timedelta(days=99)),
                "reason": "Late",
            },
        }

    def action(self, role, model, method):
        records, args = self.actions_of_role.get(
            (role, model, method), self.actions[(model, method)]
        )
        if isinstance(records, str) and records == "model":
            return None, lambda: self.call_kw(model, method, args)
        if isinstance(records, str) and records == "wizard":
            return None, lambda: self.open_and_confirm(model, args, method)
        return records, lambda: self.call_kw(model, method, [records.ids, *args])

    def open_and_confirm(self, model, values, method):
        """A wizard is read only by whoever opened it: the role creates it, then confirms."""
        self.env.flush_all()
        payload = {
            "id": 0,
            "jsonrpc": "2.0",
            "method": "call",
            "params": {"model": model, "method": "create", "args": [values], "kwargs": {}},
        }
        body = self.url_open(
            f"/web/dataset/call_kw/{model}/create",
            data=json.dumps(payload),
            headers={"Content-Type": "application/json"},
        ).json()
        if "error" in body:
            data = body["error"].get("data", {})
            return data.get("name", "?"), data.get("message")
        return self.call_kw(model, method, [[body["result"]]])

    def system_field(self, model, name):
        record = self.system_targets[model]
        if name not in record._fields:
            self.fail(f"SYSTEM_FIELDS names {model}.{name}, a field that does not exist")
        field = record._fields[name]
        current = record[name]
        value = {
            "selection": lambda: next(
                key for key, _label in field._description_selection(self.env) if key != current
            ),
            "many2one": lambda: (
                self.other_ids.get(field.comodel_name)
                or self.env[field.comodel_name].sudo().search([], limit=1).id
            ),
            "one2many": lambda: [(5, 0, 0)],
            "many2many": lambda: [(5, 0, 0)],
            "float": lambda: (current or 0) + 7.5,
            "monetary": lambda: (current or 0) + 7.5,
            "html": lambda: "<p>Forged</p>",
            "datetime": lambda: "2020-01-01 00:00:00",
            "date": lambda: "2020-01-01",
            "boolean": lambda: not current,
            "integer": lambda: (current or 0) + 7,
            "binary": lambda: SIGNATURE,
        }.get(field.type, lambda: "Forged")()
        return record, lambda: self.call_kw(model, "write", [record.ids, {name: value}])

    def run_role(self, role):
        self.login(role)
        planned = [op for op in am.rpc_operations() if op[0] == role]
        attempted = 0
        for _role, kind, model, name, target, allowed in planned:
            label = f"{role} {kind} {model} {name} {target}"
            with self.subTest(role=role, kind=kind, model=model, name=name, target=target):
                attempted += 1
                if kind == "crud":
                    record, call = self.crud(role, model, name, target)
                elif kind == "action":
                    record, call = self.action(role, model, name)
                else:
                    record, call = self.system_field(model, name)
                self.attempt(label, allowed, record, call)
        self.assertEqual(attempted, len(planned))
        return attempted


def _role_test(role):
    def test(self):
        self.run_role(role)
        if role in am.PORTAL:
            self.check_portal_routes()

    test.__name__ = f"test_rpc_matrix_{role}"
    test.__doc__ = f"Every operation of the access model, as the demo {role} over JSON-RPC."
    return test


for _role in am.ROLES:
    setattr(TestRpcMatrix, f"test_rpc_matrix_{_role}", _role_test(_role))


def check_portal_routes(self):
    """The portal answers the requests of the user's units and 404 for another unit's."""
    mine = self.records[("helpdesk.ticket", "mine", None)]
    other = self.records[("helpdesk.ticket", "other_estate", None)]
    self.assertEqual(self.url_open("/my/tickets").status_code, 200)
    self.assertEqual(self.url_open(f"/my/ticket/{mine.id}").status_code, 200)
    response = self.url_open(f"/my/ticket/{other.id}", allow_redirects=False)
    self.assertIn(response.status_code, (403, 404), response.headers.get("Location"))


TestRpcMatrix.check_portal_routes = check_portal_routes


@tagged("post_install", "-at_install")
class TestAccessModelCoversTheAddon(HttpCase):
    def test_every_model_of_the_addon_is_in_the_access_model(self):
        models = [
            name
            for name, model in self.env.registry.items()
            if model._original_module == "property_service_desk" and not model._abstract
        ]
        self.assertEqual(
            sorted(set(models) - set(am.MODEL_ACCESS) - {"helpdesk.ticket"}),
            [],
            "models of the addon missing in MODEL_ACCESS of tests/access_model.py",
        )
        odoo_models = {"helpdesk.ticket", *am.PERSONAL_DATA}
        self.assertEqual(sorted(set(am.MODEL_ACCESS) - set(models) - odoo_models), [])

    def test_demo_has_every_role(self):
        for login, group in am.ROLES.values():
            user = self.env["res.users"].search([("login", "=", login)])
            self.assertTrue(user, login)
            self.assertTrue(user.has_group(group), f"{login} is not in {group}")
