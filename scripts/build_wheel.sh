#!/usr/bin/env bash
# Builds the wheel odoo-addon-property_service_desk with whool (the OCA build backend), the way
# integrators install OCA addons: `pip install odoo_addon_property_service_desk-*.whl`.
#   bash scripts/build_wheel.sh [OUTPUT_DIR]     (default: dist/); prints the wheel's path
# whool names the distribution after the addon's folder, and this checkout's folder may have any
# name, so the build runs on a copy named property_service_desk. The copy holds the files git
# tracks, without what only the repository needs, as OCA's wheels carry an addon: no docs/,
# bench/, scripts/, .ci/, dotfiles or requirements (the addon, its tests, readme/ fragments and
# the Apps page under static/description/ go in, as in any OCA wheel).
source "$(dirname "$0")/lib.sh"

OUT=$(mkdir -p "${1:-$PSD_ROOT/dist}" && cd "${1:-$PSD_ROOT/dist}" && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
ADDON="$WORK/property_service_desk"
mkdir "$ADDON"

addon_files() {
    if git -C "$PSD_ROOT" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
        git -C "$PSD_ROOT" ls-files
    else
        (cd "$PSD_ROOT" && find . -type f -not -path '*/__pycache__/*' | sed 's|^\./||')
    fi | grep -vE '^(\.|scripts/|bench/|docs/|dist/|requirements.*\.txt$)' \
       | while IFS= read -r file; do [ -f "$PSD_ROOT/$file" ] && printf '%s\n' "$file"; done
}
addon_files | (cd "$PSD_ROOT" && tar -cf - -T -) | tar -xf - -C "$ADDON"

"$PY" -m pip wheel --quiet --disable-pip-version-check --no-deps -w "$OUT" "$ADDON" >&2
ls -t "$OUT"/odoo_addon_property_service_desk-*.whl | head -1
