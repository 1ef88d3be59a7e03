from lxml import etree

from odoo import fields
from odoo.exceptions import UserError

from ..common import ServiceDeskCase
from ..repairs.test_work_order import WorkOrderCase


class TestBackOfficeJourneys(WorkOrderCase):
    """Defects met walking the back office's daily journeys (issue #25)."""

    def test_material_picker_offers_the_repair_catalogue_only(self):
        repair = self.env.ref("property_service_desk.product_category_repair")
        catalogue_item = self.env["product.product"].create(
            {"name": "Angle valve DN15", "type": "consu", "categ_id": repair.id}
        )
        furniture = self.env["product.product"].create({"name": "Office Chair", "type": "consu"})
        Line = self.env["property.work.order.line"].with_user(self.technician)
        domain = Line.fields_get(["product_id"])["product_id"]["domain"]
        offered = self.env["product.product"].search(domain)
        self.assertIn(catalogue_item, offered)
        self.assertNotIn(furniture, offered)
        # What the picker's search answers, as the web client asks it.
        names = [
            name
            for _id, name in Line.product_id.with_user(self.technician).name_search(
                "", domain, limit=None
            )
        ]
        self.assertNotIn("Office Chair", names)

    def test_finish_step_in_plain_sight_on_the_phone_form(self):
        """On a phone Odoo folds the header's buttons into the gear menu, where "Done" read as
        the status's own name: the technician's next steps are in the sheet, primary."""
        Order = self.env["property.work.order"].with_user(self.technician)
        arch = Order.get_views([(False, "form")])["views"]["form"]["arch"]
        form = etree.fromstring(arch)
        for step in ("action_check_in", "action_done", "action_sign"):
            with self.subTest(step=step):
                buttons = form.xpath(f"//sheet//button[@name='{step}']")
                self.assertTrue(buttons, f"{step} is only in the header")
                self.assertIn("btn-primary", buttons[0].get("class"))
        labels = dict(Order._fields["state"]._description_selection(self.env))
        for button in form.xpath("//button[@name='action_done']"):
            self.assertNotEqual(button.get("string"), labels["done"])

    def test_print_window_says_what_is_missing(self):
        Wizard = self.env["property.register.wizard"].with_user(self.agent_a)
        wizard = Wizard.create({"register": "property_service_desk.report_business_monthly_action"})
        self.assertEqual(wizard.estate_ids, self.estate_a, "by default the estates one works for")
        wizard.estate_ids = False
        with self.assertRefused(UserError, "Choose the estates"):
            wizard.action_print()

    def test_business_report_counts_unclassified_causes_and_keeps_headers(self):
        """ "Top causes" was empty: complaints are classified by cause only under the cause
        scheme, and the unclassified ones were left out."""
        complaint = self.complaint()
        Report = self.env["report.property_service_desk.report_business_monthly"]
        month = fields.Date.to_string(complaint.received_at.date())
        values = Report._get_report_values(self.estate_a.ids, {"month": month})
        self.assertEqual(values["current"]["by_cause"], {False: 1})
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(
                "property_service_desk.report_business_monthly_action",
                self.estate_a.ids,
                data={"month": month},
            )[0]
            .decode()
        )
        self.assertIn("Not classified", html)
        self.assertIn("thead { display: table-header-group; }", html)


class TestNoEnglishOnChineseScreens(ServiceDeskCase):
    """Words a Chinese user met in English in the back office (issue #25)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env_zh = cls.env(context=dict(cls.env.context, lang="zh_CN"))

    def test_callback_and_promise_names_in_the_readers_language(self):
        """ "HT00013 / First" was stored in the language of whoever (a scheduled job) made the
        callback, and a new one read "False / First"."""
        ticket = self._ticket(unit_id=self.unit_a.id, request_kind="repair")
        callback = self.env["property.callback"].create(
            {"ticket_id": ticket.id, "due_date": fields.Date.today()}
        )
        self.assertEqual(callback.with_env(self.env_zh).name, f"{ticket.number} / 首次")
        self.assertEqual(callback.name, f"{ticket.number} / First")
        Callback = self.env_zh["property.callback"]
        self.assertEqual(Callback.search([("name", "=", callback.name)]), callback)
        self.assertEqual(Callback.new({"sequence": "first"}).name, "首次")
        promise = self.env_zh["property.promise"].new({"kind": "response"})
        self.assertNotIn("False", promise.display_name)

    def test_scheduled_jobs_write_in_their_users_language(self):
        bot = self.env.ref("base.user_root")
        bot.lang = "zh_CN"
        cron = self.env["ir.cron"].create(
            {
                "name": "Language probe",
                "model_id": self.env.ref("base.model_res_partner").id,
                "state": "code",
                "code": "model.create({'name': 'probe %s' % env.lang})",
                "user_id": bot.id,
            }
        )
        cron.with_user(bot).with_context(lang=None)._callback(
            cron.cron_name, cron.ir_actions_server_id.id
        )
        self.assertTrue(self.env["res.partner"].search([("name", "=", "probe zh_CN")]))

    def test_kpi_hours_in_the_users_words(self):
        Kpi = self.env_zh["property.kpi.monthly"]
        cards = Kpi.get_dashboard()["kpis"]
        units = {card["key"]: card["unit_label"] for card in cards}
        self.assertEqual(units["first_response"], "小时")
