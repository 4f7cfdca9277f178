"""Two sandboxes on one engine are one sandbox: the same world, the same ids, the same
snapshot as a single in-memory process with the same seed."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack

import httpx
import orjson
import pytest

from edumock.settings import Settings
from edumock.testing import ThreadedServer
from tests.conftest import FROZEN_AT
from tests.engine.server import EngineServer

LEARNERS = "/api/v2/institution/1/learner/"


def _settings(store: str | None = None) -> Settings:
    return Settings(start_time=FROZEN_AT, store=store)


@pytest.fixture
def pair(engine: EngineServer) -> Iterator[tuple[httpx.Client, httpx.Client]]:
    """Two servers sharing the engine, each with its own client."""
    with ExitStack() as stack:
        servers = [stack.enter_context(ThreadedServer(_settings(engine.url)))
                   for _ in range(2)]
        yield tuple(stack.enter_context(httpx.Client(base_url=s.url, timeout=30))
                    for s in servers)  # type: ignore[misc]


def _token(client: httpx.Client, world: str | None = None) -> dict[str, str]:
    answer = client.post("/__admin/tokens", json={
        "platform": "tesla", "roles": ["inst_admin", "data_admin"], "institution_id": 1},
        headers={"X-Edumock-World": world} if world else {})
    assert answer.status_code == 200, answer.text
    return {"Authorization": f"JWT {answer.json()['token']}"}


def _learner(uid: str) -> dict[str, str]:
    return {"uid": uid, "email": f"{uid}@pu1.ac.nz", "first_name": "Ana", "last_name": "Ngata"}


def _snapshot(client: httpx.Client) -> bytes:
    answer = client.get("/__admin/snapshot")
    assert answer.status_code == 200
    return orjson.dumps(answer.json(), option=orjson.OPT_SORT_KEYS)


def test_alternating_writes_give_the_ids_and_snapshot_of_one_memory_process(pair):
    first, second = pair
    headers = _token(first)
    created = [client.post(LEARNERS, json=_learner(f"shared{n}"), headers=headers)
               for n, client in enumerate([first, second, first, second])]
    assert [answer.status_code for answer in created] == [201] * 4
    with ThreadedServer(_settings()) as memory, httpx.Client(base_url=memory.url) as alone:
        alone_headers = _token(alone)
        expected = [alone.post(LEARNERS, json=_learner(f"shared{n}"), headers=alone_headers)
                    for n in range(4)]
        assert [a.json()["id"] for a in created] == [a.json()["id"] for a in expected]
        assert _snapshot(first) == _snapshot(second) == _snapshot(alone)


def test_a_write_through_one_worker_is_read_through_the_other(pair):
    first, second = pair
    headers = _token(first)
    before = second.get(LEARNERS, headers=headers).json()["count"]
    assert first.post(LEARNERS, json=_learner("seen1"), headers=headers).status_code == 201
    listed = second.get(LEARNERS, params={"search": "seen1"}, headers=headers).json()
    assert listed["count"] == 1 and second.get(LEARNERS, headers=headers).json()["count"] == (
        before + 1)


def test_racing_duplicate_uids_across_workers_give_one_201(pair):
    import concurrent.futures

    first, second = pair
    headers = _token(first)
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(
            lambda n: (first, second)[n % 2].post(LEARNERS, json=_learner("race1"),
                                                  headers=headers).status_code, range(8)))
    assert sorted(answers) == [201] + [400] * 7


def test_a_clock_advanced_through_one_worker_is_seen_by_the_other(pair):
    first, second = pair
    assert first.post("/__admin/clock", json={"advance": 3600}).status_code == 200
    assert second.get("/__admin/clock").json()["now"] == first.get("/__admin/clock").json()["now"]


def test_a_fault_for_the_next_two_calls_fires_twice_across_workers(pair):
    first, second = pair
    headers = _token(first)
    fault = {"platform": "tesla", "status": 503, "times": 2}
    assert first.post("/__admin/faults", json=fault).status_code == 201
    statuses = [(first, second)[n % 2].get(LEARNERS, headers=headers).status_code
                for n in range(5)]
    assert statuses == [503, 503, 200, 200, 200]


def test_a_reset_through_one_worker_is_seen_by_the_other(pair):
    first, second = pair
    headers = _token(first)
    seeded = second.get(LEARNERS, headers=headers).json()["count"]
    assert first.post(LEARNERS, json=_learner("gone1"), headers=headers).status_code == 201
    assert second.post("/__admin/reset", json={}).status_code == 200
    headers = _token(first)
    assert first.get(LEARNERS, headers=headers).json()["count"] == seeded


def test_a_snapshot_taken_in_memory_restores_on_the_engine(engine: EngineServer):
    with ThreadedServer(_settings()) as memory, httpx.Client(base_url=memory.url) as alone:
        headers = _token(alone)
        assert alone.post(LEARNERS, json=_learner("moved1"), headers=headers).status_code == 201
        taken = alone.get("/__admin/snapshot").json()
    with ThreadedServer(_settings(engine.url)) as shared, \
            httpx.Client(base_url=shared.url) as client:
        assert client.put("/__admin/snapshot", json=taken).status_code == 200
        assert orjson.dumps(client.get("/__admin/snapshot").json(),
                            option=orjson.OPT_SORT_KEYS) == orjson.dumps(
            taken, option=orjson.OPT_SORT_KEYS)


def test_a_snapshot_taken_on_the_engine_restores_in_memory(engine: EngineServer):
    with ThreadedServer(_settings(engine.url)) as shared, \
            httpx.Client(base_url=shared.url) as client:
        headers = _token(client)
        assert client.post(LEARNERS, json=_learner("back1"), headers=headers).status_code == 201
        taken = client.get("/__admin/snapshot").json()
    with ThreadedServer(_settings()) as memory, httpx.Client(base_url=memory.url) as alone:
        assert alone.put("/__admin/snapshot", json=taken).status_code == 200
        assert _snapshot(alone) == orjson.dumps(taken, option=orjson.OPT_SORT_KEYS)


def test_max_worlds_evicts_the_least_recently_used_across_workers(engine: EngineServer):
    settings = Settings(start_time=FROZEN_AT, store=engine.url, max_worlds=3)
    with ThreadedServer(settings) as one, ThreadedServer(settings) as two:
        for n, server in enumerate([one, two, one, two]):
            assert httpx.get(server.url + "/__admin/clock",
                             headers={"X-Edumock-World": f"w{n}"}).status_code == 200
        names = [w["name"] for w in httpx.get(two.url + "/__admin/worlds").json()["worlds"]]
        assert sorted(names) == ["default", "w2", "w3"]
