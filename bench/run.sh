#!/usr/bin/env bash
# Benchmarks of the service-time engine and the quality dashboard; prints ratios measured in one
# run (not a test).
#   bash bench/run.sh            # sizes 10k, 100k, 1M (about 10 minutes on 2 cores)
#   PSD_BENCH_SIZES=10000,100000 bash bench/run.sh
source "$(dirname "$0")/../scripts/lib.sh"

DB=${PSD_BENCH_DB:-psd_bench}
PLAIN_DB=${PSD_BENCH_PLAIN_DB:-psd_bench_plain}

check_platform
install_requirements
ensure_postgres
link_addon
for db in "$DB" "$PLAIN_DB"; do write_odoo_config "$PSD_STATE_DIR/odoo-$db.conf" "$db"; done

say "Fresh databases: $PLAIN_DB (helpdesk_mgmt only) and $DB (property_service_desk), no demo data"
for db in "$DB" "$PLAIN_DB"; do dropdb --if-exists "$db"; done
odoo_bin -c "$PSD_STATE_DIR/odoo-$PLAIN_DB.conf" -d "$PLAIN_DB" -i helpdesk_mgmt --without-demo=all \
    --stop-after-init --log-level=warn
odoo_bin -c "$PSD_STATE_DIR/odoo-$DB.conf" -d "$DB" -i property_service_desk --without-demo=all \
    --stop-after-init --log-level=warn

# First, while the addon's database is empty: 100k requests of its own, rolled back after.
"$PY" "$PSD_ROOT/bench/bench_kpi.py" --config "$PSD_STATE_DIR/odoo-$DB.conf" --db "$DB" \
    --requests "${PSD_BENCH_KPI_REQUESTS:-100000}"

"$PY" "$PSD_ROOT/bench/bench_sla.py" --config "$PSD_STATE_DIR/odoo-$DB.conf" \
    --db "$DB" --plain-db "$PLAIN_DB" --sizes "${PSD_BENCH_SIZES:-10000,100000,1000000}"

"$PY" "$PSD_ROOT/bench/bench_registers.py" --config "$PSD_STATE_DIR/odoo-$DB.conf" --db "$DB"
