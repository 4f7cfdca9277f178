"""The engine's journal keeps exactly what the in-memory journal keeps, entry for entry and
id for id, though it drops its oldest entries lazily (``world/engine/journal.py``)."""

from __future__ import annotations

import asyncio

import redis

from edumock.world.coverage import CoverageCounter
from edumock.world.engine.connection import Engine
from edumock.world.engine.journal import SLACK, EngineJournal, kept
from edumock.world.engine.keys import REGISTRY, WorldKeys
from edumock.world.engine.shared import SharedWorlds
from edumock.world.journal import EntryFields, Journal
from edumock.world.randomness import SeededRandom
from tests.engine.server import EngineServer

SIZE, BUDGET = 20, 40_000


def _fields(body: str) -> EntryFields:
    return {"time": "", "world": "caps", "platform": None, "operation_id": None,
            "method": "GET", "path": "/", "query": "", "status": 200, "verdict": "ok",
            "duration_ms": 0.0, "request_headers": {}, "request_body": "",
            "response_body": body, "changes": [], "problems": []}


def _seen(journal: Journal | EngineJournal) -> list[tuple[int, int]]:
    return [(entry.id, len(entry.response_body)) for entry in journal.entries()]


def test_kept_is_the_longest_newest_run_within_both_caps_and_never_none():
    assert kept([], 3, 100) == 0
    assert kept([10, 10, 10, 10], 3, 100) == 3  # the entry cap
    assert kept([60, 30, 30, 30], 9, 100) == 3  # the byte budget
    assert kept([10, 500], 3, 100) == 1  # one entry over the whole budget stays, alone
    assert kept([500, 10], 3, 100) == 1


def test_the_engine_journal_keeps_what_the_memory_journal_keeps(engine: EngineServer):
    keys = WorldKeys("caps")
    memory = Journal(SIZE, BUDGET)
    workers = [EngineJournal(Engine(engine.url), keys, SIZE, BUDGET) for _ in range(2)]
    counts = CoverageCounter()
    stored = redis.Redis.from_url(engine.url)
    rng = SeededRandom(7)
    beyond_caps = 0

    async def run() -> None:
        nonlocal beyond_caps
        for n in range(240):
            sizes = [10, 500, 3000, 9000, 45_000] if n < 160 else [10, 500]  # then the entry cap
            fields = _fields("x" * rng.choice(sizes))
            memory.record(fields, counts, None)
            worker = workers[n % 2]
            if n % 3:  # the event loop's way, whose drops are not awaited
                await worker.record_async(fields, counts, None)
            else:
                worker.record(fields, counts, None)
            assert _seen(worker) == _seen(memory), n
            assert workers[0].dropped == memory.dropped, n
            beyond_caps = max(beyond_caps, int(stored.llen(keys.journal)) - len(_seen(memory)))
            weight = int(stored.get(keys.journal_bytes) or 0)
            assert weight <= BUDGET + BUDGET // SLACK + 45_000 + 512, n  # not far behind
        assert workers[1].clear() == memory.clear()
        assert workers[0].dropped == memory.dropped
        memory.record(_fields("after the clear"), counts, None)
        await workers[1].record_async(_fields("after the clear"), counts, None)
        assert _seen(workers[0]) == _seen(memory)

    asyncio.run(run())
    assert beyond_caps > 0  # the oldest were dropped lazily


def test_the_entries_gauge_counts_what_the_caps_show_not_what_is_stored(engine: EngineServer):
    connection = Engine(engine.url)
    journal = EngineJournal(connection, WorldKeys("caps"), SIZE)
    connection.client.zadd(REGISTRY, {"caps": 1})
    for n in range(SIZE + SIZE // SLACK):  # up to the slack: nothing dropped in storage yet
        journal.record(_fields(f"entry {n}"), CoverageCounter(), None)
    assert connection.client.llen(WorldKeys("caps").journal) > SIZE
    worlds = SharedWorlds(connection, max_worlds=10, keep="default", journal_size=SIZE)
    assert worlds.journal_entries() == {"caps": SIZE} == {"caps": len(journal.entries())}
