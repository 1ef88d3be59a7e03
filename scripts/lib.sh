# Shared helpers for scripts/demo.sh and scripts/test.sh (sourced, not run).
# Every path and credential can be overridden by the environment variable of the same name.
set -euo pipefail

PSD_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ODOO_SRC=${ODOO_SRC:-/opt/odoo18}
ODOO_VENV=${ODOO_VENV:-/opt/odoo-venv}
PY="$ODOO_VENV/bin/python"
PSD_STATE_DIR=${PSD_STATE_DIR:-${XDG_CACHE_HOME:-${HOME:-/var/tmp}/.cache}/property_service_desk}
# The checkout's folder is not named after the addon: Odoo sees it through this link.
PSD_ADDONS_DIR=${PSD_ADDONS_DIR:-${TMPDIR:-/tmp}/property_service_desk-addons-$(printf %s "$PSD_ROOT" | md5sum | cut -c1-10)}
# Private PostgreSQL cluster, used only when no server answers at PGHOST:PGPORT.
PSD_PGDATA=${PSD_PGDATA:-/var/tmp/property_service_desk-pgdata-$(id -u)}
PSD_PRIVATE_PGPORT=${PSD_PRIVATE_PGPORT:-55432}
export PGHOST=${PGHOST:-localhost} PGPORT=${PGPORT:-5432}
export PGUSER=${PGUSER:-odoo} PGPASSWORD=${PGPASSWORD:-odoo}

say() { printf '\n==> %s\n' "$*"; }

check_platform() {
    [ -f "$ODOO_SRC/odoo-bin" ] || { echo "No Odoo source tree at ODOO_SRC=$ODOO_SRC" >&2; exit 2; }
    "$PY" -c "import odoo.release" 2>/dev/null \
        || { echo "Odoo does not import with ODOO_VENV=$ODOO_VENV" >&2; exit 2; }
    say "Odoo $("$PY" -c 'import odoo.release as r; print(r.version)') from $ODOO_SRC, Python $ODOO_VENV"
}

port_taken() {  # $1: TCP port; true when a program listens on it
    # Something answers on the loopback; or, where a Python is at hand, binding as Odoo binds
    # (all interfaces, reusing the address) fails.
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    local python
    python=$([ -x "$PY" ] && echo "$PY" || command -v python3) || return 1
    ! "$python" -c '
import socket, sys
with socket.socket() as s:
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("", int(sys.argv[1])))
' "$1" 2>/dev/null
}

ensure_port_free() {  # $1: port a script is about to serve on, $2: how to choose another one
    port_taken "$1" || return 0
    echo "ERROR: port $1 is taken by another program; set ${2:-PSD_HTTP_PORT} to a free port," \
        "or stop that program" >&2
    exit 2
}

pg_bin() {
    local dir
    for dir in "${PG_BIN:-}" /usr/lib/postgresql/15/bin "$(dirname "$(command -v initdb 2>/dev/null || echo /x/x)")"; do
        [ -n "$dir" ] && [ -x "$dir/pg_ctl" ] && { echo "$dir"; return; }
    done
    echo "PostgreSQL server binaries (initdb, pg_ctl) not found; set PG_BIN" >&2; exit 2
}

as_pg_owner() {
    # PostgreSQL refuses to run as root: run the private cluster as the `postgres` OS user.
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

ensure_postgres() {
    if pg_isready -q -h "$PGHOST" -p "$PGPORT" 2>/dev/null; then
        say "PostgreSQL answers at $PGHOST:$PGPORT"
    else
        export PGHOST=127.0.0.1 PGPORT=$PSD_PRIVATE_PGPORT
        if pg_isready -q -h "$PGHOST" -p "$PGPORT"; then
            say "Private PostgreSQL cluster already running at $PGHOST:$PGPORT"
        else
            start_private_cluster
        fi
    fi
    ensure_db_role
}

start_private_cluster() {
    local bin; bin=$(pg_bin)
    say "No PostgreSQL reachable: starting a private cluster in $PSD_PGDATA on port $PGPORT"
    if [ ! -f "$PSD_PGDATA/PG_VERSION" ]; then
        mkdir -p "$PSD_PGDATA"
        [ "$(id -u)" = 0 ] && chown postgres: "$PSD_PGDATA"
        as_pg_owner "$bin/initdb" -D "$PSD_PGDATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    as_pg_owner "$bin/pg_ctl" -D "$PSD_PGDATA" -l "$PSD_PGDATA/server.log" -w \
        -o "-p $PGPORT -k /tmp -c listen_addresses=127.0.0.1" start >/dev/null
}

ensure_db_role() {
    # Odoo refuses the `postgres` superuser: make sure our own role exists on a private cluster.
    if ! psql -d postgres -Atqc "select 1" >/dev/null 2>&1; then
        say "Creating the database role $PGUSER"
        psql -U postgres -d postgres -qc \
            "CREATE ROLE \"$PGUSER\" LOGIN CREATEDB PASSWORD '$PGPASSWORD'" >/dev/null
    fi
}

link_addon() {
    mkdir -p "$PSD_ADDONS_DIR"
    ln -sfn "$PSD_ROOT" "$PSD_ADDONS_DIR/property_service_desk"
    say "Addon linked as $PSD_ADDONS_DIR/property_service_desk"
}

write_odoo_config() {  # $1: config path, $2: database name
    mkdir -p "$PSD_STATE_DIR"
    cat > "$1" <<CONF
[options]
addons_path = $ODOO_SRC/addons,$PSD_ADDONS_DIR
data_dir = $PSD_STATE_DIR/data
db_host = $PGHOST
db_port = $PGPORT
db_user = $PGUSER
db_password = $PGPASSWORD
db_name = $2
http_port = ${PSD_HTTP_PORT:-8069}
dbfilter = ^$2\$
list_db = False
CONF
}

prepare_demo_db() {  # $1: config path, $2: database name
    # Idempotent: the demo database is created with demo data and Chinese, or updated.
    if db_exists "$2"; then
        say "Updating property_service_desk in the existing database $2"
        odoo_bin -c "$1" -d "$2" -u property_service_desk --stop-after-init --log-level=warn
    else
        say "Creating $2: a company in China (yuan, Odoo's Chinese chart l10n_cn), with"\
            "property_service_desk, demo data and Chinese"
        odoo_bin -c "$1" -d "$2" -i base --stop-after-init --log-level=warn
        demo_china_step "$1" "$2" company
        # The chart is loaded once its module is installed: before the addon's demo invoices.
        odoo_bin -c "$1" -d "$2" -i l10n_cn --stop-after-init --log-level=warn
        odoo_bin -c "$1" -d "$2" -i property_service_desk --load-language=zh_CN \
            --stop-after-init --log-level=warn
        demo_china_step "$1" "$2" taxes
    fi
}

odoo_bin() { "$PY" "$ODOO_SRC/odoo-bin" "$@"; }

demo_china_step() {  # $1: config path, $2: database name, $3: step of scripts/demo_china.py
    PSD_DEMO_STEP=$3 odoo_bin shell -c "$1" -d "$2" --no-http --log-level=warn \
        < "$PSD_ROOT/scripts/demo_china.py" > /dev/null
}

db_exists() { psql -d postgres -Atqc "select 1 from pg_database where datname='$1'" | grep -q 1; }

check_log_clean() {  # $1: log file of an install or update
    local bad
    bad=$(grep -E '^[0-9-]+ [0-9:,]+ [0-9]+ (WARNING|ERROR|CRITICAL) ' "$1" || true)
    if [ -n "$bad" ]; then
        echo "The Odoo log $1 has WARNING/ERROR lines:" >&2
        echo "$bad" >&2
        return 1
    fi
    echo "log clean: no WARNING or ERROR line in $(basename "$1")"
}

# Set-up of the platform when missing: ensure_platform, install_requirements.
source "$PSD_ROOT/scripts/bootstrap.sh"
