#!/usr/bin/env bash
# Benchmarks, measured side by side in one run (not tests); each figure ends up on one line
#   figure <name>: <value> goal <op> <target> MET|SHORT
# and the load checker on `lost <n> duplicated <m>`.
#   bash bench/run.sh                                  # sizes 10k, 100k, 1M (long on 2 cores)
#   PSD_BENCH_SIZES=10000,100000 bash bench/run.sh
#   PSD_BENCH_SKIP="load replica" bash bench/run.sh    # leave parts out (kpi promises registers fees feekpi load replica)
#   PSD_BENCH_FEE_SIZES=2000 bash bench/run.sh         # a quick billing run (default 10000,100000)
#   PSD_BENCH_FEE_BILLS=20000 bash bench/run.sh        # fee figures over fewer bills (default 100000,1000000)
source "$(dirname "$0")/../scripts/lib.sh"

DB=${PSD_BENCH_DB:-psd_bench}
PLAIN_DB=${PSD_BENCH_PLAIN_DB:-psd_bench_plain}
SKIP=" ${PSD_BENCH_SKIP:-} "
LOG="$PSD_STATE_DIR/bench-$(date -u +%Y%m%dT%H%M%S).log"

wanted() { [[ "$SKIP" != *" $1 "* ]]; }

main() {
    check_platform
    install_requirements
    ensure_postgres
    link_addon
    for db in "$DB" "$PLAIN_DB"; do write_odoo_config "$PSD_STATE_DIR/odoo-$db.conf" "$db"; done

    say "Fresh databases: $PLAIN_DB (helpdesk_mgmt only) and $DB (property_service_desk), no demo data"
    for db in "$DB" "$PLAIN_DB"; do dropdb --if-exists "$db"; done
    odoo_bin -c "$PSD_STATE_DIR/odoo-$PLAIN_DB.conf" -d "$PLAIN_DB" -i helpdesk_mgmt \
        --without-demo=all --stop-after-init --log-level=warn
    odoo_bin -c "$PSD_STATE_DIR/odoo-$DB.conf" -d "$DB" -i property_service_desk \
        --without-demo=all --stop-after-init --log-level=warn

    # First, while the addon's database is empty: 100k requests of its own, rolled back after.
    if wanted kpi; then
        "$PY" "$PSD_ROOT/bench/bench_kpi.py" --config "$PSD_STATE_DIR/odoo-$DB.conf" --db "$DB" \
            --requests "${PSD_BENCH_KPI_REQUESTS:-100000}" --repeat "${PSD_BENCH_REPEAT:-3}"
    fi
    if wanted promises; then
        "$PY" "$PSD_ROOT/bench/bench_promises.py" --config "$PSD_STATE_DIR/odoo-$DB.conf" \
            --db "$DB" --plain-db "$PLAIN_DB" --sizes "${PSD_BENCH_SIZES:-10000,100000,1000000}" \
            --repeat "${PSD_BENCH_REPEAT:-3}" --create-count "${PSD_BENCH_CREATE:-10000}"
    fi
    if wanted registers; then
        "$PY" "$PSD_ROOT/bench/bench_registers.py" --config "$PSD_STATE_DIR/odoo-$DB.conf" --db "$DB"
    fi
    if wanted fees; then
        "$PY" "$PSD_ROOT/bench/bench_fees.py" --config "$PSD_STATE_DIR/odoo-$DB.conf" --db "$DB" \
            --sizes "${PSD_BENCH_FEE_SIZES:-10000,100000}"
    fi
    if wanted feekpi; then
        "$PY" "$PSD_ROOT/bench/bench_fee_dashboard.py" --config "$PSD_STATE_DIR/odoo-$DB.conf" \
            --db "$DB" --bills "${PSD_BENCH_FEE_BILLS:-100000,1000000}"
    fi
    if wanted load; then
        bash "$PSD_ROOT/bench/load.sh" || true
    fi
    if wanted replica; then
        bash "$PSD_ROOT/scripts/replica.sh" check || true
    fi
}

mkdir -p "$PSD_STATE_DIR"
main 2>&1 | tee "$LOG" || true
say "Figures (also in $LOG)"
grep -E '^(figure |lost [0-9]+ duplicated [0-9]+$)' "$LOG" || true
