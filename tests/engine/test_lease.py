"""A world's lease across processes: a worker killed mid-request leaves nothing written and
its lock gone within the lease; a live worker keeps renewing it past its length; a request
whose lease was taken from it commits nothing and answers 503 in its platform's format."""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Callable
from typing import Any

import httpx
import redis

from edumock.testing import ThreadedServer
from edumock.world.engine.connection import Engine
from edumock.world.engine.keys import WorldKeys
from edumock.world.engine.lease import try_acquire
from tests.engine.processes import served, serving
from tests.engine.server import EngineServer
from tests.engine.test_shared_state import LEARNERS, _learner, _settings, _snapshot, _token

LEASE_MS = 1000
LOCK = "edumock:{default}:lock"


def _slow_writes(client: httpx.Client, ms: int, **counted: int) -> int:
    """A latency fault on TeSLA writes, which run inside the world's lease; its id."""
    fault = {"platform": "tesla", "method": "POST", "latency": {"minMs": ms, "maxMs": ms},
             **counted}
    answer = client.post("/__admin/faults", json=fault)
    assert answer.status_code == 201, answer.text
    return int(answer.json()["id"])


def _until(check: Callable[[], object], seconds: float = 10) -> float:
    """Wait for ``check``; the seconds it took."""
    started = time.monotonic()
    while not check():
        assert time.monotonic() - started < seconds, "timed out"
        time.sleep(0.005)
    return time.monotonic() - started


def _in_background(action: Callable[[], object]) -> tuple[threading.Thread, list[object]]:
    outcome: list[object] = []

    def run() -> None:
        try:
            outcome.append(action())
        except httpx.HTTPError as error:
            outcome.append(error)
    thread = threading.Thread(target=run)
    thread.start()
    return thread, outcome


def test_a_worker_killed_holding_the_lease_commits_nothing_and_frees_the_world(
        engine: EngineServer):
    lease = ("--lease-ms", "1000")
    store = redis.Redis.from_url(engine.url, decode_responses=True)
    with served(engine.url, *lease) as (doomed, process), serving(engine.url, *lease) as alive, \
            httpx.Client(base_url=alive, timeout=30) as client:
        headers = _token(client)
        _slow_writes(client, 5000, times=1)
        before = _snapshot(client)
        thread, outcome = _in_background(lambda: httpx.post(
            doomed + LEARNERS, json=_learner("kill1"), headers=headers, timeout=30))
        _until(lambda: store.exists(LOCK))
        time.sleep(0.4)  # the request is inside its lease, its fault already counted
        assert store.exists(LOCK) and process.pid
        process.send_signal(signal.SIGKILL)
        process.wait(5)
        freed = _until(lambda: not store.exists(LOCK))
        thread.join(10)
        assert isinstance(outcome[0], httpx.HTTPError)

        assert freed <= 1.0, f"the lock outlived the 1 s lease by {freed - 1:.3f} s"
        assert _snapshot(client) == before  # no learner, and the fault's one firing unspent
        assert client.delete("/__admin/faults").status_code == 200
        again = client.post(LEARNERS, json=_learner("kill1"), headers=headers)
        assert again.status_code == 201, again.text


def test_a_lease_renewed_past_its_length_commits(engine: EngineServer):
    with ThreadedServer(_settings(engine.url).with_changes(lease_ms=LEASE_MS)) as slow, \
            ThreadedServer(_settings(engine.url)) as other, \
            httpx.Client(base_url=slow.url, timeout=30) as client:
        headers = _token(client)
        _slow_writes(client, 4 * LEASE_MS, times=1)
        started = time.monotonic()
        answer = client.post(LEARNERS, json=_learner("long1"), headers=headers)
        assert time.monotonic() - started >= 4 * LEASE_MS / 1000
        assert answer.status_code == 201, answer.text
        found = httpx.get(other.url + LEARNERS, params={"search": "long1"}, headers=headers)
        assert found.json()["count"] == 1


def test_a_request_whose_lease_was_taken_commits_nothing_and_is_a_503(engine: EngineServer):
    store = redis.Redis.from_url(engine.url, decode_responses=True)
    with ThreadedServer(_settings(engine.url).with_changes(lease_ms=LEASE_MS)) as server, \
            httpx.Client(base_url=server.url, timeout=30) as client:
        headers = _token(client)
        fault = _slow_writes(client, 3 * LEASE_MS)
        before = _snapshot(client)
        thread, outcome = _in_background(lambda: client.post(
            LEARNERS, json=_learner("lost1"), headers=headers))
        _until(lambda: store.exists(LOCK))
        store.delete(LOCK)
        thread.join(10)
        answer = outcome[0]
        assert isinstance(answer, httpx.Response)
        assert answer.status_code == 503 and list(answer.json()) == ["detail"]
        assert answer.json()["detail"].startswith("sandbox state store unavailable: the "
                                                  "world's lease ran out")
        assert _snapshot(client) == before
        assert client.delete(f"/__admin/faults/{fault}").status_code == 204
        assert client.post(LEARNERS, json=_learner("lost1"), headers=headers).status_code == 201


def test_a_renewal_that_fails_once_is_tried_again(engine: EngineServer):
    """A renewal the engine did not answer (a moment's overload) is not the end of the
    lease: the next one goes out as usual, so a long handler keeps its lease."""
    real = Engine(engine.url)
    calls: list[str] = []

    class Flaky:
        """The real engine, whose renewal script fails the first time it is run."""

        client = real.client

        def script(self, name: str, source: str) -> Any:
            script = real.script(name, source)

            def run(**kwargs: Any) -> Any:
                calls.append(name)
                if calls.count("renew") == 1:
                    raise redis.ConnectionError("no answer")
                return script(**kwargs)
            return run

        def call(self, action: Any, *args: Any, **kwargs: Any) -> Any:
            return real.call(action, *args, **kwargs)

    keys = WorldKeys("default")
    lease = try_acquire(Flaky(), keys, "7", 300)  # type: ignore[arg-type]
    assert lease is not None
    time.sleep(0.9)  # long past the lease's own 300 ms, renewed every 100 ms
    assert calls.count("renew") >= 4
    assert real.client.get(keys.lock) == "7"
    lease.release()
    assert real.client.get(keys.lock) is None
