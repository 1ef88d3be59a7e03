"""Every system file the traced run opened comes from a package a fresh machine gets.

Usage: check_system_packages.py TRACE SKIP_PREFIX... -- PACKAGE...
  TRACE        strace output (-f -e trace=open,openat,execve -e status=successful)
  SKIP_PREFIX  folders that are not the system's (the checkout, Odoo, its venv, state, /tmp...)
  PACKAGE      what scripts/bootstrap.sh installs on a fresh machine

The smallest Debian system (debootstrap's minbase, the debian:12 image) has the packages of
priority required; the bootstrap adds its packages and what they depend on (Depends and
Pre-Depends, recursively). A file opened from any other package works here by chance and fails
on a fresh machine: name it and its package.
"""

import os
import re
import subprocess
import sys
from collections import defaultdict

OPENED = re.compile(r'^\d+\s+(?:open|openat|execve)\((?:AT_FDCWD, |\d+<[^>]*>, )?"([^"]+)"')
ALWAYS_SKIPPED = ("/proc/", "/sys/", "/dev/", "/run/", "/tmp/", "/var/tmp/")


def opened_files(trace, skipped):
    files = set()
    with open(trace, errors="replace") as lines:
        for line in lines:
            match = OPENED.match(line)
            if not match or not match.group(1).startswith("/"):
                continue
            path = os.path.normpath(match.group(1))
            if os.path.isdir(path) or path.startswith(skipped):
                continue
            files.add(path)
    return files


def owners(files):
    """{file: package} of the files dpkg knows, asked by path and by real path."""
    found = {}
    names = {path: {path, os.path.realpath(path)} for path in files}
    asked = sorted({name for both in names.values() for name in both})
    owner = {}
    for start in range(0, len(asked), 500):
        out = subprocess.run(
            ["dpkg-query", "-S", *asked[start : start + 500]],
            capture_output=True,
            text=True,
            check=False,
        ).stdout
        for line in out.splitlines():
            packages, _, path = line.partition(": ")
            if path in asked and "diversion" not in packages:
                owner[path] = packages.split(",")[0].split(":")[0].strip()
    for path, both in names.items():
        package = next((owner[name] for name in sorted(both) if name in owner), None)
        if package:
            found[path] = package
    return found


def installed():
    """{package: (priority, [[alternatives of one dependency]...])}, {virtual: [providers]}."""
    out = subprocess.run(
        [
            "dpkg-query",
            "-W",
            "-f=${Package}\t${db:Status-Status}\t${Priority}\t${Pre-Depends}, ${Depends}"
            "\t${Provides}\n",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    packages, provides = {}, defaultdict(list)
    for line in out.splitlines():
        name, status, priority, depends, provided = line.split("\t")
        if status != "installed":
            continue
        alternatives = [
            [re.split(r"[\s:(]", alt.strip())[0] for alt in dep.split("|")]
            for dep in depends.split(",")
            if dep.strip()
        ]
        packages[name] = (priority, alternatives)
        for virtual in provided.split(","):
            if virtual.strip():
                provides[re.split(r"[\s(]", virtual.strip())[0]].append(name)
    return packages, provides


def closure(roots, packages, provides):
    """The roots and what they depend on, as installed here."""
    seen, todo = set(), list(roots)
    while todo:
        name = todo.pop()
        candidates = [name] if name in packages else provides.get(name, [])
        for real in candidates:
            if real in seen:
                continue
            seen.add(real)
            for alternatives in packages[real][1]:
                present = [alt for alt in alternatives if alt in packages or alt in provides]
                todo.extend(present[:1])
    return seen


def main(argv):
    trace, rest = argv[0], argv[1:]
    split = rest.index("--")
    skipped = tuple(p.rstrip("/") + "/" for p in rest[:split] if p) + ALWAYS_SKIPPED
    roots = rest[split + 1 :]
    packages, provides = installed()
    base = [name for name, (priority, _) in packages.items() if priority == "required"]
    allowed = closure(roots + base, packages, provides)
    files = opened_files(trace, skipped)
    found = owners(files)
    missing = defaultdict(list)
    for path, package in found.items():
        if package not in allowed:
            missing[package].append(path)
    used = sorted(set(found.values()))
    print(f"{len(files)} system files opened, from {len(used)} packages: {' '.join(used)}")
    print(f"{len(files) - len(found)} of them belong to no package (caches, generated files)")
    for package, paths in sorted(missing.items()):
        shown = ", ".join(sorted(paths)[:3]) + (" ..." if len(paths) > 3 else "")
        print(f"FAIL: {package} is not installed by scripts/bootstrap.sh: {shown}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
