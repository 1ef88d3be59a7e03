"""The access model of the addon: who may do what, as data.

This file is the single source of the README section *Who may do what* (rendered by
`scripts/access_table.py`) and of the RPC matrix test (`test_rpc_matrix.py`), which attempts every
operation it implies as each demo role over `/web/dataset/call_kw`. It imports nothing from Odoo.

Scopes: "all" every record of the company; "estates" the records of the user's estates (or all
estates with *See All Estates*); "own" records tied to the user (technician: orders dispatched to
them; portal: the units they own or rent); "-" no access.
"""

# Roles, by the demo login that plays them (password = login) and the group that makes them.
ROLES = {
    "portal_owner": ("owner", "base.group_portal"),
    "portal_tenant": ("tenant", "base.group_portal"),
    "agent": ("agent", "property_service_desk.group_property_agent"),
    "business_manager": ("business1", "property_service_desk.group_property_business_manager"),
    "business_supervisor": (
        "business_supervisor",
        "property_service_desk.group_property_business_supervisor",
    ),
    "technician": ("technician", "property_service_desk.group_property_technician"),
    # The business centre (商务中心、便民服务, SPEC §8): lending and convenience services.
    "business_clerk": ("business_clerk", "property_service_desk.group_property_business_clerk"),
    "engineering_lead": (
        "engineering_lead",
        "property_service_desk.group_property_engineering_lead",
    ),
    "accountant": ("accountant", "property_service_desk.group_property_accountant"),
    "project_manager": ("project_manager", "property_service_desk.group_property_project_manager"),
    "operations_gm": (
        "operations_manager",
        "property_service_desk.group_property_operations_manager",
    ),
    "division_lead": ("division_lead", "property_service_desk.group_property_division_lead"),
    "centre_gm": ("centre_manager", "property_service_desk.group_property_centre_manager"),
    "administrator": ("admin", "property_service_desk.group_property_manager"),
}

STAFF = (
    "agent",
    "business_manager",
    "business_supervisor",
    "technician",
    "business_clerk",
    "engineering_lead",
    "accountant",
    "project_manager",
    "operations_gm",
    "division_lead",
    "centre_gm",
    "administrator",
)
DESK = (
    "agent",
    "business_manager",
    "business_supervisor",
    "engineering_lead",
    "project_manager",
    "operations_gm",
    "division_lead",
    "centre_gm",
    "administrator",
)
MANAGERS = (
    "business_manager",
    "business_supervisor",
    "project_manager",
    "operations_gm",
    "division_lead",
    "centre_gm",
    "administrator",
)
PORTAL = ("portal_owner", "portal_tenant")

# Who may call each public method (beyond it, the caller must be able to write the record: its
# record rules apply; "read" for the methods that only open or print, and for the accountant's
# invoicing, who reads work orders without editing them). Everyone else is refused with an
# AccessError, whatever the screens show. The code checks the groups of these roles with
# `check_caller` (models/mechanisms/property_system_fields_mixin.py); the portal routes, which
# check the customer themselves, call as superuser.
TECHNICIANS = ("technician", "engineering_lead", "administrator")
# The complaint escalation chain (SPEC §3): project manager → operations GM → division lead →
# service-centre GM.
COMPLAINT_CHAIN = ("project_manager", "operations_gm", "division_lead", "centre_gm")
PM_AND_ABOVE = (*COMPLAINT_CHAIN, "administrator")
# The staff who deal with requests: all but the business-centre clerk, who reads none.
REQUEST_STAFF = tuple(role for role in STAFF if role != "business_clerk")
# Lending and convenience services: the desk and the business-centre clerk.
BUSINESS_CENTRE = (*DESK, "business_clerk")
# Whoever inspects renovation works on site: the technicians and the desk.
RENOVATION_STAFF = tuple(role for role in STAFF if role not in ("accountant", "business_clerk"))
# Who collects the fees (SPEC §10): the desk, where the cashier sits, and the accountant.
FEE_DESK = (*DESK, "accountant")
ACTION_CALLERS = {
    "helpdesk.ticket": {
        "action_decline": DESK,
        "action_open_decline_wizard": DESK,
        "action_start_response": DESK,
        "action_check_in": DESK + ("technician",),
        # Correcting when something happened, with a reason kept in the history.
        "action_open_time_correction_wizard": MANAGERS,
        "action_correct_time": MANAGERS,
        "action_change_severity": MANAGERS,
        # The complaint's owner (a minor one: the project manager) or above (SPEC §3).
        "action_propose_solution": COMPLAINT_CHAIN,
        # The customer decides on the portal (their own request only) or the desk records it.
        "action_accept_solution": DESK + PORTAL,
        "action_reject_solution": DESK + PORTAL,
        "action_view_work_orders": REQUEST_STAFF,
        # A class 2 complaint (housing quality): its free warranty repair and contact sheet.
        "action_start_warranty_repair": DESK,
        # SPEC §3, §4 step 3: a free repair fixed on the spot (the desk, or the technician on a
        # phone), a face-to-face complaint settled on the spot (the desk), in one step.
        "action_settle_on_the_spot": (*DESK, "technician"),
        # The mail gateway runs as superuser; by hand, only the desk logs a mail as a request.
        "message_new": DESK,
        # The estate director signs the complaint handling sheet (SPEC §3).
        "action_open_director_signoff": PM_AND_ABOVE,
    },
    "property.work.order": {
        # Source document 001 (有偿服务经主任确定): the estate's director (the project manager)
        # or above approves a paid service before dispatch.
        "action_approve": PM_AND_ABOVE,
        "action_dispatch": ("engineering_lead", "administrator"),
        "action_check_in": TECHNICIANS,
        "action_add_material": TECHNICIANS,
        "action_done": TECHNICIANS,
        "action_sign": TECHNICIANS,
        # SPEC §4.6: the desk enters and archives the signed work order.
        "action_close": DESK,
        "action_cancel": DESK,
        # SPEC §4: the engineering lead checks and accepts a common-area repair.
        "action_accept": ("engineering_lead", "administrator"),
        # Small fees collected on completion by the order's technician or at the desk; the
        # system records the payment in Accounting after checking the caller.
        "action_collect_fee": DESK + ("technician",),
        "action_refund_surplus": ("accountant", "administrator"),
        "action_create_rework": ("engineering_lead", "administrator"),
        "action_create_prepayment": ("accountant", "administrator"),
        "action_create_invoice": ("accountant", "administrator"),
        "action_view_invoice": DESK + ("accountant",),
        # The customer of the order (their own only).
        "action_sign_from_portal": PORTAL,
    },
    "property.callback": {
        "action_done": DESK,
        # The business supervisor (经营管理主管) or above spot-checks the business managers'
        # callbacks.
        "action_spot_check_done": ("business_supervisor", *PM_AND_ABOVE),
        # The customer of the request (their own only).
        "action_answer_from_portal": PORTAL,
    },
    "property.parcel": {
        "action_notify": DESK,
        "action_resend_notification": DESK,
        "action_return_to_sender": DESK,
        "action_open_pickup_wizard": DESK,
    },
    "property.evaluation.campaign": {
        "action_send_invitations": PM_AND_ABOVE,
        "action_send_reminders": PM_AND_ABOVE,
        "action_close_collection": PM_AND_ABOVE,
        "action_summarise": PM_AND_ABOVE,
        # The service-centre GM signs the quarter's summary off.
        "action_sign_off": ("centre_gm", "administrator"),
        "action_view_answers": DESK,
        "action_print_summary": DESK,
        # The desk types in the paper forms customers hand back (issue 14, point 11).
        "action_enter_paper_form": DESK,
        # The results fed back to all the estate's staff (SPEC §7).
        "action_publish_to_staff": PM_AND_ABOVE,
    },
    "property.estate": {
        "action_view_buildings": STAFF,
        "action_view_units": STAFF,
        "action_view_tickets": STAFF,
        "action_view_overdue_vacant_inspections": STAFF,
    },
    "property.building": {"action_view_units": STAFF},
    "property.unit": {
        "action_view_tickets": STAFF,
        "action_view_vacant_inspections": STAFF,
        "action_open_archive": STAFF,
        "action_print_archive": STAFF,
        "action_property_collect": FEE_DESK,
        "action_property_print_ledger": FEE_DESK,
    },
    "res.partner": {"action_view_property_units": STAFF, "action_open_owner_archive": STAFF},
    "property.kpi.monthly": {
        "get_dashboard": MANAGERS,
        "action_open_kpi_records": MANAGERS,
    },
    # Renovation (SPEC §8): the desk files and follows, engineering reviews and accepts, the
    # service centre's managers approve, the accountant invoices and refunds.
    "property.renovation": {
        "action_submit": DESK,
        "action_review_pass": ("engineering_lead", "administrator"),
        "action_review_refuse": ("engineering_lead", "administrator"),
        "action_approve": PM_AND_ABOVE,
        "action_cancel": DESK,
        "action_invoice_fees": ("accountant", "administrator"),
        "action_issue_permit": DESK,
        "action_issue_passes": DESK,
        "action_print_permit": DESK,
        "action_complete": DESK,
        "action_accept": ("engineering_lead", "administrator"),
        "action_refund_deposit": ("accountant", "administrator"),
    },
    "property.renovation.inspection": {"action_done": RENOVATION_STAFF},
    "property.renovation.notice": {
        "action_verify_rectified": RENOVATION_STAFF,
        "action_print": RENOVATION_STAFF,
    },
    # A deduction from the deposit needs the operations general manager (or above).
    "property.renovation.deduction": {"action_approve": PM_AND_ABOVE[1:]},
    "property.renovation.extension": {
        "action_approve": PM_AND_ABOVE,
        "action_refuse": PM_AND_ABOVE,
    },
    # Wizards: their confirmation calls the action above, which checks again.
    "property.request.decline.wizard": {"action_confirm": DESK},
    "property.ticket.reschedule.wizard": {"action_confirm": DESK},
    "property.complaint.solution.wizard": {"action_confirm": DESK},
    "property.complaint.severity.wizard": {"action_confirm": MANAGERS},
    "property.work.order.cancel.wizard": {"action_confirm": DESK},
    "property.parcel.pickup.wizard": {"action_confirm": DESK},
    # The clerk prints the lending and business-centre registers; each prints what it reads.
    "property.register.wizard": {"action_print": STAFF},
    "property.ticket.time.correction.wizard": {"action_confirm": MANAGERS},
    "property.evaluation.paper.wizard": {"action_confirm": DESK},
    # Move-in (SPEC §8): the desk walks the file through; the accountant may invoice the fees.
    "property.move.in": {
        "action_check_documents": DESK,
        "action_create_invoice": DESK + ("accountant",),
        "action_view_invoice": DESK + ("accountant",),
        "action_finish_inspection": DESK,
        "action_view_repairs": DESK,
        "action_complete": DESK,
        "action_cancel": DESK,
    },
    # Keys (SPEC §8): only the desk of the estate keeps, hands out and takes back keys.
    "property.key.authorisation": {"action_revoke": DESK},
    "property.key.set": {"action_hand_out": DESK},
    "property.key.log": {"action_return": DESK},
    # The unit's life at the desk (SPEC §8): vacant units, owner archives, daily contact,
    # lending and the business centre.
    "property.vacant.inspection": {"action_done": DESK, "action_print": DESK},
    "property.lending": {"action_return": BUSINESS_CENTRE},
    "property.convenience.service": {
        "action_charge": BUSINESS_CENTRE,
        "action_print_receipt": BUSINESS_CENTRE,
    },
    "property.suggestion.box": {"action_open_box": DESK},
    # A business manager (or above) records their own visits.
    "property.customer.visit": {"action_done": MANAGERS},
    # The owner archive: the estate's staff only.
    "property.owner.archive": {"action_print_archive": STAFF},
    # The estate's project manager (or a manager above: the method checks the estate).
    "property.director.signoff": {"action_sign": PM_AND_ABOVE},
    # The desk records the department's reply to a work contact sheet.
    "property.contact.sheet": {"action_record_reply": DESK},
    "property.courtesy.callback": {"action_done": DESK},
    # The service centre's duties (SPEC §8).
    "property.patrol": {"action_done": DESK},
    "property.reception.day": {"action_done": MANAGERS},
    "property.customer.forum": {"action_done": MANAGERS},
    # The archivist signs for the handover (the director records a check: tests/oversight).
    "property.archive.duty": {"action_done": DESK},
    "property.move.in.cancel.wizard": {"action_confirm": DESK},
    "property.key.revoke.wizard": {"action_confirm": DESK},
    # Fees (SPEC §10): the accountant bills and asks for waivers, the estate's project manager
    # (or above) decides them, the engineering staff read the meters.
    "property.fee.run": {"action_start": ("accountant", "administrator")},
    "property.fee.waiver.wizard": {"action_confirm": ("accountant", "administrator")},
    "property.fee.waiver": {"action_approve": PM_AND_ABOVE, "action_refuse": PM_AND_ABOVE},
    "property.meter": {"action_new_reading": TECHNICIANS},
    # Collection (SPEC §10): the desk (the cashier) and the accountant collect at the desk, from
    # the unit or the bill, print the receipt (收款收据), the unit's ledger (收费台账) and the
    # reminder notice (催缴通知单), and close the cashier's day (收款日报表).
    "property.fee.collect.wizard": {"action_collect": FEE_DESK},
    "account.move": {"action_property_collect": FEE_DESK},
    "account.payment": {"action_property_print_receipt": FEE_DESK},
    "property.fee.daily.close": {"action_close": FEE_DESK, "action_print": FEE_DESK},
    "property.fee.reminder": {"action_print": FEE_DESK},
}

# Fields the system keeps: no role writes them with `write`/`create` over RPC; they change only
# through the action methods above (or the scheduled jobs). Guarded by
# models/mechanisms/property_system_fields_mixin.py (`_system_fields` of each model). Work orders
# and parcels also take their number from a sequence; a caller may name the request of a new
# callback and the order of a new line. Beyond these fields, the official record is frozen as a
# whole: a signed, closed or invoiced work order and its lines, a collected or returned parcel, a
# done callback (but its spot-check result while it is to check), a signed-off evaluation.
# The retry state the scheduled jobs keep on the records they work through.
CRON_FIELDS = ("cron_failure_count", "cron_retry_at", "cron_last_error")
SYSTEM_FIELDS = {
    "helpdesk.ticket": (
        "settled_on_the_spot",
        "is_declined",
        "decline_reason",
        "declined_date",
        "declined_by_id",
        "complaint_severity",
        "complaint_owner_id",
        "solution",
        "solution_proposed_at",
        "solution_decision",
        "rejection_reason",
        "escalation_count",
        "callback_requirement",
        "callback_required_rate",
        "callback_sample_position",
        "callback_decided",
        "is_warranty_repair",
        "warranty_complaint_id",
        # Who wrote the owner record's entry, and on which day.
        "record_by_id",
        "record_date",
        # Clocks: set by the server when the event happens. received_at is given at intake
        # (create), then only corrected with a reason (action_correct_time).
        "received_at",
        "response_started_at",
        "on_site_at",
        "agreed_at",
        "assigned_date",
        "closed_date",
    )
    + CRON_FIELDS,
    "property.work.order": (
        "name",
        "state",
        "cancel_reason",
        "dispatched_by_id",
        "dispatched_at",
        "check_in_at",
        "done_at",
        "signed_at",
        "signed_document_id",
        "prepayment_move_id",
        "invoice_move_id",
        "rework_of_id",
        "approved_by_id",
        "approved_at",
        # Whether a paid service still awaits the director: kept from the charge and approval.
        "awaits_approval",
        "accepted_by_id",
        "accepted_at",
        "refund_move_id",
        "fee_payment_id",
        "fee_method",
        "fee_collected_by_id",
        "fee_collected_at",
    ),
    "property.work.order.line": ("order_id",),
    "property.callback": (
        "ticket_id",
        "rule_id",
        "sequence",
        "on_site_only",
        "state",
        "done_at",
        "done_by_id",
        "spot_check_state",
        "spot_checked_by_id",
    ),
    "property.parcel": (
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
    + CRON_FIELDS,
    "property.evaluation.campaign": (
        "state",
        "invited_at",
        "reminded_at",
        "closed_at",
        "summarised_at",
        "summary_line_ids",
        "invited_total",
        "sample_size",
        "response_rate",
        "satisfaction_rate",
        "is_below_target",
        "signed_off_by_id",
        "signed_off_at",
        "survey_score",
        "published_at",
        "published_by_id",
    )
    + CRON_FIELDS,
    "property.evaluation.summary.line": (
        "campaign_id",
        "line_type",
        "sequence",
        "question_id",
        "matrix_row_id",
        "is_overall",
        "satisfied_count",
        "fair_count",
        "dissatisfied_count",
        "is_lowest",
        "unit_id",
        "comment",
    ),
    "property.complaint.history": (
        "date",
        "ticket_id",
        "change",
        "old_value",
        "new_value",
        "reason",
        "trigger",
        "user_id",
    ),
    "survey.user_input": (
        "evaluation_campaign_id",
        "unit_id",
        "property_paper_form",
        "property_entered_by_id",
        "property_issued_by_id",
        "property_collected_by_id",
    ),
    "account.move": (
        "property_work_order_id",
        "property_is_prepayment",
        "property_renovation_id",
        # Fee bills (SPEC §10): written by the billing run and the waivers only.
        "property_estate_id",
        "property_unit_id",
        "property_fee_period",
        "property_fee_run_id",
        "property_is_fee_bill",
    ),
    "account.move.line": (
        "property_fee_item_id",
        "property_fee_unit_id",
        "property_fee_charge_period",
    ),
    "account.payment": (
        "property_unit_id",
        "property_estate_id",
        "property_cashier_id",
        "property_daily_close_id",
    ),
    "property.fee.daily.close": (
        "cashier_id",
        "state",
        "closed_at",
        "amount_total",
        "journal_total",
    ),
    "property.fee.reminder": (
        "move_id",
        "step",
        "date",
        "amount_due",
        "months_overdue",
        "late_fee_move_id",
        "estate_id",
        "unit_id",
        "partner_id",
    ),
    "property.fee.contact.log": ("user_id",),
    "property.renovation": (
        "name",
        "state",
        "submitted_at",
        "reviewed_by_id",
        "reviewed_at",
        "refusal_reason",
        "approved_by_id",
        "approved_at",
        "deposit_amount",
        "deposit_move_id",
        "fee_move_id",
        "permit_number",
        "permitted_at",
        "permit_end_date",
        "works_stopped",
        "overrun_flagged",
        "next_inspection_on",
        "completed_at",
        "accepted_by_id",
        "accepted_at",
        "acceptance_note",
        "refund_move_id",
        "refund_payment_id",
        "refunded_at",
        "cancel_reason",
    )
    + CRON_FIELDS,
    "property.renovation.worker": ("renovation_id", "pass_number"),
    "property.renovation.inspection": (
        "renovation_id",
        "state",
        "done_at",
        "done_by_id",
        "notice_id",
    ),
    "property.renovation.notice": (
        "name",
        "renovation_id",
        "inspection_id",
        "issued_at",
        "issued_by_id",
        "deadline",
        "stop_works",
        "state",
        "rectified_at",
        "verified_by_id",
        "is_overdue",
        "overdue_at",
    )
    + CRON_FIELDS,
    "property.renovation.deduction": ("renovation_id", "state", "approved_by_id", "approved_at"),
    "property.renovation.extension": (
        "renovation_id",
        "state",
        "previous_end_date",
        "decided_by_id",
        "decided_at",
    ),
    "property.promise": (
        "ticket_id",
        "policy_id",
        "kind",
        "target_minutes",
        "start_at",
        "deadline",
        "reached_at",
        "breached_at",
        "breach_pending",
        "state",
        "occurrences",
    )
    + CRON_FIELDS,
    "property.move.in": (
        "name",
        "state",
        "documents_checked_at",
        "documents_checked_by_id",
        "invoice_move_id",
        "inspection_done_at",
        "completed_at",
        "completed_by_id",
        "cancel_reason",
    ),
    # The file's items: the link to the warranty repair each defect became; fees at the
    # published price; the contact each member became at completion.
    "property.move.in.line": ("move_in_id", "ticket_id"),
    "property.move.in.fee": ("move_in_id", "price_unit"),
    "property.move.in.member": ("move_in_id", "partner_id"),
    "property.key.authorisation": ("name", "revoked_at", "revoked_by_id", "revoke_reason"),
    "property.key.set": ("name",),
    # The key log is append-only: out/back times are the server's, the owner's notice and the
    # end-of-day flag the system's; only the written record, photos and a note are added while
    # the keys are out.
    "property.key.log": (
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
    + CRON_FIELDS,
    # Vacant units: the month planned for each unit and the daily box of each estate are the
    # scheduled jobs'; the recorded inspection, its request and the owner's notice the system's.
    "property.unit": ("vacant_inspection_month",) + CRON_FIELDS,
    "property.estate": (
        "suggestion_box_planned_on",
        "courtesy_callbacks_planned_for",
        "patrols_planned_for",
        "reception_day_planned_for",
        "archive_handover_planned_for",
        "archive_check_planned_for",
    )
    + CRON_FIELDS,
    "property.vacant.inspection": (
        "state",
        "inspected_at",
        "inspected_by_id",
        "ticket_id",
        "owner_notified",
    ),
    "property.lending": (
        "name",
        "state",
        "lent_by_id",
        "returned_at",
        "returned_to_id",
        "reminder_count",
        "last_reminded_on",
    )
    + CRON_FIELDS,
    # The price is the published one; the invoice and payment are made by action_charge.
    "property.convenience.service": (
        "name",
        "state",
        "price_unit",
        "invoice_move_id",
        "charged_at",
        "charged_by_id",
    ),
    "property.suggestion.box": ("state", "opened_at", "opened_by_id"),
    "property.suggestion.item": ("ticket_id",),
    "property.customer.visit": ("name", "state", "month", "done_at"),
    "property.customer.visit.opinion": ("ticket_id",),
    "property.director.signoff": (
        "state",
        "signed_by_id",
        "signed_at",
        "signed_on",
        "attachment_id",
    ),
    "property.courtesy.callback": ("state", "done_at", "done_by_id", "ticket_id"),
    "property.patrol": ("name", "state", "week", "done_at", "done_by_id"),
    "property.patrol.finding": ("ticket_id",),
    "property.reception.day": ("name", "state", "month", "done_at", "done_by_id"),
    "property.reception.matter": ("ticket_id",),
    "property.customer.forum": (
        "name",
        "state",
        "compile_deadline",
        "compiled_late",
        "done_at",
        "done_by_id",
    ),
    "property.customer.forum.opinion": ("ticket_id",),
    "property.archive.duty": (
        "name",
        "state",
        "kind",
        "period",
        "due_date",
        "is_late",
        "done_at",
        "done_by_id",
    )
    + CRON_FIELDS,
    "property.contact.sheet": (
        "state",
        "issued_by_id",
        "issued_at",
        "replied_by_id",
        "replied_at",
        "replied_late",
    ),
    "property.meter.reading": (
        "previous_value",
        "consumption",
        "average_consumption",
        "needs_review",
    ),
    "property.fee.run": ("state", "started_at", "done_at"),
    "property.fee.waiver": (
        "move_id",
        "item_id",
        "amount",
        "reason",
        "state",
        "approver_id",
        "decided_by_id",
        "decided_at",
        "credit_note_id",
    ),
}

# Who may read (r), create (c), write (w) and delete (d) the records of each model, and in which
# scope (see the top of this file). A role not listed has no access ("-"). Enforced by
# security/ir.model.access.csv and the record rules of security/*_security.xml; the guards of the
# models refuse further what the system keeps (SYSTEM_FIELDS) and what is the official record
# (a signed order, a done callback, a history row…), whatever this table grants.
TECH_OFFICE = ("technician", "accountant")
# Staff of the estate outside the desk, who read what every employee of the estate reads.
ESTATE_READERS = (*TECH_OFFICE, "business_clerk")
ESTATE_DESK = DESK[:-1]  # the desk roles below the administrator
PM_UP = ("project_manager", "operations_gm", "division_lead", "centre_gm")


def _grant(roles, perms, scope):
    return {role: (perms, scope) for role in roles}


def _staff_read_admin_manage(portal=None):
    """Reference data: every staff member reads it, the administrator maintains it."""
    access = {**_grant(STAFF, "r", "all"), "administrator": ("rcwd", "all")}
    if portal:
        access.update(_grant(PORTAL, "r", portal))
    return access


# Personal data (个人信息保护法, SPEC §9): Odoo's own models that hold the estate's people, read
# here as "estates" = the people (owners, tenants, household members, customers of requests) of
# the user's estates; "own" = portal: oneself; technician: the customers of the work orders
# dispatched to it; the business-centre clerk serves the estate's people, their numbers masked
# (it only needs to recognise them). Contacts who are nobody's estate person (suppliers,
# colleagues, companies) stay as Odoo has them. Enforced by security/res_partner_security.xml
# (tools/personal_data.py).
ESTATE_PEOPLE = {
    **_grant(PORTAL, "r", "own"),
    "technician": ("r", "own"),
    **_grant(ESTATE_DESK + ("accountant", "business_clerk", "administrator"), "r", "estates"),
}
PERSONAL_DATA = {
    "res.partner": (
        ESTATE_PEOPLE,
        "Contacts of owners, tenants, household members and customers: the desk and the "
        "accountant of their estates (every owner is called back, notified and billed); a "
        "technician its work orders' customers, the phone masked (138****5678) once its "
        "orders for them are closed; the business-centre clerk the people of its estates, "
        "the phone always masked (it only recognises them).",
    ),
    "res.users": (
        ESTATE_PEOPLE,
        "Their portal accounts (login, phone, e-mail): as their contacts; a portal user "
        "reads no other portal account.",
    ),
    "mail.followers": (
        {role: access for role, access in ESTATE_PEOPLE.items() if role not in PORTAL},
        "Who follows which request or invoice: as the follower's contact.",
    ),
    "mail.message": (
        ESTATE_PEOPLE,
        "Messages: as the document they are posted on (the person's contact, a request, an "
        "invoice); other estates' documents and their authors stay hidden.",
    ),
}

MODEL_ACCESS = {
    "property.estate": _staff_read_admin_manage(portal="own"),
    # Buildings are scoped as their units are.
    "property.building": {
        **_grant(PORTAL, "r", "own"),
        **_grant(STAFF, "r", "estates"),
        "administrator": ("rcwd", "estates"),
    },
    "property.unit": {
        **_grant(PORTAL, "r", "own"),
        **_grant(ESTATE_READERS, "r", "estates"),
        **_grant(ESTATE_DESK, "rcw", "estates"),
        "administrator": ("rcwd", "estates"),
    },
    "helpdesk.ticket": {
        **_grant(PORTAL, "r", "own"),
        # Technicians and accountants: the requests assigned to them (technicians also read the
        # requests of the orders dispatched to them).
        **_grant(TECH_OFFICE, "rcw", "own"),
        **_grant(ESTATE_DESK, "rcw", "estates"),
        "administrator": ("rcwd", "estates"),
    },
    "property.promise.policy": _staff_read_admin_manage(),
    "property.promise": {
        **_grant(PORTAL, "r", "own"),
        **_grant(STAFF, "r", "estates"),
    },
    "property.ticket.time.correction": _grant(STAFF, "r", "estates"),
    "property.ticket.reappointment": {
        **_grant(ESTATE_READERS, "r", "estates"),
        **_grant(DESK, "rc", "estates"),
    },
    "property.complaint.severity.rule": _staff_read_admin_manage(),
    "property.complaint.history": _grant(STAFF, "r", "estates"),
    "property.complaint.case.analysis": {
        **_grant(ESTATE_READERS, "r", "estates"),
        **_grant(DESK, "rcw", "estates"),
    },
    "property.sample.counter": {"administrator": ("r", "all")},
    "property.callback.rule": _staff_read_admin_manage(),
    # Who handles a new request: proposed at registration, kept by the administrator.
    "property.routing.rule": _staff_read_admin_manage(),
    "property.callback": {
        **_grant(PORTAL, "r", "own"),
        **_grant(ESTATE_READERS, "r", "estates"),
        **_grant(DESK, "rcw", "estates"),
    },
    "property.callback.report": _grant(STAFF, "r", "estates"),
    "property.work.order": {
        **_grant(PORTAL, "r", "own"),
        "technician": ("rw", "own"),
        "accountant": ("r", "estates"),
        **_grant(ESTATE_DESK, "rcw", "estates"),
        "administrator": ("rcwd", "estates"),
    },
    "property.work.order.line": {
        "technician": ("rcwd", "own"),
        "accountant": ("r", "estates"),
        **_grant(DESK, "rcwd", "estates"),
    },
    "property.parcel": {
        **_grant(PORTAL, "r", "own"),
        **_grant(DESK, "rcwd", "estates"),
    },
    "property.parcel.carrier": {
        **_staff_read_admin_manage(),
        **_grant(PORTAL, "r", "all"),
    },
    "property.evaluation.campaign": {
        **_grant(
            ("agent", "business_manager", "business_supervisor", "engineering_lead"), "r", "estates"
        ),
        **_grant(PM_UP, "rcw", "estates"),
        "administrator": ("rcwd", "estates"),
    },
    # The system writes (and redoes) the summary when it summarises.
    "property.evaluation.summary.line": _grant(
        ("agent", "business_manager", "business_supervisor", "engineering_lead")
        + PM_UP
        + ("administrator",),
        "r",
        "estates",
    ),
    "property.kpi.monthly": _grant(MANAGERS, "r", "estates"),
    # Renovation: the owner reads their own on the portal (its inspections, notices and refund
    # through the renovation's page); workers' identities are the estate staff's only.
    "property.renovation": {
        **_grant(PORTAL, "r", "own"),
        **_grant(TECH_OFFICE, "r", "estates"),
        **_grant(ESTATE_DESK, "rcw", "estates"),
        "administrator": ("rcwd", "estates"),
    },
    "property.renovation.worker": {
        "technician": ("r", "estates"),
        **_grant(DESK, "rcwd", "estates"),
    },
    "property.renovation.inspection": {
        "accountant": ("r", "estates"),
        **_grant(("technician",) + DESK, "rcw", "estates"),
    },
    "property.renovation.notice": {
        "accountant": ("r", "estates"),
        **_grant(("technician",) + DESK, "rw", "estates"),
    },
    "property.renovation.deduction": {
        **_grant(TECH_OFFICE, "r", "estates"),
        **_grant(DESK, "rcwd", "estates"),
    },
    "property.renovation.extension": {
        **_grant(TECH_OFFICE, "r", "estates"),
        **_grant(DESK, "rcw", "estates"),
    },
    "property.request.keyword": _staff_read_admin_manage(),
    # Wizards: each user reads and runs only the ones they opened.
    "property.request.decline.wizard": _grant(DESK, "rcwd", "own"),
    "property.ticket.reschedule.wizard": _grant(DESK, "rcwd", "own"),
    "property.complaint.solution.wizard": _grant(DESK, "rcwd", "own"),
    "property.complaint.severity.wizard": _grant(MANAGERS, "rcwd", "own"),
    "property.work.order.cancel.wizard": _grant(DESK, "rcwd", "own"),
    "property.register.wizard": _grant(STAFF, "rcwd", "own"),
    "property.parcel.pickup.wizard": _grant(DESK, "rcwd", "own"),
    "property.ticket.time.correction.wizard": _grant(MANAGERS, "rcwd", "own"),
    "property.evaluation.paper.wizard": _grant(DESK, "rcwd", "own"),
    "property.evaluation.paper.wizard.line": _grant(DESK, "rcwd", "own"),
    # Move-in (SPEC §8): the desk of the estate; the accountant reads files and fees to invoice.
    "property.move.in.checklist.item": _staff_read_admin_manage(),
    "property.move.in": {
        **_grant(DESK, "rcw", "estates"),
        "accountant": ("r", "estates"),
    },
    "property.move.in.line": _grant(DESK, "rcwd", "estates"),
    "property.move.in.fee": {
        **_grant(DESK, "rcwd", "estates"),
        "accountant": ("r", "estates"),
    },
    "property.move.in.member": _grant(DESK, "rcwd", "estates"),
    # Keys: only the desk of the estate sees them; nobody deletes them or their log.
    "property.key.authorisation": _grant(DESK, "rcw", "estates"),
    "property.key.set": _grant(DESK, "rcw", "estates"),
    "property.key.log": _grant(DESK, "rcw", "estates"),
    # Vacant units: the desk of the estate plans and records the inspections; technicians and
    # accountants of the estate read them.
    "property.vacant.inspection": {
        **_grant(ESTATE_READERS, "r", "estates"),
        **_grant(ESTATE_DESK, "rcw", "estates"),
        "administrator": ("rcwd", "estates"),
    },
    # Lending and the business centre: the desk of the estate; the accountant reads what was
    # charged; the administrator keeps the item catalogue.
    "property.lending.item": {
        **_grant(STAFF, "r", "estates"),
        "administrator": ("rcwd", "estates"),
    },
    "property.lending": _grant(BUSINESS_CENTRE, "rcw", "estates"),
    "property.convenience.service": {
        "accountant": ("r", "estates"),
        **_grant(BUSINESS_CENTRE, "rcwd", "estates"),
    },
    # Daily contact: the desk opens the box; business managers (and above) record their visits,
    # the rest of the desk reads them; the managers see who is behind the visit target.
    "property.suggestion.box": _grant(DESK, "rcw", "estates"),
    "property.suggestion.item": _grant(DESK, "rcwd", "estates"),
    "property.customer.visit": {
        **_grant(("agent", "engineering_lead"), "r", "estates"),
        **_grant(MANAGERS, "rcw", "estates"),
    },
    "property.customer.visit.opinion": {
        **_grant(("agent", "engineering_lead"), "r", "estates"),
        **_grant(MANAGERS, "rcwd", "estates"),
    },
    "property.visit.target.report": _grant(MANAGERS, "r", "estates"),
    # The director (the estate's project manager) or a manager above signs; the desk reads.
    "property.director.signoff": {
        **_grant(("agent", "business_manager", "engineering_lead"), "r", "estates"),
        **_grant(PM_UP + ("administrator",), "rcw", "estates"),
    },
    # Issued by the desk to a department; the reply recorded by the desk.
    "property.contact.sheet": _grant(DESK, "rcw", "estates"),
    # Monthly courtesy callbacks: planned by the system, made by the desk.
    "property.courtesy.callback": _grant(DESK, "rcw", "estates"),
    # Patrols: planned by the system, walked and recorded by the desk.
    "property.patrol": _grant(DESK, "rcw", "estates"),
    "property.patrol.finding": _grant(DESK, "rcwd", "estates"),
    # Reception days: the estate's managers receive owners and record it; the desk reads.
    "property.reception.day": {
        **_grant(("agent", "engineering_lead"), "r", "estates"),
        **_grant(MANAGERS, "rcw", "estates"),
    },
    "property.reception.matter": {
        **_grant(("agent", "engineering_lead"), "r", "estates"),
        **_grant(MANAGERS, "rcwd", "estates"),
    },
    # Customer forums: held and compiled by the managers; the desk reads.
    "property.customer.forum": {
        **_grant(("agent", "engineering_lead"), "r", "estates"),
        **_grant(MANAGERS, "rcw", "estates"),
    },
    "property.customer.forum.opinion": {
        **_grant(("agent", "engineering_lead"), "r", "estates"),
        **_grant(MANAGERS, "rcwd", "estates"),
    },
    # Archive handovers and checks: opened by the system, recorded by the desk (the check by
    # the director).
    "property.archive.duty": _grant(DESK, "rw", "estates"),
    # The owner archive (personal data): the staff of the estates where the person owns or
    # rents a unit; a technician, the customers of its work orders (as their contacts).
    "property.owner.archive": {**_grant(STAFF, "r", "estates"), "technician": ("r", "own")},
    "property.move.in.cancel.wizard": _grant(DESK, "rcwd", "own"),
    "property.key.revoke.wizard": _grant(DESK, "rcwd", "own"),
    # Fees (SPEC §10): the estate's charge items and meters are read by its staff; the
    # accountant (and the project manager) set the items, the desk and the accountant which unit
    # pays what, the engineering staff read the meters; the accountant runs the billing and asks
    # for waivers, which the project manager (or above) decides.
    "property.fee.item": {
        **_grant(STAFF, "r", "estates"),
        **_grant(("accountant",) + PM_UP, "rcw", "estates"),
        "administrator": ("rcwd", "estates"),
    },
    "property.fee.item.tier": {
        **_grant(STAFF, "r", "estates"),
        **_grant(("accountant",) + PM_UP + ("administrator",), "rcwd", "estates"),
    },
    "property.fee.unit.item": {
        **_grant(STAFF, "r", "estates"),
        **_grant(ESTATE_DESK + ("accountant",), "rcw", "estates"),
        "administrator": ("rcwd", "estates"),
    },
    "property.meter": {
        **_grant(STAFF, "r", "estates"),
        **_grant(("technician", "engineering_lead"), "rcw", "estates"),
        "administrator": ("rcwd", "estates"),
    },
    "property.meter.reading": {
        **_grant(STAFF, "r", "estates"),
        **_grant(("technician", "engineering_lead"), "rcw", "estates"),
        "administrator": ("rcwd", "estates"),
    },
    "property.fee.run": {
        **_grant(STAFF, "r", "estates"),
        "accountant": ("rcw", "estates"),
        "administrator": ("rcwd", "estates"),
    },
    "property.fee.run.unit": _grant(("accountant", "administrator"), "r", "estates"),
    "property.fee.waiver": {
        **_grant(STAFF, "r", "estates"),
        "accountant": ("rcw", "estates"),
        **_grant(PM_UP, "rw", "estates"),
        "administrator": ("rcw", "estates"),
    },
    "property.fee.waiver.wizard": _grant(("accountant", "administrator"), "rcwd", "own"),
    # Fee collection (SPEC §10): the desk (cashier) and the accountant collect and close their
    # day; reminders are the scheduled job's, read by the staff; calls and visits are added,
    # never changed; the figures are the managers' and the accountant's.
    "property.fee.collect.wizard": _grant(DESK + ("accountant",), "rcw", "own"),
    "property.fee.daily.close": _grant(DESK + ("accountant",), "rcw", "estates"),
    "property.fee.reminder": _grant(STAFF, "r", "estates"),
    "property.fee.contact.log": {
        **_grant(STAFF, "r", "estates"),
        **_grant(DESK + ("accountant",), "rc", "estates"),
    },
    "property.fee.collection.monthly": _grant(MANAGERS + ("accountant",), "r", "estates"),
    **{model: access for model, (access, _why) in PERSONAL_DATA.items()},
}


# The portal's routes that change a request or its work order, helpdesk_mgmt's and the addon's,
# and who may use them: "customer" the customer of the request (of the order, to sign it): whoever
# else may read it (a tenant, on the owner's request for the unit they rent) is answered 404 and
# nothing changes; "unit" for the units the user owns or rents. Each takes a POST with Odoo's
# CSRF token. The request's conversation (messages and attachments, Odoo's mail routes) follows
# helpdesk_mgmt's `_mail_post_access = "read"`: whoever may read the request. Proven over HTTP by
# tests/desk/test_portal_customer_routes.py, as the demo owner and tenant.
PORTAL_ROUTES = {
    "/submitted/ticket": "unit",
    "/ticket/close": "customer",
    "/my/ticket/<id>/solution/accept": "customer",
    "/my/ticket/<id>/solution/reject": "customer",
    "/my/callback/<id>/answer": "customer",
    "/my/work_order/<id>/sign": "customer",
}


def access_of(model, role):
    """(perms, scope) of `role` on `model`; ("", "-") when it has none."""
    return MODEL_ACCESS[model].get(role, ("", "-"))


# The RPC matrix (tests/test_rpc_matrix.py): the records it tries each operation on, per model.
# "mine": a record of the role's estate (翠湖花园), tied to the role where its scope is "own";
# "other_estate": one of 锦绣华庭, an estate the demo staff (but the all-estates roles) do not
# work for; "other_company": one of a second company no demo user belongs to; "signed": a record
# the official record keeps (a line of a signed order, of a signed-off summary): nobody changes
# it; "forged": a new record of the role's estate in another user's name: nobody files one.
# `unlink` of "mine" is tried by the roles with "d" only when the model is in RPC_DELETABLE
# (else the guards keep that record as the official record, whatever the table grants).
RPC_CRUD = {
    "property.estate": {"read": ("mine", "other_estate", "other_company"), "write": ("mine",)},
    "property.building": {"read": ("mine", "other_estate", "other_company"), "write": ("mine",)},
    "property.unit": {
        "read": ("mine", "other_estate", "other_company"),
        "write": ("mine", "other_estate"),
        "create": ("mine", "other_estate"),
        "unlink": ("mine",),
    },
    "helpdesk.ticket": {
        "read": ("mine", "other_estate", "other_company"),
        "write": ("mine", "other_estate"),
        "create": ("mine", "other_estate"),
        "unlink": ("mine",),
    },
    "property.promise": {
        "read": ("mine", "other_estate", "other_company"),
        "write": ("mine",),
        "create": ("mine",),
        "unlink": ("mine",),
    },
    "property.ticket.reappointment": {
        "read": ("mine", "other_estate", "other_company"),
        "write": ("mine",),
        "create": ("mine", "other_estate", "forged"),
        "unlink": ("mine",),
    },
    "property.ticket.time.correction": {
        "read": ("mine", "other_estate", "other_company"),
        "write": ("mine",),
        "create": ("mine",),
        "unlink": ("mine",),
    },
    "property.complaint.history": {
        "read": ("mine", "other_estate", "other_company"),
        "write": ("mine",),
        "create": ("mine",),
        "unlink": ("mine",),
    },
    "property.complaint.case.analysis": {
        "read": ("mine", "other_estate", "other_company"),
        "write": ("mine", "other_estate"),
        "create": ("mine", "other_estate", "forged"),
        "unlink": ("mine",),
    },
    "property.callback": {
        "read": ("mine", "other_estate", "other_company"),
        "write": ("mine", "other_estate"),
        "unlink": ("mine",),
    },
    "property.callback.report": {"read": ("mine", "other_estate", "other_company")},
    "property.work.order": {
        "read": ("mine", "other_estate", "other_company"),
        "write": ("mine", "other_estate"),
        "create": ("mine", "other_estate"),
        "unlink": ("mine",),
    },
    "property.work.order.line": {
        "read": ("mine", "other_estate", "other_company"),
        "write": ("mine", "other_estate", "signed"),
        "create": ("mine", "other_estate", "signed"),
        "unlink": ("mine", "signed"),
    },
    "property.parcel": {
        "read": ("mine", "other_estate", "other_company"),
        "write": ("mine", "other_estate"),
        "create": ("mine", "other_estate"),
        "unlink": ("mine",),
    },
    "property.evaluation.campaign": {
        "read": ("mine", "other_estate", "other_company"),
        "write": ("mine", "other_estate"),
    },
    "property.evaluation.summary.line": {
        "read": ("mine", "other_estate", "other_company"),
        "write": ("mine", "other_estate", "signed"),
        "unlink": ("mine", "signed"),
    },
    "property.kpi.monthly": {"read": ("mine", "other_estate", "other_company")},
    "property.renovation": {
        "read": ("mine", "other_estate", "other_company"),
        "write": ("mine", "other_estate"),
        "create": ("mine", "other_estate"),
        "unlink": ("mine",),
    },
    "property.renovation.worker": {
        "read": ("mine", "other_estate", "other_company"),
        "write": ("mine", "other_estate", "signed"),
        "create": ("mine", "other_estate"),
        "unlink": ("mine", "signed"),
    },
    "property.renovation.inspection": {
        "read": ("mine", "other_estate", "other_company"),
        "write": ("mine", "other_estate", "signed"),
        "create": ("mine", "other_estate"),
    },
    "property.renovation.notice": {
        "read": ("mine", "other_estate", "other_company"),
        "write": ("mine", "other_estate", "signed"),
    },
    "property.renovation.deduction": {
        "read": ("mine", "other_estate", "other_company"),
        "write": ("mine", "other_estate", "signed"),
        "create": ("mine", "other_estate"),
        "unlink": ("mine", "signed"),
    },
    "property.renovation.extension": {
        "read": ("mine", "other_estate", "other_company"),
        "write": ("mine", "other_estate"),
        "create": ("mine", "other_estate"),
    },
    "property.promise.policy": {"read": ("mine", "other_company"), "write": ("mine",)},
    "property.complaint.severity.rule": {"read": ("mine", "other_company"), "write": ("mine",)},
    "property.callback.rule": {"read": ("mine", "other_company"), "write": ("mine",)},
    "property.routing.rule": {"read": ("mine", "other_company"), "write": ("mine",)},
    "property.request.keyword": {"read": ("mine", "other_company"), "write": ("mine",)},
    "property.sample.counter": {"read": ("mine", "other_company")},
    "property.move.in": {
        "read": ("mine", "other_estate", "other_company"),
        "write": ("mine", "other_estate"),
        "create": ("mine", "other_estate"),
        "unlink": ("mine",),
    },
    "property.move.in.line": {
        "read": ("mine", "other_estate", "other_company"),
        "write": ("mine", "other_estate", "signed"),
    },
    "property.key.authorisation": {
        "read": ("mine", "other_estate", "other_company"),
        "write": ("mine", "other_estate"),
        "create": ("mine", "other_estate"),
        "unlink": ("mine",),
    },
    "property.key.set": {
        "read": ("mine", "other_estate", "other_company"),
        "write": ("mine", "other_estate"),
        "create": ("mine", "other_estate"),
        "unlink": ("mine",),
    },
    "property.key.log": {
        "read": ("mine", "other_estate", "other_company"),
        "write": ("mine", "other_estate", "signed"),
        "create": ("mine", "other_estate"),
        "unlink": ("mine",),
    },
    "property.vacant.inspection": {
        "read": ("mine", "other_estate", "other_company"),
        "write": ("mine", "other_estate"),
        "create": ("mine", "other_estate"),
        "unlink": ("mine",),
    },
    "property.lending.item": {
        "read": ("mine", "other_estate", "other_company"),
        "write": ("mine", "other_estate"),
    },
    "property.lending": {
        "read": ("mine", "other_estate", "other_company"),
        "write": ("mine", "other_estate"),
        "create": ("mine", "other_estate"),
        "unlink": ("mine",),
    },
    "property.convenience.service": {
        "read": ("mine", "other_estate", "other_company"),
        "write": ("mine", "other_estate"),
        "create": ("mine", "other_estate"),
        "unlink": ("mine",),
    },
    "property.suggestion.box": {
        "read": ("mine", "other_estate", "other_company"),
        "write": ("mine", "other_estate"),
    },
    "property.customer.visit": {
        "read": ("mine", "other_estate", "other_company"),
        "write": ("mine", "other_estate"),
        "create": ("mine", "other_estate", "forged"),
    },
    "property.owner.archive": {"read": ("mine", "other_estate", "other_company")},
    # Fees (SPEC §10): the engineering staff read the meters, the desk and the accountant close
    # their cashier's days and log their arrears calls, each in its own estates only.
    "property.meter.reading": {
        "read": ("mine", "other_estate", "other_company"),
        "write": ("mine", "other_estate"),
        "create": ("mine", "other_estate"),
    },
    "property.fee.daily.close": {
        "read": ("mine", "other_estate", "other_company"),
        "create": ("mine", "other_estate"),
    },
    "property.fee.contact.log": {
        "read": ("mine", "other_estate", "other_company"),
        "create": ("mine", "other_estate"),
    },
    "property.fee.run": {"read": ("mine", "other_estate", "other_company")},
    **{
        model: {"read": ("mine", "other_estate", "other_company"), "write": ("mine",)}
        for model in (
            "property.patrol",
            "property.patrol.finding",
            "property.reception.day",
            "property.reception.matter",
            "property.customer.forum",
            "property.customer.forum.opinion",
            "property.archive.duty",
        )
    },
    **{model: {"read": ("mine", "other_estate", "other_company")} for model in PERSONAL_DATA},
}
# The "mine" records that may be deleted by whoever has "d" (the others are official record).
RPC_DELETABLE = (
    "property.work.order",
    "property.work.order.line",
    "property.parcel",
    "property.renovation",
    "property.renovation.worker",
    "property.renovation.deduction",
    "property.convenience.service",
)
# Roles that see every estate of their companies (group See All Estates).
ALL_ESTATES = ("centre_gm", "administrator")
PERM_LETTER = {"read": "r", "create": "c", "write": "w", "unlink": "d"}


def crud_allowed(role, model, operation, target):
    perms, scope = access_of(model, role)
    if PERM_LETTER[operation] not in perms or target in ("other_company", "signed", "forged"):
        return False
    if target == "other_estate":
        return scope == "all" or (scope == "estates" and role in ALL_ESTATES)
    return True


def rpc_operations():
    """Every operation the RPC matrix attempts: (role, kind, model, name, target, allowed).

    kind "crud": name is read/write/create/unlink; "action": name is the method, called on the
    role's record; "field": name is a field the system keeps, written on the role's record.
    """
    operations = []
    for role in ROLES:
        for model, plan in RPC_CRUD.items():
            for operation, targets in plan.items():
                for target in targets:
                    if (
                        operation == "unlink"
                        and target == "mine"
                        and model not in RPC_DELETABLE
                        and "d" in access_of(model, role)[0]
                    ):
                        continue
                    allowed = crud_allowed(role, model, operation, target)
                    operations.append((role, "crud", model, operation, target, allowed))
        for model, actions in ACTION_CALLERS.items():
            for method, callers in actions.items():
                operations.append((role, "action", model, method, "mine", role in callers))
        for model, fields in SYSTEM_FIELDS.items():
            for field in fields:
                operations.append((role, "field", model, field, "mine", False))
    return operations
