"""A world's journal in the engine, capped by entries and bytes like the in-memory one, and
shared by every worker: ``/__admin/requests`` and ``verify`` answer for the whole fleet.

An entry goes in with plain commands in one MULTI/EXEC (its id, the packed entry, its
weight, the byte total and its coverage counts): no script runs per request, because a
script call that carries a packed page costs the engine about four times the commands it
runs. The caps are then applied in two steps. Reading applies them exactly: only the newest
entries within both caps are shown, which is what dropping the oldest after every entry
would have kept. Storage applies them lazily: once the stored journal runs a quarter past
either cap, one script call drops the oldest down to the caps. The ids need no storage of
their own: every entry takes the next id in the same transaction that appends it, so the
stored entries carry consecutive ids ending at the last one given.
"""

from __future__ import annotations

from typing import Any

from edumock.world.coverage import CoverageCounts, CoverageNote
from edumock.world.engine.connection import Engine
from edumock.world.engine.entry_codec import pack, unpack
from edumock.world.engine.keys import WorldKeys
from edumock.world.engine.observations import EngineCoverage
from edumock.world.engine.scripts import JOURNAL_CLEAR, JOURNAL_TRIM
from edumock.world.journal import (
    BYTE_BUDGET,
    EntryFields,
    JournalCaps,
    JournalEntry,
    weight_of,
)

SLACK = 4
"""The stored journal may run 1/SLACK past either cap before its oldest entries go."""


def kept(weights: list[int], size: int, byte_budget: int) -> int:
    """How many of the newest entries (``weights`` oldest first) both caps keep, at least
    one: what dropping the oldest after every new entry would have left."""
    count = total = 0
    for weight in reversed(weights):
        if count and (count >= size or total + weight > byte_budget):
            break
        count += 1
        total += weight
    return count


class EngineJournal(JournalCaps):
    """A world's journal as engine lists: the packed entries (``entry_codec``) and, in step
    with them, each entry's weight against the byte budget."""

    def __init__(self, engine: Engine, keys: WorldKeys, size: int,
                 byte_budget: int = BYTE_BUDGET) -> None:
        super().__init__(size, byte_budget)
        self.engine = engine
        self.keys = keys
        self._trimming: Any = None
        """The last trim sent without waiting, while its reply has not come."""

    @property
    def dropped(self) -> int:
        """How many entries the caps pushed out since the world was made."""
        pipe = self.engine.client.pipeline(transaction=True)
        pipe.hget(self.keys.journal_ids, "dropped")
        pipe.lrange(self.keys.journal_marks, 0, -1)
        stored, marks = self.engine.call(pipe.execute)
        return int(stored or 0) + len(marks) - self._kept(marks)

    def record(self, fields: EntryFields, coverage: CoverageCounts,
               note: CoverageNote | None) -> JournalEntry:
        """Journal the entry of ``fields`` under a new id and count ``note``, in one round
        trip when the counts live in the same world's engine hash."""
        pipe = self.engine.client.pipeline(transaction=True)
        for command in self._commands(fields, self._coverage_fields(coverage, note)):
            pipe.execute_command(*command)
        return JournalEntry(id=self._added(self.engine.call(pipe.execute), wait=True),
                            **fields)

    async def record_async(self, fields: EntryFields, coverage: CoverageCounts,
                           note: CoverageNote | None) -> JournalEntry:
        """:meth:`record`, with the transaction sent at once and its reply awaited while the
        event loop serves other requests (on a Cluster, the ordinary way)."""
        writer = self.engine.writer()
        if writer is None:
            return self.record(fields, coverage, note)
        sent = writer.send_transaction(self._commands(fields,
                                                      self._coverage_fields(coverage, note)))
        return JournalEntry(id=self._added(await writer.settle(sent), wait=False), **fields)

    def _coverage_fields(self, coverage: CoverageCounts, note: CoverageNote | None
                         ) -> tuple[str, ...]:
        """The coverage hash fields the transaction adds one to; counts kept elsewhere are
        noted there now."""
        if note is None:
            return ()
        if isinstance(coverage, EngineCoverage) and coverage.key == self.keys.coverage:
            return coverage.fields(note)
        coverage.note(*note)
        return ()

    def _commands(self, fields: EntryFields, counted: tuple[str, ...]) -> list[tuple[Any, ...]]:
        """The commands that append the entry of ``fields`` and add one to each ``counted``
        coverage field, in this order."""
        keys, weight = self.keys, weight_of(fields)
        return [("HINCRBY", keys.journal_ids, "next", 1), ("RPUSH", keys.journal, pack(fields)),
                ("RPUSH", keys.journal_marks, weight), ("INCRBY", keys.journal_bytes, weight),
                *[("HINCRBY", keys.coverage, name, 1) for name in counted]]

    def _added(self, replies: list[Any], *, wait: bool) -> int:
        """The new entry's id, from the transaction's replies; past the slack, the oldest
        stored entries are dropped down to the caps (``wait``: before this returns)."""
        for reply in replies:
            if isinstance(reply, Exception):
                raise reply
        entry_id, count, _, total = (int(reply) for reply in replies[:4])
        if count > 1 and (count > self._size + self._size // SLACK
                          or total > self._byte_budget + self._byte_budget // SLACK):
            self._trim(wait)
        return entry_id

    def _trim(self, wait: bool) -> None:
        script = self.engine.script("journal-trim", JOURNAL_TRIM)
        keys = [self.keys.journal, self.keys.journal_ids, self.keys.journal_bytes,
                self.keys.journal_marks]
        args = [self._size, self._byte_budget]
        writer = self.engine.writer()
        if wait or writer is None:
            self.engine.call(script, keys=keys, args=args)
        elif self._trimming is None or writer.answered(self._trimming):
            # nothing waits for it (the reply is read and dropped), and answers that came in
            # together, each past the slack, send it once
            self._trimming = writer.send(("EVALSHA", script.sha, len(keys), *keys, *args),
                                         lambda: script(keys=keys, args=args))

    def _kept(self, marks: list[Any]) -> int:
        return kept([int(mark) for mark in marks], self._size, self._byte_budget)

    def entries(self) -> list[JournalEntry]:
        """Every kept entry, oldest first."""
        pipe = self.engine.raw_client.pipeline(transaction=True)  # all three at one instant
        pipe.hget(self.keys.journal_ids, "next")
        pipe.lrange(self.keys.journal_marks, 0, -1)
        pipe.lrange(self.keys.journal, 0, -1)
        last, marks, packed = self.engine.call(pipe.execute)
        first = len(packed) - self._kept(marks)
        first_id = int(last or 0) - len(packed) + 1
        return [unpack(first_id + n, packed[n]) for n in range(first, len(packed))]

    def clear(self) -> int:
        """Forget every entry (ids and the dropped count go on); how many there were."""
        script = self.engine.script("journal-clear", JOURNAL_CLEAR)
        return int(self.engine.call(script, keys=[
            self.keys.journal, self.keys.journal_ids, self.keys.journal_bytes,
            self.keys.journal_marks], args=[self._size, self._byte_budget]))
