"""One estate clock (SPEC §9, issue 27): an estate's visible time zone is the one clock of its days,
months, deadlines and due dates, whatever the server's or the job user's zone."""

import os
import time
from contextlib import contextmanager
from datetime import date, datetime

from freezegun import freeze_time

from ..common import PropertyCase
from ..unit_life.test_key import KeyCase
from ..unit_life.test_lending import LendingCase

# 18:14 UTC on 7 December is 02:14 on 8 December in Beijing, 10:14 on 7 December in Los Angeles.
NOW = datetime(2026, 12, 7, 18, 14)
BEIJING_DAY = date(2026, 12, 8)


@contextmanager
def server_and_user_in(env, zone):
    """The server process (TZ, time.tzset) and the user running the job in `zone`."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = zone
    time.tzset()
    env.user.tz = zone
    try:
        yield env(context=dict(env.context, tz=zone))
    finally:
        if before is None:
            os.environ.pop("TZ")
        else:
            os.environ["TZ"] = before
        time.tzset()


class TestEstateZone(PropertyCase):
    def test_an_estate_takes_its_company_zone_by_default(self):
        Estate = self.env["property.estate"]
        self.assertEqual(self.estate_a.tz, "Asia/Shanghai", "a company in China")
        self.company.partner_id.tz = "Asia/Urumqi"
        self.assertEqual(Estate.create({"name": "West", "code": "W"}).tz, "Asia/Urumqi")
        self.company.partner_id.tz = False
        self.company.country_id = self.env.ref("base.us")
        self.assertEqual(Estate.create({"name": "NY", "code": "NY"}).tz, "America/New_York")

    def test_the_zone_is_required_and_on_the_form(self):
        self.assertTrue(self.env["property.estate"]._fields["tz"].required)
        arch = self.env["property.estate"].get_view(view_type="form")["arch"]
        self.assertIn('name="tz"', arch)

    def test_calendar_hours_are_read_in_the_estate_zone(self):
        """A calendar created in UTC still means 8:00-17:00 Beijing time for a Beijing estate."""
        calendar = self.env["resource.calendar"].create({"name": "Made in UTC", "tz": "UTC"})
        self.estate_a.resource_calendar_id = calendar
        monday_10h_beijing = datetime(2026, 11, 23, 2, 0)
        end = self.estate_a._working_calendar()._property_working_days_end(monday_10h_beijing, 1)
        self.assertEqual(end, datetime(2026, 11, 24, 9, 0), "Tuesday 17:00 in Beijing")
        planned = self.estate_a._working_calendar().plan_hours(
            1, monday_10h_beijing, compute_leaves=True
        )
        self.assertEqual(planned, datetime(2026, 11, 23, 3, 0), "11:00 in Beijing")


class TestJobsKeepBeijingDays(KeyCase):
    """The scheduled jobs and the reports give Beijing dates with the server and the job's user
    in UTC or in Los Angeles."""

    def _run_everything(self, zone):
        with freeze_time(datetime(2026, 12, 7, 3, 0)):  # 11:00 in Beijing
            log = self.hand_out()
            ticket = self._ticket(unit_id=self.unit_a.id, received_at=datetime(2026, 12, 7, 3, 0))
        ticket.user_id = self.agent_a
        with freeze_time(NOW), server_and_user_in(self.env, zone) as env:
            env["property.promise"]._cron_process_due(now=NOW)
            env["property.key.log"]._cron_flag_not_back(now=NOW)
            env["property.evaluation.campaign"]._cron_run(
                now=datetime(2026, 12, 31, 18, 0)  # 02:00 on 1 January 2027 in Beijing
            )
            wizard = env["property.register.wizard"].create({"estate_ids": self.estate_a.ids})
            register_days = (wizard.date_from, wizard.date_to)
        breach = self.env.ref("property_service_desk.mail_activity_type_service_breach")
        not_back = self.env.ref("property_service_desk.mail_activity_type_key_not_back")
        campaign = self.env["property.evaluation.campaign"].search(
            [("estate_id", "=", self.estate_a.id)]
        )
        return {
            "breach": set(
                ticket.activity_ids.filtered(lambda a: a.activity_type_id == breach).mapped(
                    "date_deadline"
                )
            ),
            "key": self.key_set.activity_ids.filtered(
                lambda a: a.activity_type_id == not_back
            ).date_deadline,
            "key_flagged": bool(log.overdue_flagged_at),
            "key_note": str(
                self.key_set.activity_ids.filtered(lambda a: a.activity_type_id == not_back).note
            ),
            "campaign": (campaign.year, campaign.quarter),
            "register": register_days,
        }

    def _expect(self, found):
        self.assertEqual(found["breach"], {BEIJING_DAY})
        self.assertTrue(found["key_flagged"], "out on the 7th, not back on the 8th in Beijing")
        self.assertEqual(found["key"], BEIJING_DAY)
        self.assertIn("2026-12-07 11:00 (Beijing time)", found["key_note"], "written for people")
        self.assertEqual(found["campaign"], (2027, "1"))
        self.assertEqual(found["register"], (date(2026, 12, 1), BEIJING_DAY))

    def test_server_and_cron_user_in_utc(self):
        self._expect(self._run_everything("UTC"))

    def test_server_and_cron_user_in_los_angeles(self):
        self._expect(self._run_everything("America/Los_Angeles"))


class TestTimesWrittenForPeople(PropertyCase):
    """Times written for people are the estate's, and say so, whoever writes or prints them."""

    def test_a_moment_is_written_in_the_estate_zone_and_names_it(self):
        self.assertEqual(self.estate_a._format_local(NOW), "2026-12-08 02:14 (Beijing time)")
        self.env["res.lang"]._activate_lang("zh_CN")
        chinese = self.estate_a.with_context(lang="zh_CN")
        self.assertEqual(chinese._format_local(NOW), "2026-12-08 02:14 (北京时间)")
        self.estate_b.tz = "Europe/Paris"
        self.assertEqual(self.estate_b._format_local(NOW), "2026-12-07 19:14 (Europe/Paris)")

    @freeze_time(datetime(2026, 12, 7, 19, 0))
    def test_a_printed_register_shows_beijing_time_to_every_reader(self):
        ticket = self._ticket(unit_id=self.unit_a.id, received_at=NOW)
        report = "property_service_desk.helpdesk_ticket_report_request_register"
        printed = []
        for zone in ("Europe/Brussels", "America/Los_Angeles"):
            reader = self._user(f"psd_reader_{zone[:6].lower()}", "group_property_agent", tz=zone)
            self.estate_a.member_ids = [(4, reader.id)]
            html = (
                self.env["ir.actions.report"]
                .with_user(reader)
                .with_context(tz=zone)
                ._render_qweb_html(report, ticket.ids)[0]
                .decode()
            )
            printed.append(html)
        for html in printed:
            self.assertIn("2026-12-08 02:14", html)
            self.assertIn("Beijing time", html)


class TestAmountInWords(PropertyCase):
    def test_yuan_in_chinese_capitals_other_currencies_in_words(self):
        cny = self.env.ref("base.CNY")
        self.assertEqual(cny._property_amount_in_words(2070), "人民币贰仟零柒拾元整")
        self.assertEqual(cny._property_amount_in_words(1000000.01), "人民币壹佰万元零壹分")
        self.assertEqual(cny._property_amount_in_words(0.5), "人民币伍角")
        usd = self.env.ref("base.USD")
        self.assertIn("Thousand", usd.with_context(lang="en_US")._property_amount_in_words(2070))


class TestNewPeopleGetTheEstateSettings(PropertyCase):
    def test_an_owner_created_from_a_unit_speaks_chinese_on_the_estate_clock(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.estate_a.tz = "Asia/Urumqi"
        Partner = self.env["res.partner"].with_context(lang="en_US")
        owner = Partner.with_context(property_estate_id=self.estate_a.id).create({"name": "孙伟"})
        self.assertEqual((owner.tz, owner.lang), ("Asia/Urumqi", "zh_CN"))
        elsewhere = Partner.create({"name": "Someone"})
        self.assertNotEqual(elsewhere.tz, "Asia/Urumqi", "outside an estate: Odoo's defaults")


class TestChineseDatesOnPapers(PropertyCase):
    def test_a_day_on_a_chinese_paper_reads_as_chinese_offices_write_it(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        campaign = self.env["property.evaluation.campaign"].create(
            {"estate_id": self.estate_a.id, "year": 2026, "quarter": "4"}
        )
        campaign.issue_date = date(2026, 12, 7)
        html = (
            self.env["ir.actions.report"]
            .with_context(lang="zh_CN")
            ._render_qweb_html(
                "property_service_desk.report_register_evaluation_summary", campaign.ids
            )[0]
            .decode()
        )
        self.assertIn("2026年12月7日", html)
        Date = self.env["ir.qweb.field.date"].with_context(lang="zh_CN")
        self.assertEqual(
            Date.value_to_html(date(2026, 12, 7), {}), "2026年12月07日", "screens: the language's"
        )


class TestReceiptsInWords(LendingCase):
    def test_the_receipt_writes_the_amount_in_words_and_leaves_room_for_the_seal(self):
        service = self.service()
        service.with_user(self.agent_a).action_charge()
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("property_service_desk.report_convenience_receipt", service.ids)[0]
            .decode()
        )
        words = service.currency_id._property_amount_in_words(service.amount_total)
        self.assertTrue(words)
        self.assertIn(words, html)
        self.assertIn("盖章", html)

    @freeze_time(datetime(2026, 12, 7, 18, 14))
    def test_a_chinese_receipt_dates_its_charge_in_chinese_on_beijing_time(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        service = self.service()
        service.with_user(self.agent_a).action_charge()
        html = (
            self.env["ir.actions.report"]
            .with_context(lang="zh_CN")
            ._render_qweb_html("property_service_desk.report_convenience_receipt", service.ids)[0]
            .decode()
        )
        self.assertIn("2026年12月8日 02:14", html)
        self.assertIn("北京时间", html, "the paper names its zone")
