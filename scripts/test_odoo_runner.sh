#!/usr/bin/env bash
# Runs the same suite with Odoo's own test runner (`odoo-bin --test-enable`, as OCA's CI does)
# instead of pytest-odoo: a fresh database, the addon installed with demo data and Chinese, its
# tests run after the installation (every test class is post_install, checked by
# .ci/check_test_imports.py). The last line is Odoo's count; exits non-zero on any failure.
source "$(dirname "$0")/lib.sh"

DB=${PSD_TEST_DB:-psd_test_odoo}
CONF="$PSD_STATE_DIR/odoo-$DB.conf"
LOG="$PSD_STATE_DIR/logs/odoo-runner-$DB.log"  # one per database: runs side by side

ensure_port_free "${PSD_HTTP_PORT:-8069}"  # the tests serve on it
ensure_platform
ensure_postgres
link_addon
write_odoo_config "$CONF" "$DB"
mkdir -p "$(dirname "$LOG")"

say "Creating a fresh database $DB"
dropdb --if-exists "$DB"
rm -rf "$PSD_STATE_DIR/data/filestore/$DB"

say "Installing property_service_desk and running its tests with odoo-bin (log: $LOG)"
: >"$LOG"
status=0
odoo_bin -c "$CONF" -d "$DB" -i property_service_desk --load-language=zh_CN --test-enable \
    --test-tags=/property_service_desk --stop-after-init --log-level=info --logfile="$LOG" \
    || status=$?
grep -E ' (ERROR|CRITICAL) ' "$LOG" | grep -v 'odoo.tests.stats' | head -40 || true
summary=$(grep -E 'odoo.tests.result: ' "$LOG" | tail -1 | sed -E 's/.*odoo.tests.result: //')
echo "${summary:-no test summary in $LOG}"
[ "$status" = 0 ] && grep -qE '^0 failed, 0 error' <<<"$summary"
