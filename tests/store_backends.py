"""The backends a store's contract is tested on: the embedded in-memory store, and a world on
a real engine (Valkey/Redis) seen by two workers at once, whose writes commit through one
worker's replica and whose reads come from the other's after it syncs. A store test that
passes on both says a client sees the same store whichever backend and worker serve it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from edumock.world import World
from edumock.world.engine.connection import Engine
from edumock.world.engine.replica import Replica
from edumock.world.engine.shared import SharedWorlds
from edumock.world.seeding.context import FixtureContext
from edumock.world.seeding.loader import FixtureSet
from edumock.world.store import InMemoryStore

PLATFORM = "things"
WRITES = frozenset({"put", "delete"})


@dataclass(frozen=True)
class _Things:
    """A platform with no fixtures: its store starts empty."""

    name: str = PLATFORM
    collections: tuple[str, ...] = ()
    fixtures_file: str | None = None

    @property
    def build_state(self) -> Callable[[FixtureContext], None]:
        return lambda context: None


def _world() -> World:
    platforms = [_Things()]
    return World("contract", 7, platforms, FixtureSet.load(None, platforms),
                 datetime(2026, 8, 10, tzinfo=UTC))


class AcrossWorkers:
    """A store on the engine as two workers see it: writes (and transactions) go through
    the writer's replica and commit at once; reads sync the reader's replica first. Inside a
    transaction every call is the writer's, as within one request."""

    def __init__(self, writer: Replica, reader: Replica) -> None:
        self._writer = writer
        self._reader = reader
        self._depth = 0

    def _store(self, replica: Replica) -> InMemoryStore:
        return replica.world.stores[PLATFORM]

    def declare(self, *collections: str) -> None:
        """Both workers run the same platform code, so both declare its collections."""
        self._store(self._writer).declare(*collections)
        self._store(self._reader).declare(*collections)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        outermost = self._depth == 0
        if outermost:
            assert self._writer.sync()
            self._writer.begin()
        self._depth += 1
        try:
            with self._store(self._writer).transaction():
                yield
        finally:
            self._depth -= 1
            if outermost:
                self._writer.commit(None)

    def __getattr__(self, name: str) -> Any:
        if self._depth:
            return getattr(self._store(self._writer), name)
        if name in WRITES:
            def written(*args: Any, **kwargs: Any) -> Any:
                with self.transaction():
                    return getattr(self._store(self._writer), name)(*args, **kwargs)
            return written

        def read(*args: Any, **kwargs: Any) -> Any:
            assert self._reader.sync()
            return getattr(self._store(self._reader), name)(*args, **kwargs)
        return read


@contextmanager
def across_workers(url: str) -> Iterator[Any]:
    """A fresh world on the engine at ``url``, published by one worker and joined by a
    second one with its own connection."""
    engines = [Engine(url), Engine(url)]
    try:
        writer, reader = (SharedWorlds(engine, max_worlds=10, keep="default")
                          for engine in engines)
        writer_world, reader_world = _world(), _world()
        writer.adopt(writer_world)
        reader.adopt(reader_world)
        yield AcrossWorkers(writer.replica(writer_world), reader.replica(reader_world))
    finally:
        for engine in engines:
            engine.close()
