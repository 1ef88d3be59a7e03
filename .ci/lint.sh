#!/usr/bin/env bash
# Lint as OCA does, with the tools of .pre-commit-config.yaml at the versions of
# requirements-lint.txt: ruff (lint and format), pylint-odoo with OCA's mandatory checks, and OCA's
# checks of the manifest, XML and .po files, that the Apps page is the one readme/ gives, and
# prettier (XML, JS, YAML) and eslint as OCA runs them.
# Any finding fails. Run from anywhere:
#   bash .ci/lint.sh
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
STATE=${PSD_STATE_DIR:-${XDG_CACHE_HOME:-${HOME:-/var/tmp}/.cache}/property_service_desk}
VENV=${PSD_LINT_VENV:-$STATE/lint-venv}
PY=${PYTHON:-python3}

stamp="$VENV/.requirements-$(sha256sum "$ROOT/requirements-lint.txt" | cut -c1-16)"
if [ ! -f "$stamp" ]; then
    echo "==> Installing the linters into $VENV"
    "$PY" -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check -r "$ROOT/requirements-lint.txt"
    touch "$stamp"
fi

# prettier with its XML plugin and eslint, at the versions of .pre-commit-config.yaml, from the
# npm registry into the cache (node and npm are Debian's, installed by scripts/bootstrap.sh).
NODE_TOOLS=${PSD_NODE_TOOLS:-$STATE/node-tools}
NODE_PINS='"@prettier/plugin-xml": "2.2.0", "eslint": "8.24.0", "prettier": "2.7.1"'
node_stamp="$NODE_TOOLS/.pins-$(printf '%s' "$NODE_PINS" | sha256sum | cut -c1-16)"
if [ ! -f "$node_stamp" ]; then
    if ! command -v npm >/dev/null; then
        [ "$(id -u)" = 0 ] || { echo "lint: needs node and npm: apt-get install nodejs npm" >&2; exit 1; }
        echo "==> Installing node and npm (Debian's)"
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
    fi
    echo "==> Installing prettier and eslint into $NODE_TOOLS"
    mkdir -p "$NODE_TOOLS"
    printf '{"private": true, "devDependencies": {%s}}\n' "$NODE_PINS" >"$NODE_TOOLS/package.json"
    (cd "$NODE_TOOLS" && npm install --no-audit --no-fund --loglevel=error)
    touch "$node_stamp"
fi

# OCA's checks name the addon after its folder: lint a copy of the tracked (and new, not
# ignored) files in a folder named after the addon, whatever the checkout's folder is called.
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
ADDON="$WORK/property_service_desk"
mkdir "$ADDON"
(cd "$ROOT" && git ls-files -co --exclude-standard -z | xargs -0 -I{} cp --parents {} "$ADDON/" 2>/dev/null || true)
cd "$ADDON"

failed=0
run() {
    echo "==> $1"
    shift
    "$@" || failed=1
}
run "ruff (lint)" "$VENV/bin/ruff" check --no-fix --no-cache .
run "ruff (format)" "$VENV/bin/ruff" format --check --no-cache .
run "pylint-odoo (OCA mandatory checks)" "$VENV/bin/pylint" --rcfile=.pylintrc-mandatory \
    --output-format=text "$ADDON"
# The README is Markdown on purpose (a front door on the forge); OCA's generated README.rst is
# the only check left out.
run "OCA checks of the manifest and XML" "$VENV/bin/oca-checks-odoo-module" \
    --disable=prefer-readme-rst "$ADDON/__manifest__.py"
run "OCA checks of the .po files" "$VENV/bin/oca-checks-po" i18n/*.po i18n/*.pot i18n_extra/*.po
run "Apps page generated from readme/" "$VENV/bin/python" scripts/apps_page.py --check
# The files .pre-commit-config.yaml gives prettier (its pattern, less its exclusions).
mapfile -t pretty < <(git -C "$ROOT" ls-files -co --exclude-standard \
    | grep -E '\.(css|htm|html|js|json|jsx|less|md|scss|toml|ts|xml|yaml|yml)$' \
    | grep -vE '^(static/description/index\.html|README\.md|readme/.*\.md|docs/.*\.md)$|static/(src/)?lib/')
run "prettier (with plugin-xml)" "$NODE_TOOLS/node_modules/.bin/prettier" --check --ignore-unknown --loglevel=warn \
    "${pretty[@]}"
run "eslint" "$NODE_TOOLS/node_modules/.bin/eslint" --no-eslintrc -c .eslintrc.yml static/src static/tests

if [ "$failed" != 0 ]; then
    echo "lint: findings above" >&2
    exit 1
fi
echo "lint: clean"
