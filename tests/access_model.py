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
    "technician": ("technician", "property_service_desk.group_property_technician"),
    "engineering_lead": ("engineering_lead", "property_service_desk.group_property_engineering_lead"),
    "accountant": ("accountant", "property_service_desk.group_property_accountant"),
    "project_manager": ("project_manager", "property_service_desk.group_property_project_manager"),
    "operations_gm": ("operations_manager",
                      "property_service_desk.group_property_operations_manager"),
    "division_lead": ("division_lead", "property_service_desk.group_property_division_lead"),
    "centre_gm": ("centre_manager", "property_service_desk.group_property_centre_manager"),
    "administrator": ("admin", "property_service_desk.group_property_manager"),
}

STAFF = ("agent", "business_manager", "technician", "engineering_lead", "accountant",
         "project_manager", "operations_gm", "division_lead", "centre_gm", "administrator")
DESK = ("agent", "business_manager", "engineering_lead", "project_manager", "operations_gm",
        "division_lead", "centre_gm", "administrator")
MANAGERS = ("business_manager", "project_manager", "operations_gm", "division_lead", "centre_gm",
            "administrator")
PORTAL = ("portal_owner", "portal_tenant")

# Who may call each public action method (beyond it, the caller must be able to write the record:
# its record rules apply). Everyone else is refused with an AccessError, whatever the screens show.
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
        "action_propose_solution": DESK,
        # The customer decides on the portal (their own request only) or the desk records it.
        "action_accept_solution": DESK + PORTAL,
        "action_reject_solution": DESK + PORTAL,
    },
    "property.work.order": {
        "action_dispatch": ("engineering_lead", "administrator"),
        "action_check_in": ("technician", "engineering_lead", "administrator"),
        "action_add_material": ("technician", "engineering_lead", "administrator"),
        "action_done": ("technician", "engineering_lead", "administrator"),
        "action_sign": ("technician", "engineering_lead", "administrator"),
        "action_close": ("engineering_lead", "accountant", "administrator"),
        "action_cancel": DESK,
        "action_create_rework": ("engineering_lead", "administrator"),
        "action_create_prepayment": ("accountant", "administrator"),
        "action_create_invoice": ("accountant", "administrator"),
    },
    "property.callback": {
        "action_done": DESK,
        "action_spot_check_done": MANAGERS,
    },
    "property.parcel": {
        "action_notify": DESK,
        "action_resend_notification": DESK,
        "action_return_to_sender": DESK,
        "action_open_pickup_wizard": DESK,
    },
    "property.evaluation.campaign": {
        "action_send_invitations": ("project_manager", "operations_gm", "division_lead",
                                    "centre_gm", "administrator"),
        "action_send_reminders": ("project_manager", "operations_gm", "division_lead",
                                  "centre_gm", "administrator"),
        "action_close_collection": ("project_manager", "operations_gm", "division_lead",
                                    "centre_gm", "administrator"),
        "action_summarise": ("project_manager", "operations_gm", "division_lead", "centre_gm",
                             "administrator"),
        # The service-centre GM signs the quarter's summary off.
        "action_sign_off": ("centre_gm", "administrator"),
    },
    # Its confirmation calls action_correct_time, which checks again.
    "property.ticket.time.correction.wizard": {"action_confirm": MANAGERS},
}

# Fields the system keeps: no role writes them with `write`/`create` over RPC; they change only
# through the action methods above (or the scheduled jobs). Filled in by the guards.
# The retry state the scheduled jobs keep on the records they work through.
CRON_FIELDS = ("cron_failure_count", "cron_retry_at", "cron_last_error")
SYSTEM_FIELDS = {
    "helpdesk.ticket": ("complaint_severity", "complaint_owner_id", "customer_decision",
                        "is_declined", "callback_decided", "callback_sample_position",
                        # Clocks: set by the server when the event happens. received_at is
                        # given at intake (create), then only corrected (action_correct_time).
                        "received_at", "response_started_at", "on_site_at", "agreed_at",
                        "assigned_date", "closed_date") + CRON_FIELDS,
    "property.work.order": ("state", "invoice_move_id", "prepayment_move_id", "dispatched_by_id",
                            "dispatched_at", "check_in_at", "done_at", "rework_of_id"),
    "property.callback": ("state", "spot_check_state", "spot_check_note"),
    "property.parcel": ("state", "handed_over_by_id", "picked_up_partner_id",
                        "pickup_signature", "notification_count") + CRON_FIELDS,
    "property.evaluation.campaign": ("state",) + CRON_FIELDS,
    "property.ticket.milestone": ("deadline", "reached_at", "state", "start_at", "breached_at",
                                  "breach_pending") + CRON_FIELDS,
}
