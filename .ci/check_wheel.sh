#!/usr/bin/env bash
# Builds the wheel, installs it into a scratch environment layered on the Odoo environment, and
# checks what an integrator relies on: the metadata requires helpdesk_mgmt 18.0, pip resolves the
# dependencies from what is installed, and Odoo finds the addon in site-packages with an addons
# path that does not contain this checkout (no link trick).
source "$(dirname "$0")/../scripts/lib.sh"

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

say "Building the wheel"
WHEEL=$(bash "$PSD_ROOT/scripts/build_wheel.sh" "$WORK/dist")
echo "built $(basename "$WHEEL")"

"$PY" - "$WHEEL" <<'PY'
import sys
import zipfile
from email.parser import HeaderParser

wheel = zipfile.ZipFile(sys.argv[1])
(metadata_name,) = [n for n in wheel.namelist() if n.endswith(".dist-info/METADATA")]
metadata = HeaderParser().parsestr(wheel.read(metadata_name).decode())
assert metadata["Name"] == "odoo-addon-property_service_desk", metadata["Name"]
requires = metadata.get_all("Requires-Dist")
assert "odoo-addon-helpdesk_mgmt==18.0.*" in requires, requires
names = wheel.namelist()
addon = "odoo/addons/property_service_desk/"
assert addon + "__manifest__.py" in names
assert addon + "static/description/index.html" in names, "no Apps page"
# Only what an installed addon needs, as OCA's wheels: the repository's own tooling stays out.
tooling = [n for n in names if n.startswith(tuple(addon + d for d in (
    "docs/", "bench/", "scripts/", ".ci/", "dist/", ".", "requirements")))]
assert not tooling, f"the wheel carries repository tooling: {tooling[:5]}"
print(f"metadata: {metadata['Name']} {metadata['Version']} requires {', '.join(requires)}")
PY

say "Installing it into a scratch environment on top of $ODOO_VENV"
# A venv made from a venv's python gets the base interpreter's site-packages with
# --system-site-packages, not the Odoo venv's: a .pth adds those (and runs their own .pth
# files, among them the one that puts ODOO_SRC on sys.path).
"$PY" -m venv --system-site-packages "$WORK/venv"
SCRATCH_PY="$WORK/venv/bin/python"
ODOO_SITE=$("$PY" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
SCRATCH_SITE=$("$SCRATCH_PY" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
echo "import site; site.addsitedir('$ODOO_SITE')" > "$SCRATCH_SITE/zz_odoo_venv.pth"
# --no-index: the dependencies must be found among what is installed, nothing is downloaded.
"$SCRATCH_PY" -m pip install --quiet --disable-pip-version-check --no-index "$WHEEL"

say "Asking Odoo where the addon is"
cd "$WORK"
"$SCRATCH_PY" -I - "$ODOO_SRC" "$SCRATCH_SITE" <<'PY'
import os
import sys

import odoo
from odoo.modules.module import get_manifest, get_module_path
from odoo.tools import config

odoo_src, scratch_site = sys.argv[1:]
assert os.path.realpath(odoo.__file__).startswith(os.path.realpath(odoo_src) + os.sep), odoo.__file__
# Odoo's own addons only: the checkout (and its link) is on no addons path.
config.parse_config(["--addons-path", os.path.join(odoo_src, "addons")])
odoo.modules.module.initialize_sys_path()

path = get_module_path("property_service_desk")
expected = os.path.join(scratch_site, "odoo", "addons", "property_service_desk")
assert path and os.path.realpath(path) == os.path.realpath(expected), (path, expected)
assert get_module_path("helpdesk_mgmt"), "helpdesk_mgmt not found"
manifest = get_manifest("property_service_desk")
missing = [
    name
    for name in manifest["data"] + manifest.get("demo", [])
    if not os.path.isfile(os.path.join(path, name))
]
assert not missing, f"files named by the manifest are not in the wheel: {missing}"
print(f"Odoo finds property_service_desk {manifest['version']} at {path}")
print(f"and its dependency helpdesk_mgmt at {get_module_path('helpdesk_mgmt')}")
PY
say "Wheel check passed"
