"""Fees (SPEC §10): each rule, then the tests that prove it (modules of this folder unless named).

Charge items
- area fee, a rate per unit type:
    test_fee_rules.test_the_area_rate_is_the_unit_types
- fixed per unit or parking space; vacant discount where set:
    test_fee_billing.test_area_fixed_and_vacant_discount
- no vacant discount by default:
    test_fee_rules.test_no_vacant_discount_unless_set
- metered, optional tiers and minimum charge (water, electricity, gas):
    test_fee_billing.test_metered_with_tiers_and_minimum
- common meters apportioned by floor area (公摊):
    test_fee_billing.test_shared_meter_apportioned_by_floor_area
- collected on behalf of others, kept apart from income:
    test_fee_billing.test_on_behalf_items_are_booked_apart
- the items of each unit, from a start date:
    test_fee_billing.test_dates_of_the_unit_item
- the payer is the owner unless a tenant is agreed:
    test_fee_billing.test_one_bill_per_payer
Meter readings
- the previous reading shown, consumption:
    test_meter_reading.test_previous_reading_and_consumption
- below the last refused unless a meter change (final and initial readings):
    test_meter_reading.test_a_reading_below_the_last_is_refused
    test_meter_reading.test_a_meter_change_with_final_and_initial_readings
- above 3x the unit's 6-month average flagged:
    test_meter_reading.test_far_above_the_average_is_flagged
- a round per building shows what is left, on a phone:
    test_meter_reading.test_the_round_shows_what_is_left_on_the_estate_clock
    test_meter_round_tour
- 抄表记录表 printed:
    test_meter_register
- the engineering staff read the meters (nobody else):
    test_meter_reading.test_only_engineering_staff_record_readings
    test_fee_rpc_access.test_the_engineering_staff_read_meters_not_bills
    tests/test_rpc_matrix.py (property.meter.reading, property.meter rows)
Bills
- one posted invoice per payer, unit and period, a line per item:
    test_fee_billing.test_area_fixed_and_vacant_discount
    test_fee_billing.test_one_bill_per_payer
- monthly by default, quarterly or yearly per item:
    test_fee_billing.test_settings_defaults
    test_fee_billing.test_quarterly_items_only_in_their_period
    test_fee_rules.test_a_yearly_item_is_billed_in_january_for_twelve_months
- never billed twice (unit, item and period; a unique index too):
    test_fee_billing.test_billing_twice_bills_nothing_new
- a run that dies halfway resumes, no duplicate, none missing:
    test_fee_billing.test_a_run_killed_halfway_resumes_without_duplicates
    test_fee_billing_workers.test_a_worker_killed_halfway_is_resumed_without_duplicate_or_gap
- several workers bill one run at once (real connections and commits):
    test_fee_billing_workers.test_two_workers_bill_the_same_estate_and_period_at_once
- prepaid balances applied at once:
    test_fee_billing.test_prepayment_applied_at_once
    test_fee_billing.test_prepayment_larger_than_the_bill
    test_fee_billing.test_other_credits_are_not_prepayments
- waivers: a credit note with a reason, approved by the project manager:
    test_fee_waiver
- only the accountant bills; links kept by the system:
    test_fee_billing.test_only_the_accountant_starts_a_run
    test_fee_billing.test_bill_links_are_kept_by_the_system
Collection
- at the desk by cash, WeChat Pay, Alipay, bank card, transfer; partial payments:
    test_fee_collection.test_each_way_of_payment_has_its_journal
    test_fee_collection.test_partial_payment_pays_the_oldest_bill_first
    test_fee_collection.test_overpayment_is_kept_as_prepaid_credit
- 收款收据 in figures and in capitals:
    test_fee_collection.test_receipt_prints_the_amount_in_figures_and_capitals
- the cashier's daily close reconciles with the journals:
    test_fee_daily_close
- two cashiers collecting for one unit at once:
    test_fee_concurrency
- the portal: bills, payments, balance, arrears; paid online:
    test_fee_portal
- the desk and the accountant collect (every public method, every role, over RPC):
    test_fee_collection.test_only_the_desk_and_the_accountant_collect
    tests/test_action_callers.py, tests/test_rpc_matrix.py (ACTION_CALLERS fee rows)
- the owner sees only her units; the desk its estates:
    test_fee_portal.test_my_fees_shows_only_her_bills
    test_fee_rpc_access
Arrears
- aged by month:
    test_fee_arrears.test_ageing_by_month_on_the_estate_clock
- reminders at 1, 3 and 6 months, each once; printed, portal, e-mail and SMS:
    test_fee_arrears.test_reminders_at_each_step_once
    test_fee_arrears.test_sms_to_a_payer_with_a_mobile
    test_fee_arrears.test_notice_and_arrears_detail_print
- each call or visit logged:
    test_fee_arrears.test_calls_and_visits_are_logged_and_kept
- late fees off by default; rate and cap in Settings:
    test_fee_arrears.test_late_fees_are_off_by_default
    test_fee_arrears.test_late_fee_where_enabled_capped_and_never_twice
- the owner archive shows the unit's ledger:
    test_fee_rules.test_the_owner_archive_shows_the_units_ledger
Figures and registers
- 收缴率, 清欠率 and prepaid by estate and month:
    test_fee_figures.test_rates_and_prepaid
- on the quality dashboard with their targets:
    test_fee_figures.test_dashboard_cards_with_the_target
- each figure opens the records it counts (prepaid: its prepaid payments):
    test_fee_figures.test_drill_downs_open_the_records_each_figure_sums
- 收费台账, 欠费明细表, 收款日报表, 抄表记录表, 催缴通知单:
    test_fee_rules.test_the_ledger_prints
    test_fee_arrears.test_notice_and_arrears_detail_print
    test_fee_daily_close.test_daily_report_prints
    test_meter_register
The held-out scenario (bill twice, kill halfway, pay partly and ahead, every yuan once):
    test_fee_held_out
"""
