#!/usr/bin/env bash
# Regenerates i18n/property_service_desk.pot from a database where the addon is installed
# (default: the test database made by scripts/test.sh).
source "$(dirname "$0")/lib.sh"
DB=${1:-${PSD_TEST_DB:-psd_test}}
ensure_postgres
link_addon
write_odoo_config "$PSD_STATE_DIR/odoo-$DB.conf" "$DB"
odoo_bin -c "$PSD_STATE_DIR/odoo-$DB.conf" -d "$DB" -u property_service_desk --stop-after-init --log-level=warn
odoo_bin -c "$PSD_STATE_DIR/odoo-$DB.conf" -d "$DB" --i18n-export="$PSD_ROOT/i18n/property_service_desk.pot" \
    --modules=property_service_desk --log-level=warn
say "Wrote $PSD_ROOT/i18n/property_service_desk.pot; update i18n/zh_CN.po from it (msgmerge)."
