#!/usr/bin/env bash
# A local PostgreSQL primary + streaming replica pair, and the proof that Odoo reads the quality
# dashboard, the KPI views and the registers from the replica (Odoo 18's read-only cursors).
#
#   bash scripts/replica.sh setup   # primary on 127.0.0.1:$PSD_REPLICA_PRIMARY_PORT (55440),
#                                   # streaming replica on :$PSD_REPLICA_PORT (55441)
#   bash scripts/replica.sh check   # copy a demo database into the primary, start Odoo with
#                                   # db_replica_host/db_replica_port, prove where the reads went
#   bash scripts/replica.sh stop    # stop both clusters (their data stays for the next run)
#
# The clusters are private (own data directories, ports and sockets), run as the `postgres` OS user
# when started by root, listen on 127.0.0.1 only and trust local connections: a test bed, not a
# production set-up (see README, "Running at scale").
source "$(dirname "$0")/lib.sh"

BASE=${PSD_REPLICA_DIR:-/var/tmp/psd-replica-$(id -u)}
PRIMARY_PORT=${PSD_REPLICA_PRIMARY_PORT:-55440}
REPLICA_PORT=${PSD_REPLICA_PORT:-55441}
DB=${PSD_REPLICA_DB:-psd_replica}
# The database copied into the primary: a demo database of the shared cluster (PGHOST:PGPORT).
SOURCE_DB=${PSD_REPLICA_SOURCE_DB:-psd_replica_source}
HTTP_PORT=${PSD_REPLICA_HTTP_PORT:-$((${PSD_HTTP_PORT:-8069} + 1))}

pg() { as_pg_owner "$(pg_bin)/$1" "${@:2}"; }

start_cluster() {  # $1: data directory, $2: port, $3: its setting
    if ! pg_isready -q -h 127.0.0.1 -p "$2"; then
        ensure_port_free "$2" "$3"
        # Every statement is logged: the check reads the logs to see which server ran a query.
        local options="-p $2 -k $BASE -c listen_addresses=127.0.0.1"
        options+=" -c log_statement=all -c log_line_prefix=%m:%d:"
        pg pg_ctl -D "$1" -l "$1/server.log" -w -o "$options" start >/dev/null
    fi
}

setup() {
    mkdir -p "$BASE"
    [ "$(id -u)" = 0 ] && chown postgres: "$BASE"
    if [ ! -f "$BASE/primary/PG_VERSION" ]; then
        say "Primary cluster in $BASE/primary"
        pg initdb -D "$BASE/primary" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
        # initdb's pg_hba.conf already trusts replication connections from 127.0.0.1.
        printf '%s\n' "wal_level = replica" "max_wal_senders = 4" "hot_standby = on" \
            | as_pg_owner tee -a "$BASE/primary/postgresql.conf" >/dev/null
    fi
    start_cluster "$BASE/primary" "$PRIMARY_PORT" PSD_REPLICA_PRIMARY_PORT
    psql -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -d postgres -Atqc \
        "SELECT 1 FROM pg_roles WHERE rolname = '$PGUSER'" | grep -q 1 \
        || psql -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -d postgres -qc \
            "CREATE ROLE \"$PGUSER\" LOGIN CREATEDB PASSWORD '$PGPASSWORD'"
    if [ ! -f "$BASE/replica/PG_VERSION" ]; then
        say "Streaming replica in $BASE/replica (pg_basebackup -R writes standby.signal)"
        pg pg_basebackup -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -D "$BASE/replica" -R -X stream
    fi
    start_cluster "$BASE/replica" "$REPLICA_PORT" PSD_REPLICA_PORT
    local recovering
    recovering=$(psql -h 127.0.0.1 -p "$REPLICA_PORT" -U postgres -d postgres -Atc \
        "SELECT pg_is_in_recovery()")
    [ "$recovering" = t ] || { echo "The replica on port $REPLICA_PORT is not a standby" >&2; exit 1; }
    say "Primary 127.0.0.1:$PRIMARY_PORT, streaming replica 127.0.0.1:$REPLICA_PORT"
}

stop() {
    for dir in "$BASE/replica" "$BASE/primary"; do
        [ -f "$dir/postmaster.pid" ] && pg pg_ctl -D "$dir" -m fast -w stop >/dev/null
    done
    say "Primary and replica stopped"
}

copy_source_db() {  # $1: Odoo configuration, $2: filestore folder
    say "Copying $SOURCE_DB into the primary as $DB"
    dropdb -h 127.0.0.1 -p "$PRIMARY_PORT" --if-exists --force "$DB"
    createdb -h 127.0.0.1 -p "$PRIMARY_PORT" -T template0 "$DB"
    pg_dump -d "$SOURCE_DB" --no-owner | psql -q -h 127.0.0.1 -p "$PRIMARY_PORT" -d "$DB" >/dev/null
    mkdir -p "$2" && rm -rf "${2:?}/$DB"
    local source_store
    for source_store in "$2/$SOURCE_DB" "/var/tmp/psd-state-base/data/filestore/$SOURCE_DB"; do
        if [ -d "$source_store" ]; then
            cp -r "$source_store" "$2/$DB"
            break
        fi
    done
}

check() {
    check_platform
    ensure_postgres  # the shared cluster, which holds the demo database to copy
    link_addon
    setup
    local conf="$PSD_STATE_DIR/odoo-$DB.conf" filestore="$PSD_STATE_DIR/data/filestore"
    PGHOST=127.0.0.1 PGPORT=$PRIMARY_PORT PSD_HTTP_PORT=$HTTP_PORT write_odoo_config "$conf" "$DB"
    printf '%s\n' "db_replica_host = 127.0.0.1" "db_replica_port = $REPLICA_PORT" \
        "http_interface = 127.0.0.1" >>"$conf"
    # The demo database to copy runs this checkout's code (made when missing, else updated), and
    # the primary gets a fresh copy of it: a copy kept from an older checkout would mix demo data.
    write_odoo_config "$PSD_STATE_DIR/odoo-$SOURCE_DB.conf" "$SOURCE_DB"
    prepare_demo_db "$PSD_STATE_DIR/odoo-$SOURCE_DB.conf" "$SOURCE_DB"
    copy_source_db "$conf" "$filestore"
    ensure_port_free "$HTTP_PORT" "PSD_REPLICA_HTTP_PORT (default PSD_HTTP_PORT + 1)"
    say "Odoo in prefork mode on 127.0.0.1:$HTTP_PORT, reading from the replica"
    # The Python process itself in the background (not a shell function), so that the trap
    # stops it; bench/serve.py is odoo-bin without the websocket worker.
    "$PY" "$PSD_ROOT/bench/serve.py" -c "$conf" -d "$DB" --workers 2 --max-cron-threads 0 \
        --log-level=warn >"$PSD_STATE_DIR/odoo-$DB.log" 2>&1 &
    ODOO_PID=$!
    trap 'status=$?; kill "$ODOO_PID" 2>/dev/null; wait "$ODOO_PID" 2>/dev/null; exit $status' EXIT
    "$PY" "$PSD_ROOT/bench/replica_check.py" --url "http://127.0.0.1:$HTTP_PORT" --db "$DB" \
        --primary-log "$BASE/primary/server.log" --replica-log "$BASE/replica/server.log"
}

case "${1:-check}" in
    setup) setup ;;
    check) check ;;
    stop) stop ;;
    *) echo "usage: $0 setup|check|stop" >&2; exit 2 ;;
esac
