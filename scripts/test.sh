#!/usr/bin/env bash
# Runs the test suite: a fresh database, the addon installed (with demo data) and updated, then
# pytest-odoo in shards side by side. Sets up Odoo, its Python environment and the system packages
# first when they are missing (scripts/bootstrap.sh). Idempotent; works as root.
source "$(dirname "$0")/lib.sh"

DB=${PSD_TEST_DB:-psd_test}
CONF="$PSD_STATE_DIR/odoo-$DB.conf"
LOGS="$PSD_STATE_DIR/logs"

# The suite runs in shards side by side (one per core, PSD_TEST_SHARDS to change), each on its own
# copy of the installed database and its own HTTP port; each shard takes the next test class nobody
# has taken yet, longest first (scripts/pytest_shard.py).
shards=${PSD_TEST_SHARDS:-$(nproc)}
[ "$shards" -gt 4 ] && shards=4
base_port=${PSD_HTTP_PORT:-8069}
read -ra ports <<<"${PSD_HTTP_PORTS:-$(seq -s ' ' "$base_port" $((base_port + shards - 1)))}"
[ "${#ports[@]}" -ge "$shards" ] || { echo "PSD_HTTP_PORTS names fewer than $shards ports" >&2; exit 2; }
ensure_ports_free() {  # pytest --odoo-http serves on the configuration's http_port
    for port in "${ports[@]:0:shards}"; do
        ensure_port_free "$port" "PSD_HTTP_PORT (or PSD_HTTP_PORTS, one port per shard)"
    done
}
ensure_ports_free
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

say "Updating property_service_desk (log: $LOGS/update.log)"
: >"$LOGS/update.log"
odoo_bin -c "$CONF" -d "$DB" -u property_service_desk \
    --stop-after-init --log-level=info --logfile="$LOGS/update.log"
check_log_clean "$LOGS/update.log"

for k in $(seq 2 "$shards"); do
    say "Shard $k: a copy of $DB as ${DB}_$k"
    dropdb --if-exists "${DB}_$k"
    createdb -T "$DB" "${DB}_$k"
    rm -rf "$PSD_STATE_DIR/data/filestore/${DB}_$k"
    cp -a "$PSD_STATE_DIR/data/filestore/$DB" "$PSD_STATE_DIR/data/filestore/${DB}_$k"
done
ensure_ports_free  # again: installing took minutes

cd "$PSD_ADDONS_DIR/property_service_desk"
trace=()
if [ -n "${PSD_TRACE_FILES:-}" ]; then
    # The files and programs the suite opens, for .ci/check_system_packages.sh.
    ensure_system_packages strace
    trace=(strace -f --seccomp-bpf -qq -e trace=open,openat,execve -e status=successful)
fi
record=()
[ -n "${PSD_RECORD_DURATIONS:-}" ] && record=(--record-durations="$PSD_RECORD_DURATIONS")

run_shard() {  # $1: shard number, then pytest's arguments
    local k=$1 db=$DB conf=$CONF traced=()
    shift
    [ "$k" = 1 ] || { db=${DB}_$k; conf="$PSD_STATE_DIR/odoo-$db.conf"; }
    [ ${#trace[@]} = 0 ] || traced=("${trace[@]}" -o "$PSD_TRACE_FILES.$k")
    PSD_HTTP_PORT=${ports[k - 1]} write_odoo_config "$conf" "$db"
    PYTHONPATH="$PSD_ROOT/scripts${PYTHONPATH:+:$PYTHONPATH}" "${traced[@]}" "$PY" -m pytest \
        -p no:cacheprovider -p pytest_shard --shard="$k/$shards" --shard-queue="$LOGS/shard-queue" \
        --shard-report="$LOGS/pytest-$k.json" "${record[@]}" --odoo-config="$conf" \
        --odoo-database="$db" --odoo-http "$PSD_ADDONS_DIR/property_service_desk/tests" "$@" \
        2>&1 | tee "$LOGS/pytest-$k.log" | sed -u "s|^|[$k/$shards] |"
}

say "Running pytest-odoo in $shards shards (logs: $LOGS/pytest-K.log)"
: >"$LOGS/shard-queue" # the parts taken so far: each shard takes the next free one
pids=()
for k in $(seq 1 "$shards"); do
    rm -f "$LOGS/pytest-$k.json"
    run_shard "$k" "$@" &
    pids+=($!)
done
status=0
for pid in "${pids[@]}"; do wait "$pid" || status=1; done
if [ -n "${PSD_TRACE_FILES:-}" ]; then
    for k in $(seq 1 "$shards"); do cat "$PSD_TRACE_FILES.$k"; done >"$PSD_TRACE_FILES"
    for k in $(seq 1 "$shards"); do rm -f "$PSD_TRACE_FILES.$k"; done
fi
# One result for the whole suite: every collected test ran in exactly one shard.
"$PY" - "$LOGS" "$shards" <<'PY' || status=1
import json, sys
from collections import Counter
from pathlib import Path

logs, shards = Path(sys.argv[1]), int(sys.argv[2])
reports = [json.loads((logs / f"pytest-{k}.json").read_text()) for k in range(1, shards + 1)]
outcomes = sum((Counter(r) for r in reports), Counter())
collected = {r["collected"] for r in reports}
selected = sum(r["selected"] for r in reports)
for key in ("collected", "selected"):
    outcomes.pop(key, None)
print("suite:", ", ".join(f"{n} {k}" for k, n in sorted(outcomes.items())),
      f"({selected} tests of {max(collected)} collected, in {shards} shards)")
if len(collected) != 1 or selected != max(collected):
    sys.exit("the shards did not run each collected test exactly once")
sys.exit(1 if outcomes["failed"] or outcomes["error"] else 0)
PY
exit "$status"
