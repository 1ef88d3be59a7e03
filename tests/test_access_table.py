from importlib.util import module_from_spec, spec_from_file_location
from pathlib import Path

from odoo.tests import BaseCase, tagged

ROOT = Path(__file__).resolve().parent.parent


def _access_table_script():
    spec = spec_from_file_location("access_table", ROOT / "scripts" / "access_table.py")
    module = module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@tagged("post_install", "-at_install")
class TestAccessTable(BaseCase):
    def test_readme_says_who_may_do_what_as_the_access_model(self):
        script = _access_table_script()
        readme = (ROOT / "readme" / "ACCESS.md").read_text(encoding="utf-8")
        self.assertEqual(
            script.readme_section(readme),
            script.render(),
            "readme/ACCESS.md's 'Who may do what' differs from tests/access_model.py: run "
            "python3 scripts/access_table.py --write",
        )

    def test_every_role_and_model_in_the_table(self):
        access_model = _access_table_script().load_access_model()
        for model, grants in access_model.MODEL_ACCESS.items():
            self.assertLessEqual(set(grants), set(access_model.ROLES), model)
            for perms, scope in grants.values():
                self.assertTrue(set(perms) <= set("rcwd"), model)
                self.assertIn(scope, ("all", "estates", "own"), model)
        self.assertIn("helpdesk.ticket", access_model.MODEL_ACCESS)
        self.assertGreaterEqual(len(access_model.rpc_operations()), 150)
