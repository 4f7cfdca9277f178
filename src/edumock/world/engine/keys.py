"""Where a shared engine (Valkey or Redis) keeps each part of a world.

Every key of one world carries the world's name as its hash tag (``edumock:{name}:...``), so
a Redis or Valkey Cluster keeps a whole world on one node and every script touching it stays
on that node; different worlds spread over the nodes.
"""

from __future__ import annotations

REGISTRY = "edumock:worlds"
"""Sorted set: every world's name, scored by the engine time (ms) it was last used."""
VIOLATIONS = "edumock:violations"
"""List: the responses that broke the sandbox's own spec, newest last."""


class WorldKeys:
    """The key names of one world."""

    def __init__(self, world: str) -> None:
        self.world = world
        self.base = f"edumock:{{{world}}}"
        self.versions = f"{self.base}:versions"
        """Hash: each collection's version, ``@meta``, ``@world`` (bumped by every commit),
        ``@epoch`` (new each time the world is made) and ``#seq`` (the order counter)."""
        self.meta = f"{self.base}:meta"
        """Hash: ``state``, the world's seed, clock, random stream and faults as JSON."""
        self.lock = f"{self.base}:lock"
        """String: the fencing token of the worker holding the world's lease."""
        self.next = f"{self.base}:next"
        """String: the token of the worker whose turn is next (claimed while it waits)."""
        self.fence = f"{self.base}:fence"
        """Counter: fencing tokens and epochs; never deleted, so they keep increasing."""
        self.journal = f"{self.base}:journal"
        """List: the journal's entries, oldest first, each packed by ``entry_codec`` (stored
        as the worker sent it, so the engine never copies an entry around)."""
        self.journal_marks = f"{self.base}:journal:marks"
        """List: the weight of each entry against the byte budget, in step with the journal
        list (an entry's id follows from its place: ``engine/journal.py``)."""
        self.journal_ids = f"{self.base}:journal:ids"
        """Hash: ``next`` (the last id handed out) and ``dropped`` (entries the caps dropped)."""
        self.journal_bytes = f"{self.base}:journal:bytes"
        """Counter: the kept entries' total weight, held under the byte budget."""
        self.coverage = f"{self.base}:coverage"
        """Hash: coverage counts by JSON key (``["call", platform, operation, status]`` or
        ``["refusal", platform, code]``)."""

    def records(self, field: str) -> str:
        """Hash of one collection's records by key (``field`` is ``platform/collection``)."""
        return f"{self.base}:r:{field}"

    def order(self, field: str) -> str:
        """Sorted set of one collection's keys, scored in insertion order."""
        return f"{self.base}:o:{field}"

    def observed(self) -> list[str]:
        """The keys of what the world's requests were (journal and coverage), not its state."""
        return [self.journal, self.journal_marks, self.journal_ids, self.journal_bytes,
                self.coverage]

    def all(self, fields: list[str]) -> list[str]:
        """Every key of the world's state (not its fence), for a wipe."""
        return [self.versions, self.meta, *self.observed(), *(self.records(f) for f in fields),
                *(self.order(f) for f in fields)]
