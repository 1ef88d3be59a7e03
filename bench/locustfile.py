"""Locust load of the service desk's roles at once, over JSON-RPC and the portal (bench/load.sh).

PSD_LOAD_KIND=ours: agents register requests and complaints, the technician checks in and
finishes the dispatched work orders, the accountant invoices the finished ones (and clicks twice
now and then), owners answer their callbacks on the portal (twice now and then); the scheduled
jobs of the addon run every minute in the server meanwhile.
PSD_LOAD_KIND=plain (helpdesk_mgmt only): the same shape with plain tickets: agents register
tickets, "technicians" move tickets through two stages (in progress, then done: the customer is
told), the "accountant" reads tickets, portal users open their tickets page.

Bounded: stops after PSD_LOAD_MAX_REQUESTS requests (or locust's --run-time). What was
acknowledged by the server is written to PSD_LOAD_LEDGER (JSON) for bench/load_check.py.

The measured run names its user classes (Agent Technician Accountant Owner); a warm-up run
before it (class WarmUp, not measured) signs in every role and reads what each role reads, so
that every worker has loaded the registry, the Chinese translations and the compiled templates
before the figures are taken, as on a server that has been up for a while.
"""

import json
import os
import random
import re
import threading
import uuid
from collections import defaultdict

from locust import HttpUser, between, events, task
from locust.exception import StopUser

KIND = os.environ.get("PSD_LOAD_KIND", "ours")
DB = os.environ["PSD_LOAD_DB"]
SEED = json.load(open(os.environ["PSD_LOAD_SEED"]))
LEDGER = os.environ["PSD_LOAD_LEDGER"]
MAX_REQUESTS = int(os.environ.get("PSD_LOAD_MAX_REQUESTS", "3000"))
# Business refusals (a state already reached, an answer already given) are correct answers.
REFUSALS = ("UserError", "ValidationError")

LOGINS = {
    "ours": {  # agent2 serves another estate
        "agent": ["agent"],
        "technician": ["technician"],
        "accountant": ["accountant"],
        "owner": ["owner"],
    },
    "plain": {
        "agent": ["admin", "demo"],
        "technician": ["admin"],
        "accountant": ["admin"],
        "owner": ["portal"],
    },
}
ledger = defaultdict(list)
lock = threading.Lock()
work = {"to_check_in": list(SEED["work_orders"]), "to_finish": [], "to_invoice": []}
callbacks = list(SEED["callbacks"])
random.shuffle(work["to_check_in"])
random.shuffle(callbacks)
sent = {"count": 0}


def take(queue):
    with lock:
        return work[queue].pop() if work[queue] else None


def give(queue, item):
    with lock:
        work[queue].append(item)


def record(kind, value):
    with lock:
        ledger[kind].append(value)


@events.request.add_listener
def _stop_when_bounded(**_kwargs):
    sent["count"] += 1
    if sent["count"] == MAX_REQUESTS:
        from locust.runners import STATE_STOPPING

        runner = _environment.get("runner")
        if runner and runner.state != STATE_STOPPING:
            runner.quit()


_environment = {}


@events.init.add_listener
def _remember(environment, **_kwargs):
    _environment["runner"] = environment.runner


@events.quitting.add_listener
def _write_ledger(**_kwargs):
    with open(LEDGER, "w") as out:
        json.dump(ledger, out)


class OdooUser(HttpUser):
    abstract = True
    wait_time = between(0.1, 0.4)
    logins = ["admin"]

    def on_start(self):
        self.login = random.choice(self.logins)
        for _attempt in range(3):  # as a person would sign in again after an error
            result, ok = self.rpc(
                "/web/session/authenticate",
                {"db": DB, "login": self.login, "password": self.login},
                "login",
            )
            if ok and result and result.get("uid"):
                return
        raise StopUser()

    def rpc(self, path, params, name):
        payload = {"jsonrpc": "2.0", "method": "call", "params": params}
        with self.client.post(path, json=payload, name=name, catch_response=True) as response:
            try:
                reply = response.json()
            except ValueError:
                response.failure(f"not JSON: HTTP {response.status_code}")
                return None, False
            if "error" in reply:
                error = reply["error"].get("data", {})
                if error.get("name", "").endswith(REFUSALS):
                    response.success()
                    return None, False
                response.failure(error.get("message") or reply["error"].get("message"))
                return None, False
            return reply["result"], True

    def call(self, model, method, *args, **kwargs):
        return self.rpc(
            "/web/dataset/call_kw",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
            f"{model}.{method}",
        )

    def list_tickets(self):
        self.call(
            "helpdesk.ticket",
            "web_search_read",
            [],
            specification={"number": {}, "name": {}, "stage_id": {"fields": {"display_name": {}}}},
            limit=40,
        )


class WarmUp(OdooUser):
    """Not measured: every role in turn signs in and reads, on every worker (bench/load.sh)."""

    turn = {"next": 0}

    def on_start(self):
        with lock:
            roles = sorted({login for logins in LOGINS[KIND].values() for login in logins})
            self.logins = [roles[self.turn["next"] % len(roles)]]
            self.turn["next"] += 1
        super().on_start()

    @task
    def read_as_the_role_does(self):
        if self.login in LOGINS[KIND]["owner"]:  # the portal's customer
            self.client.get("/my/tickets", name="/my/tickets")
            self.client.get(f"/my/ticket/{callbacks[0][1]}", name="/my/ticket/<id>")
            return
        self.list_tickets()
        if KIND == "ours":
            self.call(
                "property.work.order",
                "web_search_read",
                [],
                specification={"name": {}, "state": {}, "ticket_id": {"fields": {}}},
                limit=40,
            )


class Agent(OdooUser):
    weight = 4
    logins = LOGINS[KIND]["agent"]

    def register(self, kind):
        name = f"LOAD {uuid.uuid4().hex}"
        # For a customer on both sides (the addon's demo owner, helpdesk_mgmt's portal user).
        vals = {
            "name": name,
            "description": "<p>Registered under load</p>",
            "partner_id": SEED["partner_id"],
        }
        if KIND == "ours":
            vals.update(unit_id=SEED["unit_id"], request_kind=kind)
        ticket_id, ok = self.call("helpdesk.ticket", "create", vals)
        if ok:
            record("registered", name)

    @task(5)
    def register_request(self):
        self.register(random.choice(("basic", "repair")))

    @task(2)
    def register_complaint(self):
        self.register("complaint")

    @task(3)
    def read_list(self):
        self.list_tickets()


class Technician(OdooUser):
    weight = 2
    logins = LOGINS[KIND]["technician"]

    @task(2)
    def check_in(self):
        order = take("to_check_in")
        if order is None:
            return self.list_tickets()
        if KIND == "ours":
            _result, ok = self.call("property.work.order", "action_check_in", [order])
        else:
            stage = SEED["stages"]["on_site"]
            _result, ok = self.call("helpdesk.ticket", "write", [order], {"stage_id": stage})
        if ok:
            give("to_finish", order)

    @task(2)
    def finish(self):
        order = take("to_finish")
        if order is None:
            return self.list_tickets()
        if KIND == "ours":
            _result, ok = self.call("property.work.order", "action_done", [order])
        else:
            stage = SEED["stages"]["done"]
            _result, ok = self.call("helpdesk.ticket", "write", [order], {"stage_id": stage})
        if ok:
            give("to_invoice", order)


class Accountant(OdooUser):
    weight = 1
    logins = LOGINS[KIND]["accountant"]

    @task
    def invoice(self):
        order = take("to_invoice")
        if order is None:
            return self.list_tickets()
        clicks = 2 if random.random() < 0.3 else 1  # a double click now and then
        for _ in range(clicks):
            if KIND == "ours":
                _result, ok = self.call("property.work.order", "action_create_invoice", [order])
            else:
                _result, ok = self.call("helpdesk.ticket", "read", [order], ["number"])
            if ok:
                record("invoiced", order)


class Owner(OdooUser):
    weight = 2
    logins = LOGINS[KIND]["owner"]

    @task(2)
    def my_tickets(self):
        self.client.get("/my/tickets", name="/my/tickets")

    @task(3)
    def answer_callback(self):
        with lock:
            item = callbacks.pop() if callbacks else None
        if item is None:
            return self.my_tickets()
        callback_id, ticket_id = item
        page = self.client.get(f"/my/ticket/{ticket_id}", name="/my/ticket/<id>")
        if KIND != "ours":
            return
        token = re.search(r'csrf_token["\']?\s*[:=]\s*["\']([0-9a-f]+o?[0-9]*)', page.text)
        if not token:
            return
        answer = {"csrf_token": token.group(1), "satisfaction": "5", "quality_score": "5"}
        for _ in range(2 if random.random() < 0.3 else 1):  # a second tab now and then
            with self.client.post(
                f"/my/callback/{callback_id}/answer",
                data=answer,
                name="/my/callback/<id>/answer",
                catch_response=True,
            ) as response:
                if response.status_code != 200:
                    response.failure(f"HTTP {response.status_code}")
                elif "property_message=callback" in response.url:  # the answer was recorded
                    record("answered", callback_id)
                    response.success()
                elif "property_error=callback" in response.url:  # answered already: refused
                    response.success()
                else:
                    response.failure(f"no answer recorded: {response.url}")
