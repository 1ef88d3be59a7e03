from freezegun import freeze_time

from ..common import ServiceDeskCase
from ..promises.test_promises import T0, minutes

# Source documents 001 / 003: 重要 (important, the addon's "general") complaints, by their list.
IMPORTANT = {
    "doc_leak": ["楼上卫生间漏水，天花板一直滴", "Water is leaking through my ceiling"],
    "doc_cracked_wall": ["客厅墙体开裂，裂缝越来越大", "A crack in the wall of the bedroom"],
    "doc_lift_stopped": ["3号楼电梯停运两天了", "The lift stopped between floors"],
    "doc_power_cut": ["小区又停电了，没有通知", "Power cut in block 2 since noon"],
    "doc_water_cut": ["停水一整天也不通知", "No water in the kitchen all day"],
    "doc_rude_staff": ["保安态度恶劣，对业主不礼貌", "The receptionist was rude to my mother"],
    "doc_unauthorised_charge": ["维修工擅自收费200元", "The plumber overcharged me"],
    "doc_safety_hazard": ["地下车库消防通道堆物，有安全隐患", "Loose railing is a safety hazard"],
    "doc_promise_not_met": ["保洁效果没有达到承诺的标准", "Cleaning is not as promised"],
    "doc_not_on_time": ["报修三天了迟迟没人来", "Still waiting for the repair after a week"],
}
# 轻微 / 一般: an inconvenience the company can easily improve.
MINOR = ["绿化带的草有点长了", "The hallway light flickers a little"]
MAJOR_RULES = ("repeated", "loss_injury", "month")
DEFAULT_RULES = ("beyond_authority", "lawsuit_risk", "lawsuit_happened", "collective")


@freeze_time(T0)
class TestDocumentSeverityScheme(ServiceDeskCase):
    """The 轻微 / 重要 / 重大 scheme of source documents 001 and 003, with the shipped rules."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Rule = cls.env["property.complaint.severity.rule"].with_context(active_test=False)

    def complaint(self, **vals):
        vals.setdefault("description", "<p>-</p>")
        return super().complaint(**vals)

    def rule(self, name):
        return self.env.ref(f"property_service_desk.property_complaint_severity_rule_{name}")

    def use_document_scheme(self):
        for name in (*IMPORTANT, *MAJOR_RULES):
            self.rule(name).active = True
        for name in DEFAULT_RULES:
            self.rule(name).active = False

    def test_the_document_rules_ship_archived(self):
        for name in (*IMPORTANT, *MAJOR_RULES):
            self.assertFalse(self.rule(name).active, name)
        # Shipped archived, they change nothing: a leak stays minor under the default scheme.
        self.assertEqual(self.complaint(name="楼上漏水").complaint_severity, "minor")

    def test_each_example_of_the_important_list_is_important(self):
        self.use_document_scheme()
        for name, examples in IMPORTANT.items():
            for text in examples:
                with self.subTest(rule=name, text=text):
                    ticket = self.complaint(name=text)
                    self.assertEqual(ticket.complaint_severity, "general")

    def test_words_in_the_description_count_too(self):
        self.use_document_scheme()
        ticket = self.complaint(name="投诉", description="<p>厨房<b>渗水</b>已经一周</p>")
        self.assertEqual(ticket.complaint_severity, "general")

    def test_minor_inconveniences_stay_minor(self):
        self.use_document_scheme()
        for text in MINOR:
            self.assertEqual(self.complaint(name=text).complaint_severity, "minor", text)

    def test_words_match_whole_terms(self):
        """没电 is a power cut, 没电梯 (no lift) is not; a Latin word counts at a word's start."""
        self.use_document_scheme()
        self.assertEqual(
            self.complaint(name="这栋楼没电梯，老人上下楼很累").complaint_severity, "minor"
        )
        self.assertEqual(self.complaint(name="家里没电了").complaint_severity, "general")
        # A longer word left out does not hide the term found elsewhere in the text.
        self.assertEqual(self.complaint(name="没电梯，现在还没电").complaint_severity, "general")
        self.assertEqual(self.complaint(name="A bleak view").complaint_severity, "minor")
        self.assertEqual(self.complaint(name="Pipes leaking").complaint_severity, "general")

    def test_request_keywords_match_whole_terms(self):
        Keyword = self.env["property.request.keyword"]
        Keyword.create({"keyword": "没电", "request_kind": "repair", "longer_terms": "没电梯"})
        Keyword.create({"keyword": "lift", "request_kind": "consultation"})
        self.assertEqual(Keyword._guess_kind("厨房没电"), "repair")
        self.assertFalse(Keyword._guess_kind("没电梯"))
        self.assertFalse(Keyword._guess_kind("shoplifting"))
        self.assertEqual(Keyword._guess_kind("lifts"), "consultation")

    def test_the_major_list(self):
        self.use_document_scheme()
        self.assertEqual(self.complaint(repeat_complaint_count=3).complaint_severity, "major")
        self.assertEqual(self.complaint(caused_loss_or_injury=True).complaint_severity, "major")
        old = self.complaint(name="门禁卡失灵", received_at=minutes(-40 * 24 * 60))
        self.assertEqual(old.complaint_severity, "major")
        # 重大 wins over 重要 when both apply.
        both = self.complaint(name="电梯停运", caused_loss_or_injury=True)
        self.assertEqual(both.complaint_severity, "major")

    def test_rewording_a_complaint_re_applies_the_rules(self):
        self.use_document_scheme()
        ticket = self.complaint(name="Noise at night")
        self.assertEqual(ticket.complaint_severity, "minor")
        ticket.description = "<p>And since Monday there is a power cut every evening.</p>"
        self.assertEqual(ticket.complaint_severity, "general")

    def test_keywords_and_filter_must_both_match(self):
        rule = self.Rule.create(
            {
                "name": "Leak in a common area",
                "severity": "major",
                "keywords": "漏水，leak",
                "domain": "[('area_scope', '=', 'common')]",
            }
        )
        self.assertEqual(rule._keyword_list(), ["漏水", "leak"])
        self.assertEqual(
            self.complaint(name="Leak", area_scope="private").complaint_severity, "minor"
        )
        self.assertEqual(
            self.complaint(name="Leak", area_scope="common").complaint_severity, "major"
        )
