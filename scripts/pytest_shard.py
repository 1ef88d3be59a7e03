"""pytest plugin of scripts/test.sh: one shard of the suite, and the time each part took.

    pytest -p pytest_shard --shard=K/N [--shard-queue=FILE] [--shard-report=FILE]
           [--record-durations=FILE]

The suite is cut into parts, a test class each (a file's plain test functions make one part), so
that no class is set up twice. With --shard-queue (what scripts/test.sh uses), the shards share
one file and each takes the next part nobody has taken yet, longest first, as it becomes free:
the shards end together whatever the machine's speed, and the recorded times only set the order.
Without it, the parts are dealt out beforehand, longest first, each to the shard with the least
recorded time so far (names break ties): every shard of the same checkout makes the same split.
Either way each part runs in exactly one shard. The times come from scripts/test_durations.json;
a part not in it counts as the average one.

--shard-report writes this shard's counts (collected, selected, each outcome) for the sum that
scripts/test.sh prints. --record-durations adds the time of each part run to a JSON file
(merged under a lock, so shards may share it); wall-clock seconds from the monotonic clock,
which freezegun does not stop.
"""

import fcntl
import json
import os
import time
from collections import Counter
from pathlib import Path

import pytest

WORST = ["passed", "skipped", "failed", "error"]
DURATIONS = Path(__file__).resolve().parent / "test_durations.json"


def _clock():
    return time.clock_gettime(time.CLOCK_MONOTONIC)


def pytest_addoption(parser):
    group = parser.getgroup("shard", "split the suite into shards (scripts/pytest_shard.py)")
    group.addoption("--shard", default=None, help="K/N: run the K-th of N shards")
    group.addoption("--shard-durations", default=str(DURATIONS), help="recorded times (JSON)")
    group.addoption("--shard-queue", default=None, help="parts taken so far, shared by the shards")
    group.addoption("--shard-report", default=None, help="write this shard's counts (JSON)")
    group.addoption("--record-durations", default=None, help="add each part's time (JSON)")


def part_of(item):
    """File name (not its folder: files may move) and class: `test_x.py::TestY`; a test of its
    own, `test_x.py::TestY::test_z`, in a class that says `shard_each_test = True` (a long class
    whose tests are worth setting it up again in another shard)."""
    name = Path(str(item.path)).name
    if not item.cls:
        return name
    if getattr(item.cls, "shard_each_test", False):
        return f"{name}::{item.cls.__name__}::{item.name}"
    return f"{name}::{item.cls.__name__}"


def longest_first(parts, durations):
    known = [durations[part] for part in parts if part in durations]
    default = sum(known) / len(known) if known else 1.0
    return sorted(parts, key=lambda p: (-durations.get(p, default), p))


def take(queue, part):
    """True when this shard takes `part`: nobody has written it in the queue file yet."""
    with open(queue, "a+") as taken:
        fcntl.flock(taken, fcntl.LOCK_EX)
        taken.seek(0)
        if part in taken.read().split("\n"):
            return False
        taken.write(part + "\n")
        taken.flush()
        return True


def split(parts, durations, shards):
    """The parts of each shard: longest first, each to the least loaded shard."""
    known = [durations[part] for part in parts if part in durations]
    default = sum(known) / len(known) if known else 1.0
    loads = [0.0] * shards
    dealt = [[] for _ in range(shards)]
    for part in longest_first(parts, durations):
        lightest = min(range(shards), key=lambda k: (loads[k], k))
        dealt[lightest].append(part)
        loads[lightest] += durations.get(part, default)
    return dealt


def _read_json(path):
    try:
        return json.loads(Path(path).read_text())
    except FileNotFoundError:
        return {}


class ShardPlugin:
    def __init__(self, config):
        self.config = config
        self.collected = self.selected = 0
        self.outcomes = {}
        self.times = {}
        self.started = None
        self.parts = None  # with --shard-queue: [(part, its items)], longest first

    @pytest.hookimpl(trylast=True)
    def pytest_collection_modifyitems(self, config, items):
        self.collected = len(items)
        spec = config.getoption("shard")
        if spec:
            index, count = (int(n) for n in spec.split("/"))
            if not 1 <= index <= count:
                raise pytest.UsageError(f"--shard={spec}: K must be between 1 and N")
            durations = _read_json(config.getoption("shard_durations"))
            if config.getoption("shard_queue"):
                order = longest_first({part_of(i) for i in items}, durations)
                self.parts = [(p, [i for i in items if part_of(i) == p]) for p in order]
                return
            mine = set(split({part_of(i) for i in items}, durations, count)[index - 1])
            kept = [item for item in items if part_of(item) in mine]
            config.hook.pytest_deselected(items=[i for i in items if part_of(i) not in mine])
            items[:] = kept
        self.selected = len(items)

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtestloop(self, session):
        """pytest's loop over the parts this shard takes from the queue. The next part is taken
        before the last test of the current one, so that its class is torn down as usual."""
        if self.parts is None or session.config.option.collectonly:
            return None
        if session.testsfailed and not session.config.option.continue_on_collection_errors:
            raise session.Interrupted(f"{session.testsfailed} errors during collection")
        queue = session.config.getoption("shard_queue")
        taken = (items for part, items in self.parts if take(queue, part))
        current = next(taken, None)
        while current:
            for index, item in enumerate(current):
                if index + 1 < len(current):
                    nextitem = current[index + 1]
                else:
                    current = next(taken, None)
                    nextitem = current[0] if current else None
                self.selected += 1
                item.config.hook.pytest_runtest_protocol(item=item, nextitem=nextitem)
                if session.shouldfail:
                    raise session.Failed(session.shouldfail)
                if session.shouldstop:
                    raise session.Interrupted(session.shouldstop)
        return True

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_protocol(self, item, nextitem):
        start = _clock()
        try:
            return (yield)
        finally:
            part = part_of(item)
            self.times[part] = self.times.get(part, 0.0) + _clock() - start

    def pytest_runtest_logreport(self, report):
        # One outcome per test, its worst: subtests report under their test's id.
        outcome = "error" if report.when != "call" and report.failed else report.outcome
        if report.when == "call" or outcome != "passed":
            known = self.outcomes.get(report.nodeid, "passed")
            self.outcomes[report.nodeid] = max(known, outcome, key=WORST.index)

    def pytest_terminal_summary(self, terminalreporter):
        slowest = sorted(self.times.items(), key=lambda kv: -kv[1])[:10]
        if slowest:
            terminalreporter.write_sep("=", "slowest parts (wall-clock seconds)")
            for part, seconds in slowest:
                terminalreporter.write_line(f"{seconds:8.1f}s {part}")

    def pytest_sessionfinish(self, session):
        path = self.config.getoption("shard_report")
        if path:
            counts = Counter(self.outcomes.values())
            report = {"collected": self.collected, "selected": self.selected, **counts}
            Path(path).write_text(json.dumps(report))
        path = self.config.getoption("record_durations")
        if path and self.times:
            with open(path, "a+") as lock:
                fcntl.flock(lock, fcntl.LOCK_EX)
                lock.seek(0)
                text = lock.read()
                durations = json.loads(text) if text.strip() else {}
                durations.update({p: round(t, 2) for p, t in self.times.items()})
                lock.seek(0)
                lock.truncate()
                lock.write(json.dumps(dict(sorted(durations.items())), indent=2) + "\n")
                lock.flush()
                os.fsync(lock.fileno())


def pytest_configure(config):
    config.pluginmanager.register(ShardPlugin(config), "shard_plugin")
