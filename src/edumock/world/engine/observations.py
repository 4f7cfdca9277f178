"""What a sandbox observes of its requests, kept in the engine so every worker sees every
worker's: a world's request journal and coverage counts, and the sandbox's log of responses
that broke its own spec. ``verify`` and ``/__admin/requests`` then answer for the whole fleet,
not for whichever worker happened to serve the admin call.

A journal entry and its coverage counts go in one script call, one round trip per request;
the script assigns the id, so ids keep increasing across workers.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import asdict
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import orjson

from edumock.errors import StoreUnavailable
from edumock.world.coverage import CoverageCounts, CoverageNote
from edumock.world.engine.connection import Engine
from edumock.world.engine.entry_codec import pack, unpack
from edumock.world.engine.keys import VIOLATIONS, WorldKeys
from edumock.world.engine.scripts import JOURNAL_ADD, JOURNAL_CLEAR
from edumock.world.journal import BYTE_BUDGET, JournalCaps, JournalEntry, weight_of

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

logger = logging.getLogger("edumock.store")


class EngineCoverage:
    """A world's coverage counts as one engine hash, each field a JSON-encoded count key."""

    def __init__(self, engine: Engine, keys: WorldKeys) -> None:
        self.engine = engine
        self.key = keys.coverage

    @staticmethod
    def fields(note: CoverageNote) -> list[str]:
        """The hash fields one request adds one to."""
        platform, operation_id, status, refusal = note
        if platform is None:
            return []
        found = []
        if operation_id is not None:
            found.append(orjson.dumps(["call", platform, operation_id, status]).decode())
        if refusal:
            found.append(orjson.dumps(["refusal", platform, refusal]).decode())
        return found

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


class EngineJournal(JournalCaps):
    """A world's journal as an engine list, capped by entries and bytes like the memory one:
    each entry packed (``entry_codec``), with its ``ID:WEIGHT`` in a list beside it so the
    script can keep the byte total as it drops."""

    def __init__(self, engine: Engine, keys: WorldKeys, size: int,
                 byte_budget: int = BYTE_BUDGET) -> None:
        super().__init__(size, byte_budget)
        self.engine = engine
        self.keys = keys

    @property
    def dropped(self) -> int:
        """How many entries the caps pushed out since the world was made."""
        stored = self.engine.call(self.engine.client.hget, self.keys.journal_ids, "dropped")
        return int(stored or 0)

    def next_id(self) -> int:
        """A new entry id (ids keep increasing across clears and workers)."""
        return int(self.engine.call(self.engine.client.hincrby, self.keys.journal_ids, "next",
                                    1))

    def add(self, entry: JournalEntry) -> None:
        """Append an entry under its own id, dropping the oldest beyond either cap."""
        self._send(entry, [], assign=False)

    def record(self, build: Callable[[int], JournalEntry], coverage: CoverageCounts,
               note: CoverageNote | None) -> JournalEntry:
        """Journal the entry ``build`` makes and count ``note``, in one round trip when the
        counts live in the same world's engine hash."""
        fields = self._coverage_fields(coverage, note)
        entry = build(0)
        return build(self._send(entry, fields, assign=True))  # cheaper than replace()

    async def record_async(self, build: Callable[[int], JournalEntry],
                           coverage: CoverageCounts, note: CoverageNote | None
                           ) -> JournalEntry:
        """:meth:`record`, with the command sent at once and its reply awaited while the
        event loop serves other requests (on a Cluster, the ordinary way)."""
        writer = self.engine.writer()
        if writer is None:
            return self.record(build, coverage, note)
        fields = self._coverage_fields(coverage, note)
        entry = build(0)
        script, keys, args = self._command(entry, fields, assign=True)
        sent = writer.send(("EVALSHA", script.sha, len(keys), *keys, *args),
                           lambda: script(keys=keys, args=args))
        return build(int(await writer.settle(sent)))  # cheaper than replace()

    def _coverage_fields(self, coverage: CoverageCounts, note: CoverageNote | None
                         ) -> list[str]:
        """The coverage hash fields the journal script adds one to; counts kept elsewhere
        are noted there now."""
        if note is None:
            return []
        if isinstance(coverage, EngineCoverage) and coverage.key == self.keys.coverage:
            return coverage.fields(note)
        coverage.note(*note)
        return []

    def _command(self, entry: JournalEntry, fields: list[str], *, assign: bool
                 ) -> tuple[Any, list[str], list[Any]]:
        """The journal script, its keys and its arguments for ``entry``."""
        keys = [self.keys.journal, self.keys.journal_ids, self.keys.journal_bytes,
                self.keys.coverage, self.keys.journal_marks]
        args = ["" if assign else str(entry.id), pack(entry), weight_of(entry), self._size,
                self._byte_budget, *fields]
        return self.engine.script("journal-add", JOURNAL_ADD), keys, args

    def _send(self, entry: JournalEntry, fields: list[str], *, assign: bool) -> int:
        script, keys, args = self._command(entry, fields, assign=assign)
        return int(self.engine.call(script, keys=keys, args=args))

    def entries(self) -> list[JournalEntry]:
        """Every kept entry, oldest first."""
        pipe = self.engine.raw_client.pipeline(transaction=True)  # both lists at one instant
        pipe.lrange(self.keys.journal_marks, 0, -1)
        pipe.lrange(self.keys.journal, 0, -1)
        marks, packed = self.engine.call(pipe.execute)
        return [unpack(int(mark.split(b":", 1)[0]), entry)
                for mark, entry in zip(marks, packed, strict=True)]

    def clear(self) -> int:
        """Forget every entry (ids and the dropped count go on); how many there were."""
        script = self.engine.script("journal-clear", JOURNAL_CLEAR)
        return int(self.engine.call(script, keys=[self.keys.journal, self.keys.journal_bytes,
                                                  self.keys.journal_marks]))


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
