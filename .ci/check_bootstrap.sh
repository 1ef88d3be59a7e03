#!/usr/bin/env bash
# Cheap checks of the set-up path in scripts/bootstrap.sh (the full path, a clone and ~100 pip
# installs, is too slow for every CI run):
#  1. where Odoo comes from: fake Odoo trees in a local git repository and in .tar.gz/.zip
#     archives are fetched into ODOO_SRC; Enterprise trees, other versions and a non-empty
#     ODOO_SRC without Odoo are refused;
#  2. a second run on the existing environment installs nothing and changes no package.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d)
SERVER_PID=
trap '[ -z "$SERVER_PID" ] || kill "$SERVER_PID"; rm -rf "$WORK"' EXIT
failures=0

say() { printf '\n==> %s\n' "$*"; }
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

fake_tree() {  # $1: folder, $2: series (18.0), $3: "enterprise" to add an Enterprise module
    mkdir -p "$1/odoo" "$1/addons/base"
    echo '#!/usr/bin/env python3' > "$1/odoo-bin"
    echo "version_info = (${2%.*}, ${2#*.}, 0, FINAL, 0, '')" > "$1/odoo/release.py"
    if [ "${3:-}" = enterprise ]; then
        mkdir -p "$1/addons/web_enterprise" && touch "$1/addons/web_enterprise/__manifest__.py"
    fi
}

git_repo() {  # $1: folder holding a tree; commits it on branch main
    git -C "$1" init -q -b main
    git -C "$1" add -A
    git -C "$1" -c user.name=ci -c user.email=ci@example.invalid commit -qm tree
}

fetch() {  # $1: case name, $2: ODOO_SOURCE, $3: expected "ok" or "refused", $4: expected message
    local dest="$WORK/src-$1" out rc=0
    out=$(env ODOO_SRC="$dest" ODOO_SOURCE="$2" ODOO_VENV="$WORK/no-venv" \
        bash -c 'source "$1/scripts/lib.sh"; ensure_odoo_source' _ "$ROOT" 2>&1) || rc=$?
    if [ "$3" = ok ]; then
        if [ $rc -eq 0 ] && [ -f "$dest/odoo-bin" ] && [ -f "$dest/odoo/release.py" ]; then
            echo "ok: $1: an Odoo tree is in ODOO_SRC"
        else
            fail "$1: expected a tree in $dest (rc=$rc): $out"
        fi
    elif [ $rc -ne 0 ] && [ ! -e "$dest/odoo-bin" ] && grep -q -- "$4" <<< "$out"; then
        echo "ok: $1 refused: $(grep ERROR <<< "$out" | head -1)"
    else
        fail "$1: expected a refusal saying '$4' (rc=$rc): $out"
    fi
    ! ls -d "$WORK"/.odoo-source-* >/dev/null 2>&1 || fail "$1: a temporary download was left behind"
}

say "Where Odoo comes from (fake trees)"
fake_tree "$WORK/community" 18.0 && git_repo "$WORK/community"
fetch git-head "$WORK/community" ok
# A repository with an 18.0 branch is cloned at that branch, whatever its HEAD holds.
fake_tree "$WORK/branches" 17.0 && git_repo "$WORK/branches"
git -C "$WORK/branches" checkout -q -b 18.0
fake_tree "$WORK/branches" 18.0
git -C "$WORK/branches" -c user.name=ci -c user.email=ci@example.invalid commit -qam 18.0
git -C "$WORK/branches" checkout -q main
fetch git-branch "$WORK/branches" ok
mkdir -p "$WORK/archive" && fake_tree "$WORK/archive/odoo-18.0" 18.0
tar -czf "$WORK/odoo-18.0.tar.gz" -C "$WORK/archive" odoo-18.0
(cd "$WORK/archive" && python3 -m zipfile -c "$WORK/odoo-18.0.zip" odoo-18.0)
fetch tar-gz "$WORK/odoo-18.0.tar.gz" ok
fetch zip "$WORK/odoo-18.0.zip" ok
# An archive URL, served on a free local port.
python3 -m http.server 0 --bind 127.0.0.1 --directory "$WORK" > "$WORK/http.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 50); do grep -q 'port [0-9]' "$WORK/http.log" && break; sleep 0.1; done
port=$(grep -o 'port [0-9]*' "$WORK/http.log" | grep -o '[0-9]*')
fetch tar-gz-url "http://127.0.0.1:$port/odoo-18.0.tar.gz" ok

say "The scripts refuse a port another program holds (here the archive server's)"
for script in scripts/demo.sh scripts/test.sh scripts/screenshots.sh bench/load.sh; do
    rc=0
    out=$(PSD_HTTP_PORT=$port PSD_LOAD_HTTP_PORT=$port bash "$ROOT/$script" 2>&1) || rc=$?
    if [ $rc -ne 0 ] && grep -q "port $port is taken by another program; set PSD_" <<< "$out"; then
        echo "ok: $script refused: $(head -1 <<< "$out")"
    else
        fail "$script did not refuse the taken port $port (rc=$rc): $(head -5 <<< "$out")"
    fi
done
fake_tree "$WORK/enterprise" 18.0 enterprise && git_repo "$WORK/enterprise"
fetch enterprise "$WORK/enterprise" refused "Enterprise"
fake_tree "$WORK/odoo17" 17.0 && git_repo "$WORK/odoo17"
fetch version-17 "$WORK/odoo17" refused "not 18.0"
mkdir -p "$WORK/src-occupied" && touch "$WORK/src-occupied/notes.txt"
fetch occupied "$WORK/community" refused "not empty"
fetch bad-source "$WORK/does-not-exist" refused "cannot read branch 18.0"
# An existing tree is used as it is: nothing is fetched (the source does not exist).
fake_tree "$WORK/src-kept" 18.0
fetch kept "$WORK/does-not-exist" ok

say "System packages: apt-get as root, a clear message otherwise"
# apt-get, dpkg-query and id are replaced by shell functions that record what would be done.
out=$(bash -c 'source "$1/scripts/lib.sh"
    dpkg-query() { [ "${!#}" = fonts-noto-cjk ] && echo installed || echo not-installed; }
    apt-get() { echo "apt-get $*"; }
    id() { echo 0; }
    ensure_system_packages fonts-noto-cjk psd-pkg-a psd-pkg-b
    ensure_system_packages psd-pkg-c' _ "$ROOT" 2>&1) || true
if [ "$(grep -c 'apt-get update' <<< "$out")" = 1 ] \
    && grep -q 'apt-get install .*--no-install-recommends psd-pkg-a psd-pkg-b$' <<< "$out" \
    && grep -q 'apt-get install .* psd-pkg-c$' <<< "$out" && ! grep -q noto <<< "$out"; then
    echo "ok: as root, one apt-get update, then apt-get install of the missing packages only"
else
    fail "root path of ensure_system_packages: $out"
fi
out=$(bash -c 'source "$1/scripts/lib.sh"
    dpkg-query() { echo not-installed; }
    id() { echo 1000; }
    ensure_system_packages psd-pkg-a' _ "$ROOT" 2>&1) && fail "non-root: missing package accepted"
if grep -q 'apt-get install --no-install-recommends psd-pkg-a' <<< "$out"; then
    echo "ok: as a user, a message: $(head -1 <<< "$out")"
else
    fail "non-root message of ensure_system_packages: $out"
fi

say "Nothing of Odoo is committed"
if git -C "$ROOT" ls-files | grep -qE '^(odoo-bin|odoo/|addons/)'; then
    fail "Odoo files are tracked in this repository"
else
    echo "ok: no Odoo file tracked"
fi

say "A second run on the existing environment changes nothing"
source "$ROOT/scripts/lib.sh"
bash "$ROOT/scripts/bootstrap.sh" > "$WORK/first.log" 2>&1 || { cat "$WORK/first.log"; fail "bootstrap failed"; }
"$PY" -m pip freeze --all 2>/dev/null > "$WORK/freeze-before"
start=$(date +%s)
PIP_NO_INDEX=1 bash "$ROOT/scripts/bootstrap.sh" > "$WORK/second.log" 2>&1 \
    || { cat "$WORK/second.log"; fail "second bootstrap run failed"; }
elapsed=$(( $(date +%s) - start ))
"$PY" -m pip freeze --all 2>/dev/null > "$WORK/freeze-after"
if grep -E '^==> (Installing|Cloning|Downloading|Unpacking|Creating)' "$WORK/second.log"; then
    fail "the second run did set-up work (above)"
elif ! diff "$WORK/freeze-before" "$WORK/freeze-after"; then
    fail "the second run changed installed packages (above)"
else
    echo "ok: second run did nothing in ${elapsed}s: $(grep '^==>' "$WORK/second.log" | tail -1)"
fi

[ $failures -eq 0 ] || { echo "$failures bootstrap check(s) failed" >&2; exit 1; }
say "Bootstrap checks passed"
