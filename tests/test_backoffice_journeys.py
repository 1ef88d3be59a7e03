from lxml import etree

from .test_work_order import WorkOrderCase


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
