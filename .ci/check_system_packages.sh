#!/usr/bin/env bash
# A fresh machine is the judge: every system file (program, library, font, data file) that the
# traced test run opened must come from a package that scripts/bootstrap.sh installs, from one of
# their dependencies, or from the smallest Debian system (priority required).
#   PSD_TRACE_FILES=/tmp/trace bash scripts/test.sh && bash .ci/check_system_packages.sh /tmp/trace
set -euo pipefail
[ -s "${1:-}" ] || { echo "usage: $0 STRACE_OUTPUT (PSD_TRACE_FILES of scripts/test.sh)" >&2; exit 2; }
source "$(dirname "$0")/../scripts/lib.sh"
# Not the system's: the checkout, Odoo and its Python environment (whatever Python it was made
# from), the scripts' state, the home folder's caches.
python_home=$("$PY" -c 'import sys; print(sys.base_prefix)')
[ "$python_home" = /usr ] && python_home=
# shellcheck disable=SC2046  # one word per package
exec "$PY" "$PSD_ROOT/.ci/check_system_packages.py" "$1" "$PSD_ROOT" "$(realpath "$PSD_ROOT")" \
    "$ODOO_SRC" "$ODOO_VENV" "$PSD_STATE_DIR" "$PSD_ADDONS_DIR" "${HOME:-/root}/.cache" \
    "$python_home" -- $(bootstrap_packages)
