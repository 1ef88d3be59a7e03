import importlib.util
from pathlib import Path

from ..common import PropertyCase

MIGRATION = Path(__file__).resolve().parents[2] / "migrations" / "18.0.1.4.0" / "pre-migrate.py"
OLD_WORDS = "property_sla_policy|property_ticket_milestone|milestone|sla_"


def _migration():
    spec = importlib.util.spec_from_file_location("promise_rename_migration", MIGRATION)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class TestPromiseNames(PropertyCase):
    """One name for the promise (issue 30): whether installed afresh or upgraded from a version
    that said "SLA policy" and "milestone", the database knows only promises."""

    def test_no_model_field_or_xmlid_keeps_an_old_name(self):
        cr = self.env.cr
        old_models = ("property.sla.policy", "property.ticket.milestone")
        cr.execute("SELECT model FROM ir_model WHERE model IN %s", [old_models])
        self.assertFalse(cr.fetchall())
        cr.execute(
            "SELECT model, name FROM ir_model_fields WHERE model IN %s OR relation IN %s "
            "OR (model LIKE 'property.%%' AND name ~ %s) OR name ~ 'property_kpi_sla'",
            [old_models, old_models, "milestone"],
        )
        self.assertFalse(cr.fetchall())
        cr.execute(
            "SELECT module, name, model FROM ir_model_data "
            "WHERE (module = 'property_service_desk' AND name ~ %s) OR model IN %s",
            [OLD_WORDS, old_models],
        )
        self.assertFalse(cr.fetchall())

    def test_no_table_index_or_constraint_keeps_an_old_name(self):
        cr = self.env.cr
        cr.execute(
            "SELECT relname FROM pg_class WHERE relnamespace = current_schema()::regnamespace "
            "AND relname ~ 'property_sla_policy|property_ticket_milestone'"
        )
        self.assertFalse(cr.fetchall())
        cr.execute(
            "SELECT conname FROM pg_constraint "
            "WHERE conname ~ 'property_sla_policy|property_ticket_milestone'"
        )
        self.assertFalse(cr.fetchall())

    def test_shipped_policies_and_scheduled_action_resolve_to_the_new_model(self):
        relay = self.env.ref("property_service_desk.property_promise_policy_relay")
        self.assertEqual(relay._name, "property.promise.policy")
        self.assertEqual(relay.kind, "relay")
        cron = self.env.ref("property_service_desk.ir_cron_process_due_promises")
        self.assertEqual(cron.model_id.model, "property.promise")

    def test_old_xmlids_map_to_the_ones_a_fresh_install_makes(self):
        renamed = _migration().renamed
        for old, new in [
            ("property_sla_policy_relay", "property_promise_policy_relay"),
            ("model_property_ticket_milestone", "model_property_promise"),
            ("field_property_ticket_milestone__milestone", "field_property_promise__kind"),
            (
                "selection__property_sla_policy__milestone__relay",
                "selection__property_promise_policy__kind__relay",
            ),
            ("field_helpdesk_ticket__milestone_ids", "field_helpdesk_ticket__promise_ids"),
            (
                "field_res_company__property_kpi_sla_target",
                "field_res_company__property_kpi_promise_target",
            ),
            ("ir_cron_process_due_milestones", "ir_cron_process_due_promises"),
            ("property_sla_compliance_menu", "property_promise_compliance_menu"),
        ]:
            self.assertEqual(renamed(old), new)
            self.assertTrue(self.env.ref(f"property_service_desk.{new}"), new)
        self.assertEqual(renamed("property_ticket_milestone_due_idx"), "property_promise_due_idx")

    def test_migration_leaves_a_renamed_database_alone(self):
        counts = self._counts()
        _migration().migrate(self.env.cr, "18.0.1.3.0")
        self.assertEqual(self._counts(), counts)

    def _counts(self):
        return {
            model: self.env[model].with_context(active_test=False).search_count([])
            for model in ("property.promise", "property.promise.policy")
        }
