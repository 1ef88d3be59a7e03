#!/usr/bin/env bash
# Load test: Odoo in prefork mode (4 HTTP workers, 2 cron workers, 127.0.0.1 only), the demo roles
# at once over JSON-RPC and the portal (bench/locustfile.py, Locust headless), first on plain
# helpdesk_mgmt, then on the addon, each on its own copy of a demo database, the same users in
# Chinese on both, after an unmeasured warm-up of every worker; then the checker
# (bench/load_check.py) proves nothing acknowledged is lost or twice. Bounded in requests and time.
#   bash bench/load.sh                       # 60 s or 3,000 requests per side, once
#   PSD_LOAD_SECONDS=120 PSD_LOAD_REPEAT=3 bash bench/load.sh
# PSD_LOAD_TEMPLATE names an existing demo database to copy (else one is made); PSD_LOAD_UPDATE=0
# skips updating the addon in the copy (when the template has this code's data already).
# Prints `figure load_throughput_ratio: …` (median over the repetitions) and `lost <n> duplicated <m>`.
source "$(dirname "$0")/../scripts/lib.sh"

TEMPLATE=${PSD_LOAD_TEMPLATE:-psd_load_template}
PLAIN_TEMPLATE=${PSD_LOAD_PLAIN_TEMPLATE:-psd_load_plain_template}
DB=${PSD_LOAD_DB:-psd_load}
PLAIN_DB=${PSD_LOAD_PLAIN_DB:-psd_load_plain}
PORT=${PSD_LOAD_HTTP_PORT:-$((${PSD_HTTP_PORT:-8069} + 2))}
SECONDS_PER_RUN=${PSD_LOAD_SECONDS:-60}
WARM_UP_SECONDS=${PSD_LOAD_WARM_UP_SECONDS:-15}
USERS=${PSD_LOAD_USERS:-9}
REPEAT=${PSD_LOAD_REPEAT:-1}
BENCH_VENV=${PSD_BENCH_VENV:-$PSD_STATE_DIR/bench-venv}
OUT=$PSD_STATE_DIR/load
FILESTORE=$PSD_STATE_DIR/data/filestore

PORT_SETTING="PSD_LOAD_HTTP_PORT (default PSD_HTTP_PORT + 2)"
ensure_port_free "$PORT" "$PORT_SETTING"
check_platform
ensure_postgres
link_addon
mkdir -p "$OUT" "$FILESTORE"

if [ ! -x "$BENCH_VENV/bin/locust" ]; then
    say "Locust into $BENCH_VENV (bench/requirements.txt)"
    python3 -m venv "$BENCH_VENV"
    "$BENCH_VENV/bin/pip" install -q -r "$PSD_ROOT/bench/requirements.txt"
fi

for db in "$TEMPLATE" "$PLAIN_TEMPLATE" "$DB" "$PLAIN_DB"; do
    PSD_HTTP_PORT=$PORT write_odoo_config "$PSD_STATE_DIR/odoo-$db.conf" "$db"
done
if ! db_exists "$TEMPLATE"; then
    prepare_demo_db "$PSD_STATE_DIR/odoo-$TEMPLATE.conf" "$TEMPLATE"
fi
if ! db_exists "$PLAIN_TEMPLATE"; then
    say "Creating $PLAIN_TEMPLATE: helpdesk_mgmt with its demo data, nothing else"
    odoo_bin -c "$PSD_STATE_DIR/odoo-$PLAIN_TEMPLATE.conf" -d "$PLAIN_TEMPLATE" -i helpdesk_mgmt \
        --stop-after-init --log-level=warn
fi
# The same people on both sides: they work in Chinese (bench/load_seed.py sets their language).
if [ "$(psql -d "$PLAIN_TEMPLATE" -Atc "SELECT active FROM res_lang WHERE code = 'zh_CN'")" != t ]; then
    say "Loading Chinese into $PLAIN_TEMPLATE"
    odoo_bin -c "$PSD_STATE_DIR/odoo-$PLAIN_TEMPLATE.conf" -d "$PLAIN_TEMPLATE" \
        --load-language=zh_CN --stop-after-init --log-level=warn
fi

wait_children() {  # the background curls of the warm-up, not the Odoo server
    local job
    for job in $(jobs -p); do [ "$job" = "${ODOO_PID:-}" ] || wait "$job" 2>/dev/null || true; done
}

copy_db() {  # $1: template, $2: copy
    dropdb --if-exists "$2"
    createdb -T "$1" "$2"
    rm -rf "${FILESTORE:?}/$2"
    local store
    for store in "$FILESTORE/$1" "/var/tmp/psd-state-base/data/filestore/$1"; do
        [ -d "$store" ] && { cp -r "$store" "$FILESTORE/$2"; break; }
    done
}

run_side() {  # $1: ours|plain, $2: database, $3: template, $4: repetition
    local kind=$1 db=$2 conf="$PSD_STATE_DIR/odoo-$2.conf" tag="$1-$4"
    say "Load on $kind ($db), run $4: $USERS users, $SECONDS_PER_RUN s at most"
    copy_db "$3" "$db"
    if [ "$kind" = ours ] && [ "${PSD_LOAD_UPDATE:-1}" = 1 ]; then
        odoo_bin -c "$conf" -d "$db" -u property_service_desk --stop-after-init --log-level=warn
    fi
    "$PY" "$PSD_ROOT/bench/load_seed.py" --config "$conf" --db "$db" --kind "$kind" \
        --out "$OUT/seed-$tag.json"
    ensure_port_free "$PORT" "$PORT_SETTING"
    "$PY" "$PSD_ROOT/bench/serve.py" -c "$conf" -d "$db" --workers 4 --max-cron-threads 2 \
        --http-interface 127.0.0.1 --http-port "$PORT" --log-level=warn \
        --logfile "$OUT/odoo-$tag.log" &
    local odoo_pid=$!
    ODOO_PID=$odoo_pid
    for _ in $(seq 300); do
        kill -0 "$odoo_pid" 2>/dev/null || { echo "Odoo did not start: $OUT/odoo-$tag.log" >&2; return 1; }
        curl -sf -o /dev/null "http://127.0.0.1:$PORT/web/login" && break
        sleep 1
    done
    # Each worker loads the registry at its first request, and the Chinese translations at its
    # first request in Chinese (the demo users work in Chinese): warm them all up before measuring.
    for lang in en_US zh_CN zh_CN; do
        for _ in $(seq 8); do
            curl -s -o /dev/null "http://127.0.0.1:$PORT/web/login?lang=$lang" &
        done
        wait_children
    done
    # Then every role signs in and reads on every worker, unmeasured and changing nothing.
    PSD_LOAD_KIND=$kind PSD_LOAD_DB=$db PSD_LOAD_SEED="$OUT/seed-$tag.json" \
        PSD_LOAD_LEDGER="$OUT/warm-up-$tag.json" \
        "$BENCH_VENV/bin/locust" -f "$PSD_ROOT/bench/locustfile.py" --headless \
        --host "http://127.0.0.1:$PORT" -u "$USERS" -r "$USERS" --run-time "${WARM_UP_SECONDS}s" \
        --stop-timeout 10 --only-summary --loglevel WARNING WarmUp >/dev/null 2>&1 || true
    PSD_LOAD_KIND=$kind PSD_LOAD_DB=$db PSD_LOAD_SEED="$OUT/seed-$tag.json" \
        PSD_LOAD_LEDGER="$OUT/ledger-$tag.json" \
        "$BENCH_VENV/bin/locust" -f "$PSD_ROOT/bench/locustfile.py" --headless \
        --host "http://127.0.0.1:$PORT" -u "$USERS" -r "$USERS" --run-time "${SECONDS_PER_RUN}s" \
        --stop-timeout 10 --csv "$OUT/$tag" --only-summary --loglevel WARNING \
        Agent Technician Accountant Owner || true
    sleep 5  # let the cron workers finish the batch they hold
    kill "$odoo_pid"
    wait "$odoo_pid" || true
    for _ in $(seq 60); do  # the workers stop after the master: the port must be free again
        curl -s -o /dev/null "http://127.0.0.1:$PORT/web/login" || break
        sleep 1
    done
    "$PY" "$PSD_ROOT/bench/load_check.py" --kind "$kind" --ledger "$OUT/ledger-$tag.json" \
        --dsn "host=$PGHOST port=$PGPORT user=$PGUSER password=$PGPASSWORD dbname=$db" \
        | tee "$OUT/check-$tag.txt" || true
}

for n in $(seq "$REPEAT"); do
    run_side plain "$PLAIN_DB" "$PLAIN_TEMPLATE" "$n"
    run_side ours "$DB" "$TEMPLATE" "$n"
done
"$PY" "$PSD_ROOT/bench/load_figures.py" --dir "$OUT" --repeat "$REPEAT"
