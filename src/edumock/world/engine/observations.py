"""What a sandbox observes of its requests, kept in the engine so every worker sees every
worker's: a world's coverage counts, and the sandbox's log of responses that broke its own
spec (the journal is ``engine/journal.py``; an entry's coverage counts go in with it, in one
round trip). ``verify`` and ``/__admin/coverage`` then answer for the whole fleet, not for
whichever worker happened to serve the admin call.
"""

from __future__ import annotations

import functools
import logging
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import asdict
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import orjson

from edumock.errors import StoreUnavailable
from edumock.world.coverage import CoverageNote
from edumock.world.engine.connection import Engine
from edumock.world.engine.keys import VIOLATIONS, WorldKeys

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

logger = logging.getLogger("edumock.store")


class EngineCoverage:
    """A world's coverage counts as one engine hash, each field a JSON-encoded count key."""

    def __init__(self, engine: Engine, keys: WorldKeys) -> None:
        self.engine = engine
        self.key = keys.coverage

    @staticmethod
    @functools.lru_cache(maxsize=4096)
    def fields(note: CoverageNote) -> tuple[str, ...]:
        """The hash fields one request adds one to (a sandbox answers few kinds of requests,
        so each kind's fields are worked out once)."""
        platform, operation_id, status, refusal = note
        if platform is None:
            return ()
        found = []
        if operation_id is not None:
            found.append(orjson.dumps(["call", platform, operation_id, status]).decode())
        if refusal:
            found.append(orjson.dumps(["refusal", platform, refusal]).decode())
        return tuple(found)

    def note(self, platform: str | None, operation_id: str | None, status: int,
             refusal: str | None) -> None:
        """Count one request of a platform."""
        fields = self.fields(CoverageNote(platform, operation_id, status, refusal))
        if fields:
            pipe = self.engine.client.pipeline(transaction=False)
            for name in fields:
                pipe.hincrby(self.key, name, 1)
            self.engine.call(pipe.execute)

    def clear(self) -> None:
        """Start counting afresh."""
        self.engine.call(self.engine.client.delete, self.key)

    def _counts(self) -> list[tuple[list[Any], int]]:
        stored: dict[Any, Any] = self.engine.call(self.engine.client.hgetall, self.key)
        return [(orjson.loads(name), int(count)) for name, count in stored.items()]

    def calls(self) -> Counter[tuple[str, str, int]]:
        """The call counts, by platform, operation and status."""
        return Counter({(str(k[1]), str(k[2]), int(k[3])): count
                        for k, count in self._counts() if k[0] == "call"})

    def refusals(self) -> Counter[tuple[str, str]]:
        """The refusal counts, by platform and code."""
        return Counter({(str(k[1]), str(k[2])): count
                        for k, count in self._counts() if k[0] == "refusal"})


R = TypeVar("R", bound="DataclassInstance")


class EngineViolations(Generic[R]):
    """The sandbox's capped log of responses that broke its own spec, as an engine list
    shared by every worker. Records are dataclasses, kept as JSON and remade by ``make``."""

    def __init__(self, engine: Engine, size: int, make: Callable[..., R]) -> None:
        self.engine = engine
        self.size = max(1, size)
        self.make = make

    def append(self, record: R) -> None:
        """Keep a violation (the oldest goes beyond the cap). A lost engine loses it, with a
        warning: the request it came from already answered."""
        pipe = self.engine.client.pipeline(transaction=True)
        pipe.rpush(VIOLATIONS, orjson.dumps(asdict(record)))
        pipe.ltrim(VIOLATIONS, -self.size, -1)
        try:
            self.engine.call(pipe.execute)
        except StoreUnavailable:
            logger.warning("response violation not kept, the state store is unreachable: %s",
                           record)

    def __len__(self) -> int:
        return int(self.engine.call(self.engine.client.llen, VIOLATIONS))

    def __iter__(self) -> Iterator[R]:
        stored: list[Any] = self.engine.call(self.engine.client.lrange, VIOLATIONS, 0, -1)
        return iter([self.make(**orjson.loads(item)) for item in stored])

    def clear(self) -> None:
        """Forget every violation."""
        self.engine.call(self.engine.client.delete, VIOLATIONS)
