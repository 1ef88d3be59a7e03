import random
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools import html2plaintext

HISTORY_MONTHS = 12
# Requests per month and estate, before the seasonal swing.
MONTHLY_REQUESTS = {"property_estate_demo_cuihu": 14, "property_estate_demo_jinxiu": 5}
# (kind, area, weight, handler xmlid, titles)
KIND_PLAN = [
    (
        "repair",
        "private",
        30,
        "res_users_demo_technician",
        [
            "厨房水龙头漏水",
            "卫生间地漏堵塞",
            "入户门锁损坏",
            "阳台排水管渗水",
            "热水器无法点火",
            "卧室插座无电",
            "马桶水箱漏水",
            "窗户密封条老化漏风",
        ],
    ),
    (
        "repair",
        "common",
        12,
        "res_users_demo_engineering_lead",
        [
            "楼道感应灯不亮",
            "单元门闭门器损坏",
            "地下车库排水沟堵塞",
            "电梯按钮失灵",
            "消防通道应急灯故障",
        ],
    ),
    (
        "basic",
        "common",
        14,
        "res_users_demo_agent",
        [
            "楼道杂物堆放清理",
            "绿化带修剪",
            "垃圾桶满溢清运",
            "门禁卡补办",
            "小区道路积水清扫",
        ],
    ),
    (
        "consultation",
        "private",
        12,
        "res_users_demo_agent",
        [
            "物业费缴纳咨询",
            "装修申报流程咨询",
            "车位租赁咨询",
            "水电费账单咨询",
        ],
    ),
    (
        "special",
        "private",
        6,
        "res_users_demo_business_manager_liu",
        [
            "空调清洗（有偿）",
            "家电搬运（有偿）",
            "上门保洁（有偿）",
        ],
    ),
    (
        "dispute",
        "private",
        4,
        "res_users_demo_business_manager_zhang",
        [
            "楼上漏水邻里纠纷",
            "夜间装修噪音纠纷",
            "宠物扰邻纠纷",
        ],
    ),
    (
        "suggestion",
        "common",
        5,
        "res_users_demo_business_manager_liu",
        [
            "建议增设快递柜",
            "建议增加儿童游乐设施",
            "建议延长会所开放时间",
        ],
    ),
    ("parcel", "private", 8, "res_users_demo_agent", ["快递代收", "代收快递查找", "代寄文件"]),
    (
        "complaint",
        "private",
        9,
        "res_users_demo_business_manager_zhang",
        [
            "投诉维修人员迟到",
            "投诉保洁不到位",
            "投诉夜间噪音未处理",
            "投诉门岗服务态度",
        ],
    ),
]
CHANNELS = [
    ("helpdesk_mgmt.helpdesk_ticket_channel_phone", 40),
    ("property_service_desk.helpdesk_ticket_channel_wechat", 25),
    ("helpdesk_mgmt.helpdesk_ticket_channel_web", 12),
    ("property_service_desk.helpdesk_ticket_channel_walk_in", 12),
    ("helpdesk_mgmt.helpdesk_ticket_channel_email", 5),
    ("property_service_desk.helpdesk_ticket_channel_staff_on_site", 6),
]
SIGNATURE = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5E"
    "rkJggg=="
)


class PropertyDemoHistory(models.AbstractModel):
    """Twelve months of handled requests for the demo database (demo data only).

    Requests are registered and carried through the addon's own flow (relay, response, done,
    complaint solution, callbacks, work orders), so promises, history rows and callbacks are
    the system's own; then their event times, which the flow stamps with the present, are moved
    to the dates the history plans. Seeded: every install gets the same history, relative to
    the day it is installed.
    """

    _name = "property.demo.history"
    _description = "Demo History"

    @api.model
    def _pay_at_front_desk(self, model, record_ids, move_fields):
        """The customer pays the records' invoices at the front desk (a move-in's fees, a work
        order's prepayment, a renovation's deposit and fees)."""
        records = self.env[model].browse(record_ids)
        for fname in move_fields:
            for move in records.mapped(fname):
                self.env["account.payment.register"].with_context(
                    active_model="account.move", active_ids=move.ids
                ).create({})._create_payments()

    @api.model
    def _generate(self, seed=2026):
        if self.env["res.lang"]._lang_get("zh_CN"):
            # What the flow writes (history rows, messages) reads as the demo's users read.
            self = self.with_context(lang="zh_CN")
        rng = random.Random(seed)
        now = fields.Datetime.now().replace(microsecond=0)
        tickets = self.env["helpdesk.ticket"]
        for estate_xmlid, per_month in MONTHLY_REQUESTS.items():
            estate = self.env.ref(f"property_service_desk.{estate_xmlid}")
            # Months and days are the estate's: the history runs to the end of its yesterday,
            # today's work is the demo's open requests.
            today = estate._local_date(now)
            until = estate._local_day_bounds(today)[0]
            first_month = (today - relativedelta(months=HISTORY_MONTHS)).replace(day=1)
            for offset in range(HISTORY_MONTHS + 1):
                month = first_month + relativedelta(months=offset)
                start = estate._local_day_bounds(month)[0]
                # Busier in the rainy summer, quieter around the Spring Festival.
                swing = {6: 4, 7: 5, 8: 3, 1: -3, 2: -4}.get(month.month, 0)
                for _index in range(max(per_month + swing + rng.randint(-2, 2), 2)):
                    # Within office hours, 09:00 to 20:59 local time.
                    received = start + timedelta(
                        days=rng.randint(0, 27),
                        hours=8 + rng.randint(1, 12),
                        minutes=rng.randint(0, 59),
                    )
                    if received >= until:
                        continue
                    tickets |= self._history_request(rng, estate, received, now)
        return len(tickets)

    @api.model
    def _resolve_complaints(self, ticket_ids, seed=27):
        """Complaints of the last days that a healthy desk has settled: solution proposed in
        time and accepted, closed and called back (the demo data registers them open; those
        that a login relies on stay open)."""
        rng = random.Random(seed)
        now = fields.Datetime.now().replace(microsecond=0)
        tickets = self.env["helpdesk.ticket"].browse(ticket_ids)
        for ticket in tickets:
            self._assign_when_received(ticket, rng.randint(1, 4))
            if ticket.cause_class == "class_1":
                self.env["property.complaint.case.analysis"].create(
                    {
                        "name": ticket.name,
                        "ticket_id": ticket.id,
                        "what_happened": ticket.description,
                    }
                )
            elif ticket.cause_class == "class_2":
                # Housing quality: settled through the warranty repair, open from today.
                ticket.unit_id._create_warranty_repair_request(
                    html2plaintext(ticket.description),
                    name=self.env._("Warranty repair: %s", ticket.name),
                    partner=ticket.partner_id,
                    source=ticket,
                )
            times = self._planned_times(rng, ticket, ticket.received_at, now, late_share=0)
            self._carry_through(rng, ticket, times)
            self._date_events(ticket, times)
        return len(tickets)

    @api.model
    def _assign_when_received(self, ticket, minutes):
        """The demo registers `ticket` now: it was relayed `minutes` after it was received, and
        its handler's response promise started then."""
        assigned = ticket.received_at + timedelta(minutes=minutes)
        self.env.flush_all()
        self.env.cr.execute(
            """UPDATE property_promise
                  SET deadline = deadline - (start_at - %(at)s), start_at = %(at)s
                WHERE ticket_id = %(id)s AND kind = 'response' AND start_at > %(at)s;
               UPDATE helpdesk_ticket SET assigned_date = %(at)s WHERE id = %(id)s""",
            {"at": assigned, "id": ticket.id},
        )
        self.env.invalidate_all()

    @api.model
    def _settle_present(self):
        """The demo's open requests as a healthy desk carries them: each was registered, and
        relayed to its handler, when it was received (the demo data creates them now with an
        earlier received time, which would put their deadlines before their registration and
        break every relay promise). What is still late after that is the demo's few overdue
        promises. Bookkeeping of the demo only: plain SQL, as an import of past records would."""
        self.env.flush_all()
        cr = self.env.cr
        cr.execute(
            """UPDATE helpdesk_ticket SET create_date = received_at,
                      assigned_date = CASE WHEN user_id IS NULL THEN assigned_date
                                           ELSE received_at + interval '2 minutes' END
                WHERE received_at < create_date
            RETURNING id, assigned_date"""
        )
        for ticket_id, assigned in cr.fetchall():
            if not assigned:
                continue
            cr.execute(
                """UPDATE property_promise
                      SET reached_at = %(at)s, state = 'met', breached_at = NULL,
                          breach_pending = FALSE,
                          minutes_taken = EXTRACT(EPOCH FROM %(at)s - start_at)::int / 60
                    WHERE ticket_id = %(id)s AND kind = 'relay' AND %(at)s <= deadline""",
                {"at": assigned, "id": ticket_id},
            )
            cr.execute(
                """UPDATE helpdesk_ticket t SET has_breach = EXISTS (
                       SELECT 1 FROM property_promise m
                        WHERE m.ticket_id = t.id AND m.state = 'breached')
                    WHERE id = %s""",
                [ticket_id],
            )
        self.env.invalidate_all()

    def _history_request(self, rng, estate, received, now):
        kind, area, _w, handler_xmlid, titles = rng.choices(
            KIND_PLAN, weights=[plan[2] for plan in KIND_PLAN]
        )[0]
        if estate.code != "CHHY":
            if kind == "complaint":
                kind, area, handler_xmlid, titles = KIND_PLAN[0][0], "private", "", KIND_PLAN[0][4]
            handler_xmlid = "res_users_demo_agent2"
        handler = self.env.ref(f"property_service_desk.{handler_xmlid}")
        units = estate.unit_ids.filtered("owner_id")
        unit = rng.choice(units)
        customer = unit.owner_id
        if unit.tenant_ids and rng.random() < 0.3:
            customer = rng.choice(unit.tenant_ids)
        channel = self.env.ref(rng.choices([c for c, _w in CHANNELS], [w for _c, w in CHANNELS])[0])
        title = rng.choice(titles)
        vals = {
            "name": title,
            "description": f"<p>{customer.name}反映：{title}，请尽快处理。</p>",
            "partner_id": customer.id,
            "request_kind": kind,
            "urgency": "urgent" if kind == "repair" and rng.random() < 0.15 else "general",
            "channel_id": channel.id,
            "received_at": received,
            "user_id": handler.id,
            "assigned_date": received + timedelta(minutes=rng.randint(1, 4)),
        }
        if area == "common":
            vals.update(estate_id=estate.id, area_scope="common")
        else:
            vals["unit_id"] = unit.id
        ticket = self.env["helpdesk.ticket"].create(vals)
        times = self._planned_times(rng, ticket, received, now)
        self._carry_through(rng, ticket, times)
        self._date_events(ticket, times)
        return ticket

    def _planned_times(self, rng, ticket, received, now, late_share=0.08):
        """When each event happens: mostly within its promise, sometimes late; all of it
        before `now`."""
        promises = {m.kind: m for m in ticket.promise_ids}
        late = rng.random() < late_share

        def within(kind, start, default_minutes):
            promise = promises.get(kind)
            if not promise:
                return start + timedelta(minutes=default_minutes * rng.uniform(0.5, 1.5))
            span = (promise.deadline - promise.start_at).total_seconds()
            share = rng.uniform(1.05, 1.6) if late else rng.uniform(0.2, 0.9)
            return promise.start_at + timedelta(seconds=span * share)

        assigned = ticket.assigned_date
        response = within("response", assigned, 20)
        on_site = within("on_site", assigned, 40)
        handled = max(
            within("handled", received, 8 * 60),
            on_site + timedelta(minutes=30),
            response + timedelta(minutes=30),
        )
        solution = within("solution", received, 24 * 60)
        closed = handled
        if ticket.request_kind == "complaint":
            closed = max(handled, solution + timedelta(hours=2))
        callback = closed + timedelta(hours=rng.randint(4, 60))
        times = {
            "assigned": assigned,
            "response": response,
            "on_site": on_site,
            "handled": closed,
            "solution": solution,
            "closed": closed,
            "callback": callback,
        }
        return self._before(times, received, now)

    @api.model
    def _before(self, times, received, now):
        """The plan of a recent request, quickened to be over before `now`: each event keeps
        its order, sooner (so within its promise if it was)."""
        last = max(times.values())
        end = now - timedelta(minutes=10)
        if last <= end:
            return times
        share = (end - received) / (last - received)
        return {kind: received + (at - received) * share for kind, at in times.items()}

    def _carry_through(self, rng, ticket, times):
        ref = self.env.ref
        ticket.stage_id = ref("helpdesk_mgmt.helpdesk_ticket_stage_in_progress")
        if ticket.request_kind == "repair" and ticket.unit_id and rng.random() < 0.6:
            self._history_work_order(rng, ticket, times)
        elif ticket.request_kind == "repair":
            ticket.action_check_in()
        if ticket.request_kind == "complaint":
            ticket.action_propose_solution(
                "已向客户致歉，安排专人整改并加强员工培训，一周内回复整改结果。"
            )
            ticket.action_accept_solution()
        ticket.stage_id = ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        for callback in ticket.callback_ids.filtered(lambda c: c.state == "to_do"):
            on_site = callback.on_site_only
            callback.write(
                {
                    "method": "on_site" if on_site else "phone",
                    "customer_signature": SIGNATURE if on_site else False,
                    "phone_attestation": not on_site,
                    "satisfaction": rng.choices(["5", "4", "3"], [55, 35, 10])[0],
                    "attitude_score": rng.choice(["4", "5"]),
                    "quality_score": rng.choice(["4", "5"]),
                    "efficiency_score": rng.choice(["3", "4", "5"]),
                }
            )
            callback.action_done()

    def _history_work_order(self, rng, ticket, times):
        order = self.env["property.work.order"].create(
            {
                "ticket_id": ticket.id,
                "description": ticket.name,
                "work_done": "已处理完毕，现场试用正常。",
                "technician_ids": [fields.Command.set(ticket.user_id.ids)],
                "labour_hours": rng.choice([0.5, 1, 1.5, 2]),
            }
        )
        order.action_dispatch()
        order.action_check_in()
        order.action_done()
        if rng.random() < 0.05:
            order.action_create_rework()

    def _date_events(self, ticket, times):
        """Move the stamps of the flow, taken now, to the planned times (bookkeeping of the
        history only: plain SQL, as an import of past records would)."""
        cr = self.env.cr
        self.env.flush_all()
        cr.execute(
            """UPDATE helpdesk_ticket SET response_started_at = %(response)s,
                      on_site_at = CASE WHEN on_site_at IS NULL THEN NULL ELSE %(on_site)s END,
                      closed_date = %(closed)s,
                      last_stage_update = %(closed)s, create_date = received_at,
                      solution_proposed_at = CASE WHEN solution_proposed_at IS NULL THEN NULL
                                                  ELSE %(solution)s END
                WHERE id = %(id)s""",
            dict(times, id=ticket.id),
        )
        for kind in ("relay", "response", "on_site", "handled", "solution"):
            at = times["assigned" if kind == "relay" else kind]
            cr.execute(
                """UPDATE property_promise
                      SET reached_at = %(at)s,
                          state = CASE WHEN %(at)s <= deadline THEN 'met' ELSE 'breached' END,
                          breached_at = CASE WHEN %(at)s <= deadline THEN NULL ELSE deadline END,
                          minutes_taken = EXTRACT(EPOCH FROM %(at)s - start_at)::int / 60
                    WHERE ticket_id = %(id)s AND kind = %(kind)s AND reached_at IS NOT NULL""",
                {"at": at, "id": ticket.id, "kind": kind},
            )
        # The breach actions of a past promise belong to the past: nothing is left for the
        # scheduled job to act on.
        cr.execute(
            "UPDATE property_promise SET breach_pending = FALSE WHERE ticket_id = %s",
            [ticket.id],
        )
        cr.execute(
            """UPDATE helpdesk_ticket t SET has_breach = EXISTS (
                   SELECT 1 FROM property_promise m
                    WHERE m.ticket_id = t.id AND m.state = 'breached')
                WHERE id = %s""",
            [ticket.id],
        )
        callback_at = times["callback"]
        cr.execute(
            """UPDATE property_callback
                  SET done_at = %(at)s + CASE WHEN sequence = 'second' THEN interval '6 days'
                                              ELSE interval '0 days' END,
                      due_date = (%(closed)s + interval '3 days')::date
                                 + CASE WHEN sequence = 'second' THEN 7 ELSE 0 END,
                      due_at = %(closed)s + interval '3 days'
                               + CASE WHEN sequence = 'second' THEN interval '7 days'
                                      ELSE interval '0 days' END,
                      is_on_time = TRUE
                WHERE ticket_id = %(id)s""",
            {"at": callback_at, "closed": times["closed"], "id": ticket.id},
        )
        cr.execute(
            """UPDATE property_work_order SET dispatched_at = %(assigned)s,
                      check_in_at = %(on_site)s, done_at = %(handled)s,
                      state = 'closed', signed_at = %(handled)s
                WHERE ticket_id = %(id)s""",
            dict(times, id=ticket.id),
        )
        cr.execute(
            """UPDATE mail_message SET date = %(at)s
                WHERE model = 'helpdesk.ticket' AND res_id = %(id)s""",
            {"at": times["closed"], "id": ticket.id},
        )
        self.env.invalidate_all()
