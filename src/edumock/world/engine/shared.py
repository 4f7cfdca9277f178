"""The engine's side of a sandbox's worlds: which worlds exist (the registry, with last use
for ``--max-worlds``), the seed new worlds start from, and one replica per world this process
serves. A world is made from its seed by whichever worker first needs it, under the world's
lease, so every worker then reads the same records."""

from __future__ import annotations

import threading
from typing import Any

from edumock.world.engine.connection import Engine
from edumock.world.engine.journal import EngineJournal, kept
from edumock.world.engine.keys import REGISTRY, WorldKeys
from edumock.world.engine.lease import LEASE_MS, leased
from edumock.world.engine.observations import EngineCoverage
from edumock.world.engine.replica import Replica
from edumock.world.journal import BYTE_BUDGET
from edumock.world.world import World

SEED_KEY = "edumock:seed"
"""The seed new worlds start from (a reset of the default world with a seed changes it)."""


class SharedWorlds:
    """Worlds kept in a shared engine."""

    def __init__(self, engine: Engine, *, max_worlds: int, keep: str,
                 lease_ms: int = LEASE_MS, journal_size: int = 1000) -> None:
        self.engine = engine
        self.journal_size = journal_size
        """Each world's journal entry cap (the byte budget is the same for all)."""
        self.lease_ms = lease_ms
        """How long a world's lease lasts unrenewed."""
        self.max_worlds = max_worlds
        self.keep = keep
        """The world eviction never drops (the default one)."""
        self._replicas: dict[str, Replica] = {}
        self._lock = threading.Lock()

    def replica(self, world: World) -> Replica:
        """The replica of this world object (a new one when the world was remade locally).
        Every world kept in the engine passes here, so here its journal and coverage counts
        move to the engine too, where every worker's requests land."""
        with self._lock:
            replica = self._replicas.get(world.name)
            if replica is None or replica.world is not world:
                replica = self._replicas[world.name] = Replica(self.engine, world)
                world.journal = EngineJournal(self.engine, replica.keys, world.journal.capacity,
                                              world.journal.byte_budget)
                world.coverage = EngineCoverage(self.engine, replica.keys)
            return replica

    def seed(self, default: int) -> int:
        """The seed new worlds start from, as the engine remembers it."""
        stored = self.engine.call(self.engine.client.get, SEED_KEY)
        return default if stored is None else int(stored)

    def set_seed(self, seed: int) -> None:
        self.engine.call(self.engine.client.set, SEED_KEY, str(seed))

    def adopt(self, world: World) -> None:
        """A world this process just made from its seed: the engine's copy wins if there is
        one; otherwise this one becomes the engine's (older worlds evicted beyond the bound)."""
        replica = self.replica(world)
        if replica.sync():
            return
        with leased(self.engine, replica.keys, self.lease_ms) as token:
            if replica.sync():
                return
            replica.publish(token, self._fields(replica.keys))
        self._register(world.name)

    def publish(self, world: World, *, keep_journal: bool = False) -> None:
        """Replace the engine's copy of the world by this one (a reset), atomically; with
        ``keep_journal`` (a snapshot restored) its journal and coverage counts stay."""
        replica = self.replica(world)
        with leased(self.engine, replica.keys, self.lease_ms) as token:
            replica.publish(token, self._fields(replica.keys), keep_journal=keep_journal)
        self._register(world.name)

    def delete(self, name: str) -> bool:
        """Drop a world from the engine; False when it had none."""
        keys = WorldKeys(name)
        with leased(self.engine, keys, self.lease_ms):
            fields = self._fields(keys)
            removed = self.engine.call(self.engine.client.zrem, REGISTRY, name)
            self.engine.call(self.engine.client.delete, *keys.all(fields))
        with self._lock:
            self._replicas.pop(name, None)
        return bool(removed)

    def names(self) -> list[str]:
        """Every world in the engine, least recently used first."""
        names: list[Any] = self.engine.call(self.engine.client.zrange, REGISTRY, 0, -1)
        return [str(name) for name in names]

    def journal_entries(self) -> dict[str, int]:
        """Entries kept in the journal of each world in the engine, by world."""
        names = self.names()
        pipe = self.engine.pipeline()
        for name in names:
            pipe.lrange(WorldKeys(name).journal_marks, 0, -1)
        marks: list[Any] = self.engine.call(pipe.execute)
        return {name: kept([int(weight) for weight in weights], self.journal_size, BYTE_BUDGET)
                for name, weights in zip(names, marks, strict=True)}

    def exists(self, name: str) -> bool:
        return self.engine.call(self.engine.client.zscore, REGISTRY, name) is not None

    def _fields(self, keys: WorldKeys) -> list[str]:
        fields: list[Any] = self.engine.call(self.engine.client.hkeys, keys.versions)
        return [str(f) for f in fields if str(f)[0] not in "@#"]

    def _register(self, name: str) -> None:
        now = self.engine.now()
        self.engine.call(self.engine.client.zadd, REGISTRY, {name: now.timestamp() * 1000})
        surplus = len(self.names()) - max(1, self.max_worlds)
        if surplus > 0:
            for old in [n for n in self.names() if n not in (self.keep, name)][:surplus]:
                self.delete(old)
