from odoo.tests import tagged

from ...models.core.res_company import COMPANY_DEFAULT_MODELS
from ..common import PropertyCase


@tagged("post_install", "-at_install")
class TestCompanyDefaults(PropertyCase):
    """A new company gets its own copy of the shipped policies and rules (issue 14, point 13)."""

    def shipped(self, model):
        data = self.env["ir.model.data"].search(
            [("module", "=", "property_service_desk"), ("model", "=", model)]
        )
        return self.env[model].with_context(active_test=False).browse(data.mapped("res_id"))

    def of_company(self, model, company):
        return (
            self.env[model]
            .with_context(active_test=False)
            .search([("company_id", "=", company.id)])
        )

    def new_company(self, name="Second Property Co."):
        return self.env["res.company"].create({"name": name})

    def test_a_new_company_gets_every_default_policy_and_rule(self):
        company = self.new_company()
        for model in COMPANY_DEFAULT_MODELS:
            shipped = self.shipped(model)
            copies = self.of_company(model, company)
            self.assertTrue(shipped, model)
            self.assertEqual(len(copies), len(shipped), model)
            key = "keyword" if model == "property.request.keyword" else "name"
            self.assertEqual(sorted(copies.mapped(key)), sorted(shipped.mapped(key)), model)
            # Archived alternatives stay archived in the copy.
            self.assertEqual(
                sorted(copies.mapped("active")), sorted(shipped.mapped("active")), model
            )

    def test_a_company_created_by_the_administrator_gets_them_too(self):
        admin = self.env.ref("base.user_admin")
        company = self.env["res.company"].with_user(admin).create({"name": "Third Property Co."})
        for model in COMPANY_DEFAULT_MODELS:
            self.assertEqual(len(self.of_company(model, company)), len(self.shipped(model)), model)

    def test_the_copies_are_the_company_s_own(self):
        company = self.new_company()
        keyword = self.of_company("property.request.keyword", company).filtered(
            lambda k: k.keyword == "漏水"
        )
        self.assertEqual(keyword.request_kind, "repair")
        keyword.request_kind = "complaint"
        Keyword = self.env["property.request.keyword"]
        self.assertEqual(Keyword._guess_kind("厨房漏水", company), "complaint")
        self.assertEqual(Keyword._guess_kind("厨房漏水", self.env.company), "repair")
        shipped_keyword = self.env.ref("property_service_desk.property_request_keyword_leak_zh")
        self.assertEqual(shipped_keyword.company_id, self.env.ref("base.main_company"))

    def test_the_rules_of_a_new_company_classify_its_complaints(self):
        company = self.new_company()
        rules = self.env["property.complaint.severity.rule"].search(
            [("company_id", "=", company.id)]
        )
        ticket = self.env["helpdesk.ticket"].new(
            {"company_id": company.id, "beyond_estate_authority": True, "name": "x"}
        )
        self.assertEqual(rules._severity_for(ticket), "general")
        main_rules = self.env["property.complaint.severity.rule"].search(
            [("company_id", "=", self.env.company.id)]
        )
        self.assertEqual(main_rules._severity_for(ticket), "minor")

    def test_existing_companies_get_the_defaults_at_update_once(self):
        company = self.new_company()
        # A company made before the defaults were shipped: no copies, nothing recorded.
        for model in COMPANY_DEFAULT_MODELS:
            self.of_company(model, company).unlink()
        company.property_copied_defaults = False
        self.env["res.company"]._property_copy_default_rules_everywhere()
        copies = self.of_company("property.complaint.severity.rule", company)
        self.assertEqual(len(copies), len(self.shipped("property.complaint.severity.rule")))
        # Again: nothing doubles, and a copy deleted on purpose is not made again.
        copies[0].unlink()
        self.env["res.company"]._property_copy_default_rules_everywhere()
        self.assertEqual(
            len(self.of_company("property.complaint.severity.rule", company)), len(copies) - 1
        )

    def test_a_keyword_the_company_already_has_is_not_copied_again(self):
        company = self.new_company()
        for model in COMPANY_DEFAULT_MODELS:
            self.of_company(model, company).unlink()
        company.property_copied_defaults = False
        own = self.env["property.request.keyword"].create(
            {"keyword": "漏水", "request_kind": "repair", "company_id": company.id}
        )
        self.env["res.company"]._property_copy_default_rules_everywhere()
        leaks = self.of_company("property.request.keyword", company).filtered(
            lambda k: k.keyword == "漏水"
        )
        self.assertEqual(leaks, own)

    def test_an_update_copies_nothing_into_the_company_that_owns_the_defaults(self):
        main = self.env.ref("base.main_company")
        before = {m: len(self.of_company(m, main)) for m in COMPANY_DEFAULT_MODELS}
        self.env["res.company"]._property_copy_default_rules_everywhere()
        self.assertEqual({m: len(self.of_company(m, main)) for m in COMPANY_DEFAULT_MODELS}, before)
