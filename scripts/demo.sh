#!/usr/bin/env bash
# Starts a demo server on http://localhost:8069 (login admin / admin) with the addon and its
# demo data. Sets up Odoo, its Python environment and the system packages first when they are
# missing (scripts/bootstrap.sh). Idempotent: a second run updates the addon in the existing
# demo database.
source "$(dirname "$0")/lib.sh"

DB=${PSD_DEMO_DB:-psd_demo}
PORT=${PSD_HTTP_PORT:-8069}
CONF="$PSD_STATE_DIR/odoo-$DB.conf"

ensure_port_free "$PORT"
ensure_platform
ensure_postgres
link_addon
write_odoo_config "$CONF" "$DB"

prepare_demo_db "$CONF" "$DB"

ensure_port_free "$PORT"  # again: preparing the database takes minutes
say "Serving Odoo on http://localhost:$PORT  (login: admin / admin; Chinese demo user: agent / agent)"
exec "$PY" "$ODOO_SRC/odoo-bin" -c "$CONF" -d "$DB" --http-port="$PORT" --log-level=info
