#!/usr/bin/env bash
# Screenshots of each demo login's first screen (desk, dashboard, technician and owner on a
# phone), in Chinese, saved as static/description/screen_*.png. Uses the demo database of demo.sh (created
# with demo data and Chinese when missing), serves it on PSD_HTTP_PORT while the headless
# Chromium of scripts/screenshots.py takes the pictures, then stops that server.
source "$(dirname "$0")/lib.sh"

DB=${PSD_DEMO_DB:-psd_demo}
PORT=${PSD_HTTP_PORT:-8069}
CONF="$PSD_STATE_DIR/odoo-$DB.conf"
BASE_URL="http://127.0.0.1:$PORT"

ensure_port_free "$PORT"
ensure_platform
ensure_postgres
link_addon
write_odoo_config "$CONF" "$DB"

prepare_demo_db "$CONF" "$DB"

ensure_port_free "$PORT"
say "Serving $DB on $BASE_URL for the screenshots"
# Started directly (not through the odoo_bin function) so that $! is Odoo's own process.
"$PY" "$ODOO_SRC/odoo-bin" -c "$CONF" -d "$DB" --http-port="$PORT" --log-level=warn &
SERVER_PID=$!
stop_server() {
    kill "$SERVER_PID" 2>/dev/null || return 0
    sleep 2
    # Odoo waits for its open connections on the first signal and stops on the second.
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
}
trap stop_server EXIT
for _ in $(seq 1 120); do
    curl -fs -o /dev/null "$BASE_URL/web/login" && break
    sleep 1
done

say "Taking the screenshots into $PSD_ROOT/static/description"
"$PY" "$PSD_ROOT/scripts/screenshots.py" "$BASE_URL" "$PSD_ROOT/static/description"
