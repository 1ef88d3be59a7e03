"""Odoo's own runner (scripts/test_odoo_runner.sh) and pytest-odoo (scripts/test.sh) run the same
tests: Odoo's loader takes only the test methods a class defines itself (unless the class allows
inherited ones), where pytest takes every test method a TestCase class has, inherited or not."""

import unittest

from odoo.tests import TransactionCase, loader, tagged


@tagged("post_install", "-at_install")
class TestRunnerParity(TransactionCase):
    def test_odoo_runner_takes_every_test_pytest_takes(self):
        modules = loader.get_test_modules("property_service_desk")
        odoo = {
            f"{type(test).__name__}.{test._testMethodName}"
            for module in modules
            for test in loader.get_module_test_cases(module)
        }
        pytest = {
            f"{cls.__name__}.{name}"
            for module in modules
            for cls in vars(module).values()
            if isinstance(cls, type)
            and issubclass(cls, unittest.TestCase)
            and cls.__module__ == module.__name__
            for name in unittest.TestLoader().getTestCaseNames(cls)
        }
        self.assertEqual(sorted(pytest - odoo), [], "Odoo's runner would skip these")
        self.assertEqual(sorted(odoo - pytest), [], "pytest would skip these")
