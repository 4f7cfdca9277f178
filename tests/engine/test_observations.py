"""What a sandbox observes of its requests is shared through the engine: the journal (and so
``verify``), coverage counts and response violations cover every worker's requests."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import hiredis
import httpx
import pytest
import redis

from edumock.settings import Settings
from edumock.testing import ThreadedServer
from edumock.world.coverage import CoverageCounter
from edumock.world.engine.connection import Engine
from edumock.world.engine.entry_codec import unpack
from edumock.world.engine.journal import EngineJournal
from edumock.world.engine.keys import WorldKeys
from edumock.world.engine.wire import Wire
from edumock.world.journal import EntryFields
from tests.conftest import FROZEN_AT
from tests.engine.processes import serving
from tests.engine.server import EngineServer
from tests.engine.test_shared_state import LEARNERS, _learner, _token


def _journal(url: str) -> dict[str, Any]:
    answer = httpx.get(url + "/__admin/requests")
    assert answer.status_code == 200, answer.text
    return dict(answer.json())


def _ids(url: str) -> list[int]:
    return [entry["id"] for entry in _journal(url)["requests"]]


def _create_statuses(url: str) -> dict[str, int]:
    tesla = httpx.get(url + "/__admin/coverage").json()["platforms"]["tesla"]
    return dict(next(op["statuses"] for op in tesla["operations"]
                     if op["operationId"] == "learner.create"))


def test_verify_journal_and_coverage_see_requests_sent_to_either_process(engine: EngineServer):
    with serving(engine.url) as first, serving(engine.url) as second:
        with httpx.Client(base_url=first) as client:
            headers = _token(client)
        for n, url in enumerate([first, second, second]):
            answer = httpx.post(url + LEARNERS, json=_learner(f"seen{n}"), headers=headers)
            assert answer.status_code == 201, answer.text
        refused = httpx.post(first + LEARNERS, json=_learner("seen0"), headers=headers)
        assert refused.status_code == 400  # a duplicate uid, refused whichever process asks
        for url in (first, second):
            verified = httpx.post(url + "/__admin/requests/verify", json={
                "method": "POST", "path": LEARNERS, "count": 4}).json()
            assert verified["verified"], verified
            one = httpx.post(url + "/__admin/requests/verify", json={
                "method": "POST", "path": LEARNERS, "body": {"uid": "seen1"}, "count": 1})
            assert one.json()["verified"], one.json()
            assert _ids(url) == [1, 2, 3, 4]
            assert _create_statuses(url) == {"201": 3, "400": 1}


def test_journal_caps_ids_clear_restore_and_reset_across_processes(engine: EngineServer):
    with serving(engine.url, "--journal-size", "3") as first, \
            serving(engine.url, "--journal-size", "3") as second:
        urls = [first, second]
        for n in range(7):
            assert httpx.get(urls[n % 2] + LEARNERS).status_code == 403
        for url in urls:  # the newest three of seven, ids strictly increasing
            journal = _journal(url)
            assert (journal["count"], journal["capacity"], journal["dropped"]) == (3, 3, 4)
            assert [e["id"] for e in journal["requests"]] == [5, 6, 7]
        assert httpx.delete(second + "/__admin/requests").json() == {"cleared": 3}
        assert _ids(first) == []
        httpx.get(first + LEARNERS)
        assert _ids(second) == [8]  # ids go on after a clear
        refusals = httpx.get(second + "/__admin/coverage").json()["platforms"]["tesla"]
        assert refusals["refusals"] == {"PermissionDenied": 8}  # kept apart from the journal
        snapshot = httpx.get(first + "/__admin/snapshot").json()
        assert httpx.put(second + "/__admin/snapshot", json=snapshot).status_code == 200
        assert _ids(first) == [8]  # restoring state leaves the journal, as in memory
        assert httpx.post(second + "/__admin/reset").status_code == 200
        assert _ids(first) == []  # a reset world starts a new journal, as in memory
        httpx.get(first + LEARNERS)
        assert _ids(second) == [1]
        coverage = httpx.get(second + "/__admin/coverage").json()["platforms"]["tesla"]
        assert coverage["refusals"] == {"PermissionDenied": 1}  # and new coverage counts


def _fields(body: str) -> EntryFields:
    return {"time": "", "world": "default", "platform": None, "operation_id": None,
            "method": "GET", "path": "/", "query": "", "status": 200, "verdict": "ok",
            "duration_ms": 0.0, "request_headers": {"a": "b"}, "request_body": "",
            "response_body": body, "changes": [], "problems": []}


def test_the_byte_budget_holds_across_workers(engine: EngineServer):
    keys = WorldKeys("default")
    workers = [EngineJournal(Engine(engine.url), keys, 1000, byte_budget=11_000)
               for _ in range(2)]
    none = CoverageCounter()
    for n in range(10):  # each of about 3.5 KB: three fit in 11 KB
        workers[n % 2].record(_fields("x" * 3000), none, None)
    assert [e.id for e in workers[1].entries()] == [8, 9, 10]
    assert workers[0].dropped == 7
    workers[1].record(_fields("y" * 50_000), none, None)  # kept alone
    assert [e.id for e in workers[0].entries()] == [11]
    stored = redis.Redis.from_url(engine.url, decode_responses=True)
    assert int(stored.get(keys.journal_bytes) or 0) == 50_000 + 2 + 512


def test_the_engine_keeps_a_page_packed_and_gives_it_back_as_answered(engine: EngineServer):
    with ThreadedServer(Settings(start_time=FROZEN_AT, store=engine.url)) as server, \
            httpx.Client(base_url=server.url) as client:
        headers = _token(client)
        client.delete("/__admin/requests")
        answer = client.get(LEARNERS, params={"limit": 10}, headers=headers)
        shown = client.get("/__admin/requests").json()["requests"]
    assert answer.status_code == 200 and len(shown) == 1
    stored = redis.Redis.from_url(engine.url).lrange(WorldKeys("default").journal, 0, -1)
    assert len(stored) == 1
    assert len(stored[0]) < len(answer.content) / 3  # compressed, not the page's JSON
    kept = unpack(shown[0]["id"], stored[0])
    assert kept.response_body == answer.text == shown[0]["responseBody"]


@pytest.fixture
def broken_pair(engine: EngineServer, broken_specs: Path) -> Iterator[list[str]]:
    with ExitStack() as stack:
        yield [stack.enter_context(ThreadedServer(Settings(
            start_time=FROZEN_AT, store=engine.url, specs_dir=broken_specs,
            violation_log_size=2))).url
            for _ in range(2)]


def test_violations_from_either_worker_show_in_both_capped(broken_pair: list[str]):
    first, second = broken_pair
    for url in (first, second, second):
        answer = httpx.get(url + LEARNERS, headers={"Prefer": "code=200"})
        assert answer.json() == {"count": "many"}
    for url in (first, second):
        assert httpx.get(url + "/__admin/health").json()["responseViolations"] == 2
        shown = httpx.get(url + "/__admin/violations").json()["violations"]
        assert [v["path"] for v in shown] == [LEARNERS] * 2
        assert "Prefer example breaks the spec" in shown[0]["detail"]


def test_a_process_starting_from_a_snapshot_keeps_the_fleets_journal(engine: EngineServer,
                                                                      tmp_path: Path):
    with serving(engine.url) as first:
        state = tmp_path / "state.json"
        state.write_bytes(httpx.get(first + "/__admin/snapshot").content)
        httpx.get(first + LEARNERS)
        with serving(engine.url, "--state", str(state)) as second:
            assert _ids(second) == [1]  # its restore replaced the state, not the journal
            httpx.get(second + LEARNERS)
            assert _ids(first) == [1, 2]


def _command_names(packed: bytes) -> list[bytes]:
    """The names of the commands in RESP bytes as a client sends them."""
    reader = hiredis.Reader()
    reader.feed(packed)
    names = []
    while (command := reader.gets()) is not False:
        names.append(command[0])
    return names


def test_journal_and_coverage_cost_a_read_one_round_trip(engine: EngineServer,
                                                         monkeypatch: pytest.MonkeyPatch):
    sent: list[list[bytes]] = []
    """The commands of each write: one write, one round trip."""
    packed_command = redis.connection.AbstractConnection.send_packed_command
    wire_send = Wire.send

    def counted(self: Any, command: Any, check_health: bool = True) -> None:
        sent.append(_command_names(b"".join(command) if isinstance(command, list | tuple)
                                   else bytes(command)))
        packed_command(self, command, check_health)

    def counted_on_wire(self: Wire, data: bytes) -> None:
        sent.append(_command_names(data))
        wire_send(self, data)

    with ThreadedServer(Settings(start_time=FROZEN_AT, store=engine.url)) as server, \
            httpx.Client(base_url=server.url) as client:
        client.get(LEARNERS)
        monkeypatch.setattr(redis.connection.AbstractConnection, "send_packed_command",
                            counted)
        monkeypatch.setattr(Wire, "send", counted_on_wire)
        for _ in range(5):
            assert client.get(LEARNERS).status_code == 403
    journaled = [b"MULTI", b"HINCRBY", b"RPUSH", b"RPUSH", b"INCRBY",
                 b"HINCRBY", b"HINCRBY", b"EXEC"]  # the call and the refusal counted
    assert sent == [[b"HMGET"], journaled] * 5  # the sync, then journal and coverage


def test_each_answer_is_journaled_before_the_client_sees_it_whichever_worker_reads(
        engine: EngineServer):
    """A journal entry's command is in flight while its answer waits: the other process's
    journal already holds it when the client reads there right after each answer."""
    with serving(engine.url) as first, serving(engine.url) as second:
        with httpx.Client(base_url=first) as client:
            headers = _token(client)
        with httpx.Client() as client:
            for n in range(40):
                served, reader = (first, second) if n % 2 else (second, first)
                query = f"?limit={n + 1}"
                assert client.get(served + LEARNERS + query, headers=headers).status_code == 200
                last = _journal(reader)["requests"][-1]
                assert (last["path"], last["query"]) == (LEARNERS, query.lstrip("?"))


def test_a_journal_entry_survives_an_engine_that_forgot_its_scripts(engine: EngineServer):
    """An engine restarted without its scripts refuses the script by digest: the entry is
    sent again in full, not lost."""
    with serving(engine.url) as url, httpx.Client(base_url=url) as client:
        headers = _token(client)
        assert client.get(LEARNERS, headers=headers).status_code == 200
        redis.Redis.from_url(engine.url).script_flush()
        assert client.get(LEARNERS + "?limit=3", headers=headers).status_code == 200
        assert _journal(url)["requests"][-1]["query"] == "limit=3"
