"""Every term a Chinese user sees on the request screens is Chinese, helpdesk_mgmt's included."""

import re

from lxml import etree, html

from odoo.tests import HttpCase, TransactionCase, new_test_user, tagged

# Latin words a Chinese screen may show: names and units, not terms. "Copyright" is the web
# footer's own choice in Odoo's zh_CN.po ("Copyright &copy;" kept as is).
ALLOWED_WORDS = {"odoo", "pdf", "mb", "kb", "copyright"}
# Stripped before looking for words: addresses, links and record numbers are data.
DATA_PATTERNS = (
    re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+"),
    re.compile(r"https?://\S+"),
    re.compile(r"\{\{.*?\}\}"),
    re.compile(r"\b[A-Z]{1,6}[-/]?\d[\w/-]*"),
)
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
# Attributes of a view whose value the user reads.
VISIBLE_ATTRIBUTES = ("string", "placeholder", "help", "title", "confirm", "sum", "aria-label")


def english_words(texts):
    """The Latin words left in `texts` once data (e-mails, links, numbers, template
    expressions) is taken out, each with the text it was found in."""
    found = {}
    for text in texts:
        cleaned = text or ""
        for pattern in DATA_PATTERNS:
            cleaned = pattern.sub(" ", cleaned)
        for word in LATIN_WORD.findall(cleaned):
            if word.lower() not in ALLOWED_WORDS:
                found.setdefault(word, text.strip()[:80])
    return found


def load_chinese(env):
    env["res.lang"]._activate_lang("zh_CN")
    env["ir.module.module"].search(
        [("name", "in", ("helpdesk_mgmt", "property_service_desk"))]
    )._update_translations(["zh_CN"])


@tagged("post_install", "-at_install")
class TestChineseDesk(TransactionCase):
    """A Chinese agent's request list, form, search, menus: no English left."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_chinese(cls.env)
        cls.agent = new_test_user(
            cls.env,
            login="psd_zh_agent",
            name="李静",
            groups="base.group_user,property_service_desk.group_property_agent",
            lang="zh_CN",
            tz="Asia/Shanghai",
        )
        cls.env_zh = cls.env(user=cls.agent, context={"lang": "zh_CN"})

    def _visible_view_texts(self, arch):
        tree = etree.fromstring(arch)
        texts = [tree.get(attr) for attr in VISIBLE_ATTRIBUTES]
        for node in tree.iter():
            if not isinstance(node.tag, str) or node.tag in ("field", "attribute"):
                texts += [node.tail]
                texts += [node.get(attr) for attr in VISIBLE_ATTRIBUTES]
                continue
            texts += [node.text, node.tail] + [node.get(a) for a in VISIBLE_ATTRIBUTES]
        return texts

    def _field_texts(self, model, arch):
        names = set(etree.fromstring(arch).xpath("//field/@name"))
        fields = self.env_zh[model].fields_get(list(names), ["string", "selection"])
        texts = []
        for description in fields.values():
            texts.append(description.get("string"))
            texts += [label for _value, label in description.get("selection") or []]
        return texts

    def test_request_views_in_chinese(self):
        action = self.env.ref("helpdesk_mgmt.helpdesk_ticket_action")
        views = self.env_zh["helpdesk.ticket"].get_views(
            [(False, "list"), (False, "form"), (False, "search"), (False, "kanban")]
        )
        untranslated, shown = {}, []
        for view_type, view in views["views"].items():
            texts = self._visible_view_texts(view["arch"])
            texts += self._field_texts("helpdesk.ticket", view["arch"])
            shown += [text for text in texts if text]
            if words := english_words(texts):
                untranslated[view_type] = words
        # helpdesk_mgmt's own labels were read, and are Chinese.
        for label in ("负责人", "优先级", "阶段", "渠道", "类别", "高"):
            self.assertIn(label, shown)
        if words := english_words([action.with_context(lang="zh_CN").name]):
            untranslated["action"] = words
        self.assertFalse(untranslated, "English words left on the request screens")

    def test_stages_channels_and_categories_in_chinese(self):
        records = (
            self.env_zh["helpdesk.ticket.stage"].search([]),
            self.env_zh["helpdesk.ticket.channel"].search([]),
            self.env_zh["helpdesk.ticket.category"].search([]),
            self.env_zh["helpdesk.ticket.team"].search([]),
        )
        names = [name for recordset in records for name in recordset.mapped("name")]
        self.assertFalse(english_words(names), "English stage/channel/category/team names")
        stage_new = self.env_zh.ref("helpdesk_mgmt.helpdesk_ticket_stage_new")
        self.assertEqual(stage_new.name, "新建")

    def test_menus_in_chinese(self):
        menus = self.env_zh["ir.ui.menu"].load_menus(debug=False)
        names = [menu["name"] for key, menu in menus.items() if key != "root"]
        self.assertIn("需求", names)
        self.assertFalse(english_words(names), "English menus for a Chinese agent")

    def test_mail_templates_in_chinese(self):
        templates = self.env_zh["mail.template"].search([("model", "=", "helpdesk.ticket")])
        texts = templates.mapped("subject")
        for body in templates.mapped("body_html"):
            texts.append(html.fromstring(body or "<p/>").text_content())
        self.assertFalse(english_words(texts), "English in the request e-mails")

    def test_code_terms_of_helpdesk_mgmt_in_chinese(self):
        # helpdesk_mgmt's controller labels are looked up in helpdesk_mgmt's own po files.
        from odoo.tools.translate import code_translations

        terms = code_translations.get_python_translations("helpdesk_mgmt", "zh_CN")
        self.assertEqual(terms.get("Newest"), "最新")
        self.assertEqual(terms.get("Search in Title"), "搜索标题")
        # Its portal form's JavaScript message, served to the portal pages.
        self.assertIn("helpdesk_mgmt", self.env["ir.http"]._get_translation_frontend_modules_name())
        web_terms = code_translations.get_web_translations("helpdesk_mgmt", "zh_CN")
        self.assertIn(
            "所选文件（%sB）超过允许的最大文件大小（%sB）。",
            {message["string"] for message in web_terms["messages"]},
        )


@tagged("post_install", "-at_install")
class TestChinesePortal(HttpCase):
    """The Chinese demo owner's portal pages: list, request page, new-request form."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.owner_user = cls.env.ref(
            "property_service_desk.res_users_demo_portal_owner", raise_if_not_found=False
        )
        if not cls.owner_user:
            return
        load_chinese(cls.env)
        cls.owner_user.lang = "zh_CN"

    def setUp(self):
        super().setUp()
        if not self.owner_user:
            self.skipTest("installed without demo data")
        self.authenticate("owner", "owner")

    def _page_words(self, url):
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200, url)
        tree = html.fromstring(response.text)
        for node in tree.xpath("//script | //style | //noscript | //head"):
            node.drop_tree()
        texts = tree.xpath("//body//text()")
        texts += tree.xpath("//body//@placeholder | //body//@title | //body//@aria-label")
        texts += tree.xpath("//body//input[@type='submit']/@value")
        return english_words(texts)

    def test_portal_list_in_chinese(self):
        self.assertFalse(self._page_words("/my/tickets"), "English on the owner's request list")

    def test_portal_request_page_in_chinese(self):
        ticket = self.env.ref("property_service_desk.helpdesk_ticket_demo_owner_complaint")
        self.assertFalse(
            self._page_words(f"/my/ticket/{ticket.id}"), "English on the owner's request page"
        )

    def test_portal_new_request_form_in_chinese(self):
        self.assertFalse(self._page_words("/new/ticket"), "English on the new-request form")

    def test_portal_home_in_chinese(self):
        self.assertFalse(self._page_words("/my"), "English on the owner's portal home")
