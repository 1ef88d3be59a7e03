# Sets up what the addon runs on, when it is missing: the system packages, an Odoo 18.0 Community
# tree (ODOO_SRC) and its Python environment (ODOO_VENV). Sourced by lib.sh; `ensure_platform` runs
# every step. Each step checks first and does nothing when its work is already done (dpkg status,
# stamp files keyed on the requirements' hash), so a second run is quick and changes nothing.
#
# Settings (environment variables):
#   ODOO_SOURCE  where to get Odoo when ODOO_SRC has no tree: a git URL or local git repository
#                (shallow clone of ODOO_BRANCH, or of its HEAD when a local repository has no such
#                branch), or a source archive (.tar.gz/.tgz/.zip, a path or an http(s) URL).
#                Default: the official repository.
#   ODOO_BRANCH  default 18.0
#   PYTHON       interpreter for a new ODOO_VENV, default python3.11

ODOO_SOURCE=${ODOO_SOURCE:-https://github.com/odoo/odoo.git}
ODOO_BRANCH=${ODOO_BRANCH:-18.0}
PYTHON=${PYTHON:-python3.11}
ODOO_SERIES=18.0
# Modules that exist only in Odoo Enterprise: a tree holding them is not the Community edition.
ENTERPRISE_MARKERS=(addons/helpdesk addons/web_enterprise)
# What the tests and the demo need at run time (PDF reports, Chinese glyphs, browser tours): the
# registers are printed in WenQuanYi Micro Hei, found with fc-match (models/printing/ir_actions_report.py);
# the screens show Noto CJK, and Chromium takes DejaVu's bold and oblique faces when installed.
# .ci/check_system_packages.sh proves the list complete.
RUNTIME_PACKAGES=(wkhtmltopdf fontconfig fonts-noto-cjk fonts-wqy-microhei fonts-dejavu-extra
    poppler-utils)
# What building Odoo's requirements needs (psycopg2 and python-ldap have no wheels for 3.11).
BUILD_PACKAGES=(build-essential libpq-dev libldap2-dev libsasl2-dev)
BOOTSTRAP_STAMPS="$ODOO_VENV/.psd-bootstrap"

die() { echo "ERROR: $*" >&2; exit 2; }

ensure_platform() {
    ensure_system_packages "${RUNTIME_PACKAGES[@]}" "$(chromium_package)" $(postgresql_package)
    ensure_odoo_source
    ensure_odoo_venv
    check_platform
}

# ---------------------------------------------------------------- system packages

bootstrap_packages() {  # every package the set-up installs on a fresh machine (checked by CI)
    echo "${RUNTIME_PACKAGES[@]}" "$(chromium_package)" postgresql "${BUILD_PACKAGES[@]}" \
        "$PYTHON" "$PYTHON-venv" "$PYTHON-dev" git curl ca-certificates
}

dpkg_installed() {
    [ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null)" = installed ]
}

chromium_package() {
    local pkg
    for pkg in chromium chromium-browser google-chrome-stable; do
        command -v dpkg-query >/dev/null && dpkg_installed "$pkg" && { echo "$pkg"; return; }
    done
    if grep -qs '^ID=ubuntu' /etc/os-release; then echo chromium-browser; else echo chromium; fi
}

postgresql_package() {
    # The client tools always; the server only when none answers (scripts start a private one).
    if ! command -v psql >/dev/null; then echo postgresql; return; fi
    pg_isready -q -h "$PGHOST" -p "$PGPORT" 2>/dev/null || (pg_bin) >/dev/null 2>&1 || echo postgresql
}

ensure_system_packages() {  # package names (Debian/Ubuntu)
    if ! command -v dpkg-query >/dev/null; then
        check_commands_without_dpkg
        return
    fi
    local pkg missing=()
    for pkg in "$@"; do dpkg_installed "$pkg" || missing+=("$pkg"); done
    [ ${#missing[@]} -eq 0 ] && return
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        say "Installing system packages: ${missing[*]}"
        if [ -z "${PSD_APT_UPDATED:-}" ]; then
            DEBIAN_FRONTEND=noninteractive apt-get update -qq
            PSD_APT_UPDATED=1
        fi
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
    else
        die "missing system packages: ${missing[*]}
Install them as root, then run this command again:
    apt-get update && apt-get install --no-install-recommends ${missing[*]}"
    fi
}

check_commands_without_dpkg() {
    local missing=() cmd
    for cmd in git wkhtmltopdf pdftotext psql; do command -v "$cmd" >/dev/null || missing+=("$cmd"); done
    command -v chromium >/dev/null || command -v chromium-browser >/dev/null \
        || command -v google-chrome >/dev/null || missing+=(chromium)
    [ ${#missing[@]} -eq 0 ] \
        || die "not a Debian/Ubuntu system and these commands are missing: ${missing[*]}
Install them with your system's package manager (wkhtmltopdf, poppler, Chromium, PostgreSQL, the
Noto CJK fonts), then run this command again."
}

# ---------------------------------------------------------------- Odoo source tree

ensure_odoo_source() {
    if [ -f "$ODOO_SRC/odoo-bin" ]; then
        check_odoo_tree "$ODOO_SRC"
        return
    fi
    if [ -d "$ODOO_SRC" ] && [ -n "$(ls -A "$ODOO_SRC")" ]; then
        die "ODOO_SRC=$ODOO_SRC is not empty but holds no odoo-bin; move it away or set ODOO_SRC"
    fi
    mkdir -p "$(dirname "$ODOO_SRC")"
    # Fetched next to ODOO_SRC and moved into place only once checked: an interrupted or refused
    # download never leaves a tree that looks usable.
    local work root
    work=$(mktemp -d "$(dirname "$ODOO_SRC")/.odoo-source-XXXXXX")
    trap 'rm -rf "$work"' EXIT
    fetch_odoo_source "$ODOO_SOURCE" "$work"
    root=$(odoo_tree_root "$work") || die "no Odoo tree (odoo-bin, odoo/release.py) in $ODOO_SOURCE"
    check_odoo_tree "$root" "the tree from ODOO_SOURCE=$ODOO_SOURCE"
    rmdir "$ODOO_SRC" 2>/dev/null || true
    mv "$root" "$ODOO_SRC"
    rm -rf "$work"
    trap - EXIT
    say "Odoo $ODOO_SERIES Community is in $ODOO_SRC"
}

fetch_odoo_source() {  # $1: ODOO_SOURCE, $2: empty work directory
    local source=$1 work=$2
    case "${source,,}" in
        *.tar.gz | *.tgz | *.zip) fetch_odoo_archive "$source" "$work" ;;
        *) fetch_odoo_git "$source" "$work" ;;
    esac
}

fetch_odoo_archive() {
    local source=$1 work=$2 archive
    if [[ $source =~ ^https?:// ]]; then
        archive="$work/$(basename "${source%%\?*}")"
        command -v curl >/dev/null || ensure_system_packages curl ca-certificates
        say "Downloading Odoo from $source"
        curl -fL --retry 3 --progress-bar -o "$archive" "$source" || die "cannot download $source"
    else
        [ -f "$source" ] || die "ODOO_SOURCE=$source: no such archive"
        archive=$source
    fi
    say "Unpacking $(basename "$archive")"
    mkdir "$work/tree"
    case "${archive,,}" in
        *.zip) python3 -m zipfile -e "$archive" "$work/tree" ;;
        *) tar -xzf "$archive" -C "$work/tree" ;;
    esac
    [ "$archive" = "$source" ] || rm -f "$archive"
}

fetch_odoo_git() {
    local source=$1 work=$2 url branch_args=()
    command -v git >/dev/null || ensure_system_packages git
    url=$source
    if [ -d "$source" ]; then
        url="file://$(cd "$source" && pwd)"  # file:// so that --depth applies to a local clone
    fi
    if git ls-remote --exit-code --heads "$url" "$ODOO_BRANCH" >/dev/null 2>&1; then
        branch_args=(--branch "$ODOO_BRANCH")
    elif [ -d "$source" ]; then
        say "$source has no branch $ODOO_BRANCH: using its HEAD (the version is checked next)"
    else
        die "cannot read branch $ODOO_BRANCH of $source"
    fi
    say "Cloning Odoo from $source ${branch_args[*]} (shallow)"
    git clone --quiet --depth 1 "${branch_args[@]}" "$url" "$work/tree" || die "git clone of $source failed"
}

odoo_tree_root() {  # the folder holding odoo-bin: the top, or the one folder an archive unpacks to
    local dir
    for dir in "$1"/tree "$1"/tree/*/; do
        dir=${dir%/}
        [ -f "$dir/odoo-bin" ] && [ -f "$dir/odoo/release.py" ] && { echo "$dir"; return 0; }
    done
    return 1
}

odoo_tree_series() {  # "18.0" from odoo/release.py, without importing it
    sed -nE 's/^version_info = \(([0-9]+), ([0-9]+),.*/\1.\2/p' "$1/odoo/release.py"
}

check_odoo_tree() {  # $1: folder, $2: how to name it in a refusal
    local tree=$1 label=${2:-$1} marker series
    for marker in "${ENTERPRISE_MARKERS[@]}"; do
        [ -e "$tree/$marker" ] \
            && die "$label contains Odoo Enterprise modules ($marker): this addon is built and tested on \
Odoo $ODOO_SERIES Community only; point ODOO_SOURCE at the Community source"
    done
    series=$(odoo_tree_series "$tree")
    [ "$series" = "$ODOO_SERIES" ] \
        || die "$label is Odoo ${series:-of unknown version}, not $ODOO_SERIES; set ODOO_SOURCE/ODOO_BRANCH"
}

# ---------------------------------------------------------------- Python environment

stamp_ok() { [ "$(cat "$BOOTSTRAP_STAMPS/$1" 2>/dev/null)" = "$2" ]; }

stamp_write() {  # a read-only environment just repeats the (no-op) check next time
    mkdir -p "$BOOTSTRAP_STAMPS" 2>/dev/null && echo "$2" > "$BOOTSTRAP_STAMPS/$1" 2>/dev/null || true
}

files_hash() { cat "$@" | sha256sum | cut -c1-16; }

pip_install() { "$PY" -m pip install --quiet --disable-pip-version-check "$@"; }

ensure_odoo_venv() {
    [ -x "$PY" ] || create_venv
    ensure_odoo_requirements
    ensure_odoo_installed
    install_requirements
}

create_venv() {
    local python
    # A Debian/Ubuntu python3.N needs its -venv and -dev packages (ensurepip, C headers).
    if [[ $PYTHON == python3.* ]] && command -v dpkg-query >/dev/null \
        && [[ $(command -v "$PYTHON" || echo /usr/bin/) == /usr/bin/* ]]; then
        ensure_system_packages "$PYTHON" "$PYTHON-venv" "$PYTHON-dev"
    fi
    python=$(command -v "$PYTHON") \
        || die "$PYTHON not found: install Python 3.11 or set PYTHON to a Python 3.10-3.12 interpreter"
    say "Creating the Python environment $ODOO_VENV with $("$python" --version)"
    "$python" -m venv "$ODOO_VENV"
}

odoo_requirements_fixed() {
    # Odoo pins cbor2 5.4.2 for Python < 3.12, which does not build on a current 3.11: 5.6.2 is the
    # release Odoo itself pins for 3.12 and has 3.11 wheels.
    sed -E 's/^cbor2==5\.4\.2( |;|$)/cbor2==5.6.2\1/' "$ODOO_SRC/requirements.txt"
}

ensure_odoo_requirements() {
    local key
    key="$(odoo_requirements_fixed | sha256sum | cut -c1-16) $("$PY" -V 2>&1)"
    stamp_ok odoo-requirements "$key" && return
    ensure_system_packages "${BUILD_PACKAGES[@]}"
    say "Installing Odoo's Python requirements into $ODOO_VENV (first run: several minutes)"
    mkdir -p "$BOOTSTRAP_STAMPS"
    odoo_requirements_fixed > "$BOOTSTRAP_STAMPS/odoo-requirements.txt"
    pip_install -r "$BOOTSTRAP_STAMPS/odoo-requirements.txt"
    stamp_write odoo-requirements "$key"
}

odoo_imports_from_src() {
    # Run from / in isolated mode so that no `odoo` folder in the current directory is imported.
    (cd / && "$PY" -I -c '
import importlib.metadata, os, sys
import odoo
importlib.metadata.version("odoo")
sys.exit(not os.path.realpath(odoo.__file__).startswith(os.path.realpath(sys.argv[1]) + os.sep))
' "$ODOO_SRC") 2>/dev/null
}

ensure_odoo_installed() {
    odoo_imports_from_src && return
    say "Installing Odoo from $ODOO_SRC into $ODOO_VENV (editable)"
    # The OCA wheels install odoo/addons/<addon> into site-packages; a default (import hook)
    # editable install would then be shadowed by that namespace folder. Compat mode puts
    # ODOO_SRC itself on sys.path, where the regular package `odoo` wins.
    pip_install --no-deps -e "$ODOO_SRC" --config-settings editable_mode=compat
    odoo_imports_from_src || die "Odoo from $ODOO_SRC does not import in $ODOO_VENV"
}

install_requirements() {  # the OCA wheels (requirements.txt) and the test tools
    local key
    key=$(files_hash "$PSD_ROOT/requirements.txt" "$PSD_ROOT/requirements-test.txt")
    stamp_ok addon-requirements "$key" && return
    say "Installing the addon's Python requirements into $ODOO_VENV"
    if "$PY" -c "import importlib.metadata as m; m.version('odoo')" 2>/dev/null; then
        pip_install -r "$PSD_ROOT/requirements.txt"
    else
        # Odoo importable but not installed as a distribution: the OCA wheels' `odoo`
        # requirement cannot be resolved, so install them without dependencies.
        pip_install --no-deps -r "$PSD_ROOT/requirements.txt"
    fi
    pip_install -r "$PSD_ROOT/requirements-test.txt"
    stamp_write addon-requirements "$key"
}

# Run alone (`bash scripts/bootstrap.sh`): set up only.
if [ ${#BASH_SOURCE[@]} -eq 1 ]; then
    source "$(dirname "$0")/lib.sh"
    ensure_platform
fi
