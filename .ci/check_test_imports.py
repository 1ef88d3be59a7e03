"""Fails when a tests/**/test_*.py file is not imported by tests/__init__.py.

Odoo's own test runner (`odoo-bin --test-enable`, what OCA CI runs) only runs the test modules
that the addon's `tests` package imports; pytest-odoo collects every file. A file missing from
tests/__init__.py is therefore silently skipped by one runner and not the other. Likewise Odoo's
runner collects only Odoo test classes (odoo.tests.BaseCase and its subclasses): a plain
unittest.TestCase is refused here too. And every test class runs after the installation
(`post_install`), as pytest-odoo runs them on an installed database: an `at_install` class would run
inside the install transaction, before the demo data is complete, and count differently. No
class leaves the standard selection (`-standard`): Odoo's runner would not count it while
pytest-odoo does; a test run on demand skips itself instead (`unittest.skipUnless`). And no two
test files share a name: `tests/__init__.py` binds each by its name, so one would hide the other.
"""

import ast
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent / "tests"


def imported_modules(init_file):
    """The test modules tests/__init__.py binds, as paths under tests/ without .py
    (`from . import test_x` -> test_x, `from .desk import test_y` -> desk/test_y)."""
    names = set()
    for node in ast.walk(ast.parse(init_file.read_text(), str(init_file))):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            folder = node.module.replace(".", "/") + "/" if node.module else ""
            names.update(folder + alias.name for alias in node.names)
    return names


def plain_unittest_classes(test_file):
    """Classes of the file that derive from unittest.TestCase directly."""
    found = []
    for node in ast.walk(ast.parse(test_file.read_text(), str(test_file))):
        if isinstance(node, ast.ClassDef):
            for base in node.bases:
                if ast.unparse(base) in ("unittest.TestCase", "TestCase", "case.TestCase"):
                    found.append(f"{test_file.name}: {node.name}")
    return found


POST_INSTALL = 'tagged("post_install", "-at_install")'


def is_post_install(decorator):
    """`@tagged(...)` naming both "post_install" and "-at_install" (other tags allowed)."""
    return {"post_install", "-at_install"} <= tags(decorator)


def tags(decorator):
    """The tags of a `@tagged(...)` decorator, else none."""
    if not (isinstance(decorator, ast.Call) and ast.unparse(decorator.func) == "tagged"):
        return set()
    return {arg.value for arg in decorator.args if isinstance(arg, ast.Constant)}


def non_standard_classes(paths):
    """Classes tagged "-standard": outside `--test-tags=/property_service_desk`."""
    return [
        f"{path.name}: {node.name}"
        for path in paths
        for node in ast.walk(ast.parse(path.read_text(), str(path)))
        if isinstance(node, ast.ClassDef)
        and any("-standard" in tags(decorator) for decorator in node.decorator_list)
    ]


def at_install_classes(paths):
    """Test classes that are neither tagged post_install nor derive from a class that is."""
    classes = {}
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.ClassDef):
                tagged = any(is_post_install(d) for d in node.decorator_list)
                bases = [ast.unparse(base).split(".")[-1] for base in node.bases]
                classes[node.name] = (path.name, tagged, bases)

    def post_install(name):
        _file, tagged, bases = classes[name]
        return tagged or any(base in classes and post_install(base) for base in bases)

    return [
        f"{file}: {name}"
        for name, (file, _tagged, _bases) in sorted(classes.items())
        if name.startswith("Test") and not post_install(name)
    ]


def main():
    test_files = sorted(
        str(path.relative_to(TESTS).with_suffix("")) for path in TESTS.rglob("test_*.py")
    )
    plain = [
        found for path in sorted(TESTS.rglob("*.py")) for found in plain_unittest_classes(path)
    ]
    if plain:
        print("Odoo's test runner skips these plain unittest classes (derive from BaseCase):")
        for name in plain:
            print(f"    {name}")
        return 1
    early = at_install_classes(sorted(TESTS.rglob("*.py")))
    if early:
        print(f"These test classes run at install; tag them @{POST_INSTALL}:")
        for name in early:
            print(f"    {name}")
        return 1
    hidden = non_standard_classes(sorted(TESTS.rglob("*.py")))
    if hidden:
        print("Odoo's runner skips these -standard classes, pytest-odoo runs them:")
        for name in hidden:
            print(f"    {name}")
        return 1
    names = [Path(name).name for name in test_files]
    twins = sorted({name for name in names if names.count(name) > 1})
    if twins:
        print(f"Test files of the same name hide each other in tests/__init__.py: {twins}")
        return 1
    missing = sorted(set(test_files) - imported_modules(TESTS / "__init__.py"))
    if missing:
        print(
            "tests/__init__.py does not import these test files, so Odoo's test runner skips them:"
        )
        for name in missing:
            folder, _slash, module = name.rpartition("/")
            print(f"    from .{folder.replace('/', '.')} import {module}")
        return 1
    print(
        f"test imports: all {len(test_files)} tests/**/test_*.py files are imported by "
        "tests/__init__.py"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
