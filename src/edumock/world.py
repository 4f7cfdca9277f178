"""A world: one platform-independent bundle of state, clock and randomness.

Each world holds one store per platform, one :class:`SandboxClock`, one
:class:`SeededRandom` and its request :class:`Journal`. Resetting a world
rebuilds all of it from the fixtures and the seed, which is what makes a run
reproducible byte for byte.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from edumock.clock import SandboxClock
from edumock.faults import Faults
from edumock.fixtures.context import FixtureContext
from edumock.fixtures.loader import FixtureSet
from edumock.journal import Journal
from edumock.platform import Platform
from edumock.randomness import SeededRandom
from edumock.store import InMemoryStore


class World:
    """State for every platform, plus the clock and randomness they share."""

    def __init__(
        self,
        name: str,
        seed: int,
        platforms: Sequence[Platform],
        fixtures: FixtureSet,
        start_time: datetime | None,
        journal_size: int = 1000,
    ) -> None:
        self.name = name
        self.journal = Journal(journal_size)
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
