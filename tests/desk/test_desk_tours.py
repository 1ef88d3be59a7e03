"""The daily journeys of the desk roles, walked in the screens at desktop width (issue #25):
service agent, engineering lead, service-centre GM and administrator."""

from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged

from ..common import QUIET

GROUPS = "base.group_user,property_service_desk.group_property_"


class DeskTourCase(HttpCase):
    # Wide enough for every section of the service desk's menu bar.
    browser_size = "1920x1080"

    def setUp(self):
        super().setUp()
        self.env = self.env(context=dict(self.env.context, **QUIET))
        self.env.company.helpdesk_mgmt_ticket_auto_assign = False

    def user(self, login, role, name=None):
        return new_test_user(
            self.env,
            login=login,
            password=login,
            name=name or login,
            lang="zh_CN",
            groups=GROUPS + role,
        )

    def estate(self, name, code, members, **vals):
        estate = self.env["property.estate"].create(
            dict(vals, name=name, code=code, member_ids=[(6, 0, members.ids)])
        )
        building = self.env["property.building"].create({"name": "2栋", "estate_id": estate.id})
        return estate, building

    def unit(self, building, number, owner_name):
        owner = self.env["res.partner"].create({"name": owner_name})
        return self.env["property.unit"].create(
            {"name": number, "building_id": building.id, "owner_id": owner.id}
        )

    def request(self, unit, name, **vals):
        return self.env["helpdesk.ticket"].create(
            dict(
                vals,
                name=name,
                description="<p>x</p>",
                unit_id=unit.id,
                partner_id=unit.owner_id.id,
            )
        )


@tagged("post_install", "-at_install")
class TestAgentDeskTour(DeskTourCase):
    """The agent: a phone request for "2栋-402" relayed to its handler; a callback recorded."""

    def test_agent_registers_relays_and_calls_back(self):
        agent = self.user("psd_tour_agent", "agent")
        handler = self.user("psd_tour_handler", "business_manager", name="孙立")
        estate, building = self.estate(
            "Agent Tour Estate",
            "AGTT",
            agent | handler,
            business_manager_ids=[(6, 0, handler.ids)],
        )
        unit = self.unit(building, "402", "周敏")
        finished = self.request(
            self.unit(building, "403", "吴芳"), "门锁坏了", request_kind="repair"
        )
        finished.stage_id = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        callback = finished.callback_ids
        self.assertEqual(len(callback), 1)

        self.start_tour("/odoo/helpdesk-tickets/new", "property_agent_desk_tour", login=agent.login)

        request = self.env["helpdesk.ticket"].search([("unit_id", "=", unit.id)])
        self.assertEqual(len(request), 1)
        self.assertEqual(request.name, "厨房水龙头漏水")
        self.assertEqual(request.request_kind, "repair")
        self.assertEqual(request.estate_id, estate)
        self.assertEqual(request.partner_id, unit.owner_id)
        self.assertEqual(
            request.channel_id, self.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_phone")
        )
        self.assertEqual(request.user_id, handler)
        self.assertTrue(request.assigned_date)
        relay = request.promise_ids.filtered(lambda m: m.kind == "relay")
        self.assertEqual(relay.state, "met")
        self.assertEqual(callback.state, "done")
        self.assertEqual(callback.done_by_id, agent)
        self.assertEqual((callback.method, callback.satisfaction), ("phone", "5"))
        self.assertTrue(callback.phone_attestation)


@tagged("post_install", "-at_install")
class TestEngineeringLeadTour(DeskTourCase):
    """The engineering lead: a new order dispatched to a technician; a common-area repair
    accepted."""

    def test_lead_dispatches_and_accepts(self):
        lead = self.user("psd_tour_el", "engineering_lead")
        technician = self.user("psd_tour_el_tech", "technician", name="陈工")
        estate, _building = self.estate("Lead Tour Estate", "LEDT", lead | technician)
        Order = self.env["property.work.order"]

        def common_repair(name):
            ticket = self.env["helpdesk.ticket"].create(
                {
                    "name": name,
                    "description": "<p>x</p>",
                    "estate_id": estate.id,
                    "area_scope": "common",
                    "request_kind": "repair",
                }
            )
            return Order.create({"ticket_id": ticket.id})

        to_dispatch = common_repair("大堂灯不亮")
        finished = common_repair("电梯厅闭门器")
        finished.technician_ids = technician
        finished.action_dispatch()
        finished.with_user(technician).action_check_in()
        finished.with_user(technician).action_done()
        self.assertEqual(to_dispatch.charge_type, "free")
        self.assertTrue(finished.needs_acceptance)

        self.start_tour(
            "/odoo/work-orders-to-dispatch", "property_engineering_lead_tour", login=lead.login
        )

        self.assertEqual(to_dispatch.state, "dispatched")
        self.assertEqual(to_dispatch.technician_ids, technician)
        self.assertEqual(to_dispatch.dispatched_by_id, lead)
        self.assertEqual(finished.accepted_by_id, lead)
        self.assertTrue(finished.accepted_at)


@tagged("post_install", "-at_install")
class TestCentreManagerTour(DeskTourCase):
    """The service-centre GM: dashboard → the month's complaints → the overdue external one,
    which the GM owns, and its solution."""

    def test_centre_manager_proposes_the_external_complaints_solution(self):
        gm = self.user("psd_tour_gm", "centre_manager", name="郑总")
        estate, building = self.estate(
            "GM Tour Estate", "GMTE", gm, service_centre_manager_id=gm.id
        )
        now = fields.Datetime.now()
        # Overdue (an external complaint's solution is due in 8 h), yet received this month.
        month_start = estate._local_day_bounds(estate._local_date(now).replace(day=1))[0]
        received = max(now - timedelta(hours=10), month_start + timedelta(minutes=1))
        media = self.env.ref("property_service_desk.helpdesk_ticket_channel_external_media")
        external = self.request(
            self.unit(building, "101", "刘洋"),
            "媒体曝光：地库积水",
            request_kind="complaint",
            channel_id=media.id,
            received_at=received,
        )
        self.request(
            self.unit(building, "102", "黄磊"),
            "保安态度差",
            request_kind="complaint",
            received_at=received,
        )
        self.env["property.promise"]._cron_process_due(now=max(now, received + timedelta(hours=9)))
        self.assertTrue(external.has_breach)
        self.assertEqual(external.complaint_owner_id, gm)

        self.start_tour(
            "/odoo/action-property_service_desk.property_kpi_dashboard_action",
            "property_centre_manager_tour",
            login=gm.login,
        )

        self.assertIn("排水泵", external.solution)
        self.assertEqual(external.solution_decision, "pending")
        self.assertTrue(external.solution_proposed_at)
        solution = external.complaint_history_ids.filtered(lambda h: h.change == "solution")
        self.assertEqual(solution.user_id, gm)


@tagged("post_install", "-at_install")
class TestAdminSettingsTour(DeskTourCase):
    """The administrator: a threshold of the service desk's settings; a new estate and its
    time zone."""

    def test_admin_changes_a_threshold_and_creates_an_estate(self):
        admin = new_test_user(
            self.env,
            login="psd_tour_admin",
            password="psd_tour_admin",
            lang="zh_CN",
            groups="base.group_system," + GROUPS + "manager",
        )
        company = self.env.company
        self.assertNotEqual(company.property_request_hourly_limit, 12)

        self.start_tour(
            "/odoo/action-property_service_desk.res_config_settings_action",
            "property_admin_settings_tour",
            login=admin.login,
        )

        self.assertEqual(company.property_request_hourly_limit, 12)
        estate = self.env["property.estate"].search([("code", "=", "CH2")])
        self.assertEqual(estate.name, "翠湖二期")
        self.assertEqual(estate.tz, "Asia/Shanghai")
        self.assertEqual(estate.create_uid, admin)
