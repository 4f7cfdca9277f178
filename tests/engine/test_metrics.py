"""Metrics on a shared store: lease waits counted where a write waited for another process's
lease, world gauges read from the engine, and with ``--workers 2`` one scrape reporting every
worker of the host."""

from __future__ import annotations

import os
import subprocess
import threading
import time
from contextlib import ExitStack
from pathlib import Path

import httpx
import pytest
import redis

from edumock.testing import ThreadedServer
from tests.admin.test_metrics import scrape, value
from tests.engine.processes import serving
from tests.engine.server import EngineServer
from tests.engine.test_shared_state import LEARNERS, _learner, _settings, _token

LOCK = "edumock:{default}:lock"
HOLD_MS = 600


def _slow_next_write(url: str, headers: dict[str, str]) -> None:
    """The next TeSLA write holds its world's lease ``HOLD_MS`` (a latency fault)."""
    fault = {"platform": "tesla", "method": "POST", "times": 1,
             "latency": {"minMs": HOLD_MS, "maxMs": HOLD_MS}}
    answer = httpx.post(url + "/__admin/faults", json=fault, headers=headers)
    assert answer.status_code == 201, answer.text


def test_a_write_waiting_for_another_servers_lease_is_counted(engine: EngineServer):
    with ExitStack() as stack:
        first, second = (stack.enter_context(ThreadedServer(_settings(engine.url))).url
                         for _ in range(2))
        with httpx.Client(base_url=first) as client:
            auth = _token(client)
        # the second takes up the world now (a read takes no lease), so on a busy machine its
        # write below starts waiting at once rather than after loading the world
        assert httpx.get(second + LEARNERS, headers=auth, timeout=10).status_code == 200
        _slow_next_write(first, {})
        holder = threading.Thread(target=lambda: httpx.post(
            first + LEARNERS, json=_learner("held"), headers=auth, timeout=10))
        holder.start()
        locked = redis.Redis.from_url(engine.url)
        deadline = time.monotonic() + 5
        while not locked.exists(LOCK):
            assert time.monotonic() < deadline, "the first write never took the lease"
            time.sleep(0.005)
        started = time.monotonic()
        waited = httpx.post(second + LEARNERS, json=_learner("waited"), headers=auth,
                            timeout=10)
        elapsed = time.monotonic() - started
        holder.join()
        assert waited.status_code == 201, waited.text
        at_second, at_first = scrape(second), scrape(first)

    assert value(at_second, "edumock_lease_waits_total") == 1
    assert value(at_second, "edumock_lease_wait_seconds_count") == 1
    assert 0.2 < value(at_second, "edumock_lease_wait_seconds_sum") <= elapsed
    assert value(at_first, "edumock_lease_waits_total") == 0
    # the first took three leases (token, fault, held write) without waiting
    assert value(at_first, "edumock_lease_wait_seconds_count") == 3
    for samples in (at_first, at_second):  # the engine's counts, not one server's
        assert value(samples, "edumock_worlds") == 1
        assert value(samples, "edumock_journal_entries", world="default") == 3  # read, 2 writes


def _write_pair(url: str, auth: dict[str, str], tag: str) -> list[int]:
    """Two learner creations at once, each on a connection of its own; their statuses."""
    statuses: list[int] = []

    def create(uid: str) -> None:
        answer = httpx.post(url + LEARNERS, json=_learner(uid), headers=auth, timeout=15)
        statuses.append(answer.status_code)
    threads = [threading.Thread(target=create, args=(f"{tag}{n}",)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


def test_one_scrape_reports_every_worker_of_the_host(engine: EngineServer, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch):
    counters = tmp_path / "tmp"
    counters.mkdir()
    monkeypatch.setenv("TMPDIR", str(counters))  # where the serve process makes its folder
    with serving(engine.url, "--workers", "2", "--platform", "tesla") as url:
        with httpx.Client(base_url=url) as client:
            auth = _token(client)
        assert [p.name[:16] for p in counters.iterdir()] == ["edumock-metrics-"]
        writes = 0
        for round_ in range(30):  # until the two workers met on the world's lease
            _slow_next_write(url, {})
            assert _write_pair(url, auth, f"r{round_}-") == [201, 201]
            writes += 2
            if value(scrape(url), "edumock_lease_waits_total") >= 1:
                break
        scrapes = [scrape(url) for _ in range(8)]  # each on a new connection
    assert not list(counters.iterdir())  # the parent removed the counters at exit

    for samples in scrapes:
        assert value(samples, "edumock_lease_waits_total") >= 1
        assert value(samples, "edumock_requests_total", platform="tesla",
                     operation="learner.create", status="201") == writes
        assert value(samples, "edumock_faults_fired_total", platform="tesla") == writes / 2
        assert value(samples, "edumock_journal_entries", world="default") == writes
        assert value(samples, "edumock_worlds") == 1
    assert len({repr(sorted(s.items())) for s in scrapes}) == 1  # whichever worker answered


def test_counters_left_by_a_killed_parent_are_removed_by_the_next(
        engine: EngineServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A parent killed with SIGKILL cannot remove its workers' counter folder; the next
    ``--workers`` parent to start on the host removes it (and only folders whose owner is
    gone)."""
    folders = tmp_path / "tmp"
    folders.mkdir()
    monkeypatch.setenv("TMPDIR", str(folders))
    gone = subprocess.Popen(["true"])
    gone.wait()
    for name, owner in (("dead", gone.pid), ("alive", os.getpid()), ("foreign", None)):
        folder = folders / f"edumock-metrics-{name}"
        folder.mkdir()
        (folder / "counter_1.db").write_bytes(b"")
        if owner is not None:
            (folder / "owner.pid").write_text(str(owner), encoding="ascii")
    with serving(engine.url, "--workers", "2", "--platform", "tesla"):
        left = sorted(p.name for p in folders.iterdir())
    assert "edumock-metrics-dead" not in left
    assert {"edumock-metrics-alive", "edumock-metrics-foreign"} <= set(left)
    assert len(left) == 3  # and the running parent's own folder
