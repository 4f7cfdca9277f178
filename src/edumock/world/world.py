"""A world: one platform-independent bundle of state, clock and randomness.

Each world holds one store per platform, one :class:`SandboxClock`, one
:class:`SeededRandom` and its request :class:`Journal`. Resetting a world
rebuilds all of it from the fixtures and the seed, which is what makes a run
reproducible byte for byte.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from edumock.world.clock import SandboxClock
from edumock.world.coverage import CoverageCounter, CoverageCounts
from edumock.world.faults import Faults
from edumock.world.journal import EntryLog, Journal
from edumock.world.randomness import SeededRandom
from edumock.world.seeding.context import FixtureContext, Seedable
from edumock.world.seeding.loader import FixtureSet
from edumock.world.store import InMemoryStore

SNAPSHOT_FORMAT = 1


class SnapshotInvalid(ValueError):
    """A snapshot that this server cannot take up."""


class World:
    """State for every platform, plus the clock and randomness they share."""

    def __init__(
        self,
        name: str,
        seed: int,
        platforms: Sequence[Seedable],
        fixtures: FixtureSet,
        start_time: datetime | None,
        journal_size: int = 1000,
    ) -> None:
        self.name = name
        self.journal: EntryLog = Journal(journal_size)
        self.coverage: CoverageCounts = CoverageCounter()
        self.seed = seed
        self.clock = SandboxClock(start_time)
        root = SeededRandom(seed)
        self.rng = root.child("runtime")
        self.faults = Faults(root.child("faults"))
        self.stores: dict[str, InMemoryStore] = {}
        for platform in platforms:
            store = InMemoryStore(platform.name)
            store.declare(*platform.collections)
            self.stores[platform.name] = store
            context = FixtureContext(
                platform=platform.name,
                store=store,
                rng=root.child(f"fixtures:{platform.name}"),
                clock=self.clock,
                config=fixtures.for_platform(platform),
            )
            platform.build_state(context)

    def store(self, platform: str) -> InMemoryStore:
        """The store of one platform in this world."""
        return self.stores[platform]

    def meta_state(self) -> dict[str, Any]:
        """Everything of the world outside its stores that requests change: its seed, clock,
        random stream and faults (what a shared engine keeps beside the records)."""
        return {"seed": self.seed, "clock": self.clock.state(), "random": self.rng.getstate(),
                "faults": self.faults.state()}

    def meta_fingerprint(self) -> tuple[object, ...]:
        """Equal before and after a request that left :meth:`meta_state` alone, and much
        cheaper to take (no copying of the random streams)."""
        return (self.seed, self.clock.fingerprint(), self.rng.position(),
                self.faults.fingerprint())

    def take_meta_state(self, state: dict[str, Any]) -> None:
        """Take up a :meth:`meta_state` read from a shared engine."""
        self.seed = int(state["seed"])
        self.clock.restore(dict(state["clock"]))
        self.rng.setstate(list(state["random"]))
        self.faults.restore(dict(state["faults"]))

    def snapshot(self) -> dict[str, Any]:
        """The whole world as JSON-ready data: restoring it continues exactly from here (the
        same records, the next ids from the same random stream, the same clock)."""
        return {"format": SNAPSHOT_FORMAT, "world": self.name, "seed": self.seed,
                "clock": self.clock.state(), "random": self.rng.getstate(),
                "stores": {name: store.dump() for name, store in self.stores.items()}}

    def restore(self, snapshot: dict[str, Any]) -> None:
        """Take up a :meth:`snapshot`; SnapshotInvalid (nothing changed) when it does not fit."""
        if snapshot.get("format") != SNAPSHOT_FORMAT:
            raise SnapshotInvalid(f"not an edumock snapshot (format {SNAPSHOT_FORMAT} expected)")
        stores = snapshot.get("stores")
        if not isinstance(stores, dict) or set(stores) != set(self.stores):
            raise SnapshotInvalid(f"the snapshot holds platforms {sorted(stores or {})}, this "
                                  f"server serves {sorted(self.stores)}")
        if not all(isinstance(c, dict) and all(isinstance(r, dict) for r in c.values())
                   for store in stores.values() if isinstance(store, dict)
                   for c in store.values()):
            raise SnapshotInvalid("each store must map collections to records by key")
        try:
            self.rng.setstate(list(snapshot["random"]))
            self.clock.restore(dict(snapshot["clock"]))
        except (KeyError, TypeError, ValueError) as error:
            raise SnapshotInvalid(f"the snapshot's clock or random state is damaged: {error}"
                                  ) from None
        self.seed = int(snapshot.get("seed", self.seed))
        for name, data in stores.items():
            self.stores[name].load(data)
