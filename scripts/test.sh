#!/usr/bin/env bash
# Runs the test suite: a fresh database, the addon installed (with demo data), updated twice,
# then pytest-odoo. Sets up Odoo, its Python environment and the system packages first when they
# are missing (scripts/bootstrap.sh). Idempotent; works as root.
source "$(dirname "$0")/lib.sh"

DB=${PSD_TEST_DB:-psd_test}
CONF="$PSD_STATE_DIR/odoo-$DB.conf"
LOGS="$PSD_STATE_DIR/logs"

# pytest --odoo-http serves on the configuration's http_port.
ensure_port_free "${PSD_HTTP_PORT:-8069}"
ensure_platform
ensure_postgres
link_addon
write_odoo_config "$CONF" "$DB"
mkdir -p "$LOGS"

say "Creating a fresh database $DB"
dropdb --if-exists "$DB"
rm -rf "$PSD_STATE_DIR/data/filestore/$DB"

say "Installing property_service_desk with demo data (log: $LOGS/install.log)"
: >"$LOGS/install.log" # Odoo appends to its log file: each run checks its own lines only
odoo_bin -c "$CONF" -d "$DB" -i property_service_desk --load-language=zh_CN \
    --stop-after-init --log-level=info --logfile="$LOGS/install.log"
check_log_clean "$LOGS/install.log"

for run in 1 2; do
    say "Updating property_service_desk, run $run (log: $LOGS/update-$run.log)"
    : >"$LOGS/update-$run.log"
    odoo_bin -c "$CONF" -d "$DB" -u property_service_desk \
        --stop-after-init --log-level=info --logfile="$LOGS/update-$run.log"
    check_log_clean "$LOGS/update-$run.log"
done

ensure_port_free "${PSD_HTTP_PORT:-8069}"  # again: installing took minutes
say "Running pytest-odoo on $DB"
cd "$PSD_ADDONS_DIR/property_service_desk"
trace=()
if [ -n "${PSD_TRACE_FILES:-}" ]; then
    # The files and programs the suite opens, for .ci/check_system_packages.sh.
    ensure_system_packages strace
    trace=(strace -f --seccomp-bpf -qq -e trace=open,openat,execve -e status=successful
        -o "$PSD_TRACE_FILES")
fi
"${trace[@]}" "$PY" -m pytest -p no:cacheprovider --durations=15 --odoo-config="$CONF" --odoo-database="$DB" \
    --odoo-http "$PSD_ADDONS_DIR/property_service_desk/tests" "$@"
