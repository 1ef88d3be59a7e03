import re
from pathlib import Path

import polib

from odoo.exceptions import ValidationError
from odoo.tools.translate import TranslationModuleReader

from .common import PropertyCase

I18N = Path(__file__).resolve().parent.parent / "i18n"


class TestTranslation(PropertyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        module = cls.env["ir.module.module"].search([("name", "=", "property_service_desk")])
        module._update_translations(["zh_CN"], overwrite=True)
        cls.env_zh = cls.env(context=dict(cls.env.context, lang="zh_CN"))

    def test_selection_labels_in_chinese(self):
        Ticket = self.env_zh["helpdesk.ticket"]
        labels = dict(Ticket._fields["request_kind"]._description_selection(self.env_zh))
        self.assertEqual(labels["repair"], "报修")
        self.assertEqual(labels["complaint"], "投诉")
        labels = dict(Ticket._fields["urgency"]._description_selection(self.env_zh))
        self.assertEqual(labels["urgent"], "紧急")

    def test_records_and_menus_in_chinese(self):
        self.assertEqual(self.env_zh.ref("property_service_desk.property_estate_menu").name, "项目")
        self.assertEqual(
            self.env_zh.ref("property_service_desk.helpdesk_ticket_stage_declined").name, "婉拒"
        )

    def test_error_message_in_chinese(self):
        with self.assertRefused(ValidationError, "不属于"):
            self.env_zh["helpdesk.ticket"].create(
                {
                    "name": "x",
                    "description": "<p>x</p>",
                    "estate_id": self.estate_a.id,
                    "unit_id": self.unit_b.id,
                }
            )

    def test_po_is_complete_and_current(self):
        pot = polib.pofile(str(I18N / "property_service_desk.pot"))
        po = polib.pofile(str(I18N / "zh_CN.po"))
        # An empty msgstr is how OCA's po format says "the same in Chinese" (codes, units and the
        # Chinese titles of the registers); an English phrase left empty is untranslated.
        untranslated = [
            entry.msgid
            for entry in po
            if not entry.msgstr and not entry.obsolete and re.search("[a-z]{2,}", entry.msgid)
        ]
        self.assertFalse(untranslated, "zh_CN.po has untranslated terms")
        translated = {entry.msgid for entry in po}
        self.assertFalse(
            {e.msgid for e in pot} - translated, "terms of the .pot missing in zh_CN.po"
        )
        reader = TranslationModuleReader(self.env.cr, modules=["property_service_desk"])
        current = {source for _m, _t, _n, _r, source, _v, _c in reader}
        self.assertFalse(current - {e.msgid for e in pot}, "the .pot is older than the code")
