"""Several ``edumock serve`` processes, and ``--workers 2``, on one engine serve one sandbox."""

from __future__ import annotations

import subprocess

import httpx
import orjson

from edumock.testing import ThreadedServer
from tests.engine.processes import EDUMOCK, serving
from tests.engine.server import EngineServer
from tests.engine.test_shared_state import LEARNERS, _learner, _settings, _token


def _snapshot(url: str) -> bytes:
    return orjson.dumps(httpx.get(url + "/__admin/snapshot").json(),
                        option=orjson.OPT_SORT_KEYS)


def _created_ids(urls: list[str]) -> list[int]:
    with httpx.Client(base_url=urls[0]) as first:
        headers = _token(first)
    ids = []
    for n in range(6):  # a new connection each time, alternating between the servers
        answer = httpx.post(urls[n % len(urls)] + LEARNERS, json=_learner(f"proc{n}"),
                            headers=headers)
        assert answer.status_code == 201, answer.text
        ids.append(answer.json()["id"])
    return ids


def _memory_ids_and_snapshot() -> tuple[list[int], bytes]:
    with ThreadedServer(_settings()) as memory:
        return _created_ids([memory.url]), _snapshot(memory.url)


def test_two_serve_processes_give_one_memory_process_ids_and_snapshot(engine: EngineServer):
    with serving(engine.url) as first, serving(engine.url) as second:
        ids = _created_ids([first, second])
        shared = _snapshot(first)
        assert shared == _snapshot(second)
    assert (ids, shared) == _memory_ids_and_snapshot()


def test_workers_share_one_sandbox(engine: EngineServer):
    with serving(engine.url, "--workers", "2") as url:
        ids = _created_ids([url])
        snapshots = {_snapshot(url) for _ in range(4)}
    assert (ids, snapshots) == (_memory_ids_and_snapshot()[0], {_memory_ids_and_snapshot()[1]})


def test_workers_without_a_store_are_refused_with_the_reason():
    done = subprocess.run([EDUMOCK, "serve", "--workers", "2"], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 2
    assert "--workers 2 needs --store" in done.stderr


def test_a_lease_too_short_to_renew_is_refused():
    done = subprocess.run([EDUMOCK, "serve", "--store", "redis://127.0.0.1:1", "--lease-ms",
                           "50"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stderr.startswith("edumock: --lease-ms 50 is too short")


def test_an_unreachable_store_is_a_one_line_error(tmp_path):
    done = subprocess.run([EDUMOCK, "serve", "--store", f"unix://{tmp_path}/none.sock"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stderr.startswith("edumock: cannot reach the store unix://")
    assert len(done.stderr.strip().splitlines()) == 1
