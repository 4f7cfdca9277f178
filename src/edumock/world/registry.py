"""The named worlds of one sandbox: made from the seed on first use, the least recently used
dropped beyond a bound, reset and deleted one at a time.

A world is named by the ``X-Edumock-World`` header; the default world always exists. This is
the state a shared engine would keep beside the worlds themselves (names, seeds, recency).
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from edumock.world.engine.shared import SharedWorlds
from edumock.world.seeding.context import Seedable
from edumock.world.seeding.loader import FixtureSet
from edumock.world.world import World

DEFAULT_WORLD = "default"
WORLD_HEADER = "x-edumock-world"
"""The request header naming the world a request sees and changes."""
WORLD_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:@-]{0,63}$")


class WorldNameInvalid(ValueError):
    """A world name that is empty, too long or has characters outside ``[A-Za-z0-9_.:@-]``."""


def check_world_name(name: str) -> str:
    """``name`` when it can name a world; WorldNameInvalid otherwise."""
    if not WORLD_NAME.match(name):
        raise WorldNameInvalid(
            f"{name!r} cannot name a world: use 1 to 64 of A-Z a-z 0-9 _ . : @ -, "
            "starting with a letter or digit")
    return name


class Worlds:
    """Every world of a sandbox, by name, least recently used first."""

    def __init__(self, platforms: Sequence[Seedable], fixtures: FixtureSet, *, seed: int,
                 start_time: datetime | None, journal_size: int, max_worlds: int,
                 shared: SharedWorlds | None = None) -> None:
        self._platforms = tuple(platforms)
        self.fixtures = fixtures
        self.shared = shared
        """The engine holding every world (None: this process's memory holds them)."""
        self._seed = seed
        self._start_time = start_time
        self._journal_size = journal_size
        self._max_worlds = max_worlds
        self._lock = threading.Lock()
        self._worlds: OrderedDict[str, World] = OrderedDict(
            {DEFAULT_WORLD: self._new_world(DEFAULT_WORLD, self.seed)})

    check_world_name = staticmethod(check_world_name)

    @property
    def seed(self) -> int:
        """The seed new worlds start from (a reset of the default world may change it)."""
        return self._seed if self.shared is None else self.shared.seed(self._seed)

    def _set_seed(self, seed: int) -> None:
        self._seed = seed
        if self.shared is not None:
            self.shared.set_seed(seed)

    def _new_world(self, name: str, seed: int) -> World:
        """A world made from the seed; with a shared engine, the engine's copy if it has one."""
        world = World(name, seed, self._platforms, self.fixtures, self._start_time,
                      self._journal_size)
        if self.shared is not None:
            self.shared.adopt(world)
        return world

    def world(self, name: str = DEFAULT_WORLD, *, remake: bool = False) -> World:
        """The named world, created from the seed and fixtures on first use. Beyond the bound
        the least recently used world (never the default) is dropped, so a long run of
        per-test worlds cannot exhaust memory."""
        with self._lock:
            if remake:
                self._worlds.pop(name, None)
            world = self._worlds.get(name)
            if world is None:
                world = self._new_world(check_world_name(name), self.seed)
                self._worlds[name] = world
                self._evict()
            self._worlds.move_to_end(name)
            return world

    def _evict(self) -> None:
        while len(self._worlds) > max(1, self._max_worlds):
            oldest = next(name for name in self._worlds if name != DEFAULT_WORLD)
            del self._worlds[oldest]

    def world_names(self) -> list[str]:
        """Every existing world, least recently used first."""
        if self.shared is not None:
            return self.shared.names()
        with self._lock:
            return list(self._worlds)

    def journal_entries(self) -> dict[str, int]:
        """Entries kept in each world's journal, by world (with a shared engine, every
        worker's: the engine's journal lists)."""
        if self.shared is not None:
            return self.shared.journal_entries()
        with self._lock:
            worlds = list(self._worlds.values())
        return {world.name: len(world.journal.entries()) for world in worlds}

    def world_if_exists(self, name: str) -> World | None:
        """The named world if it exists, without creating it or touching its recency."""
        if self.shared is not None and not self.shared.exists(name):
            return None
        with self._lock:
            world = self._worlds.get(name)
        return world if world is not None or self.shared is None else self.world(name)

    def reset_all(self, seed: int | None = None) -> None:
        """Drop every world but the default one, and regenerate that."""
        with self._lock:
            for name in [n for n in self._worlds if n != DEFAULT_WORLD]:
                del self._worlds[name]
        if self.shared is not None:
            for name in self.shared.names():
                if name != DEFAULT_WORLD:
                    self.shared.delete(name)
        self.reset(seed=seed)

    def delete_world(self, name: str) -> bool:
        """Forget a world (the default world is regenerated instead); False when none."""
        if self.shared is not None:
            with self._lock:
                self._worlds.pop(name, None)
            if name == DEFAULT_WORLD:
                self.reset(name=name)
                return True
            return self.shared.delete(name)
        with self._lock:
            if name not in self._worlds:
                return False
            if name == DEFAULT_WORLD:
                self._worlds[name] = self._new_world(name, self.seed)
            else:
                del self._worlds[name]
            return True

    def restore(self, snapshot: dict[str, Any], name: str = DEFAULT_WORLD) -> World:
        """Take up a snapshot in a world (SnapshotInvalid, nothing changed, when it does not
        fit); with a shared engine every worker then sees it."""
        world = self.world(name)
        world.restore(snapshot)
        if self.shared is not None:
            self.shared.publish(world, keep_journal=True)
        return world

    def reset(self, seed: int | None = None, name: str = DEFAULT_WORLD) -> World:
        """Regenerate a world from the fixtures, optionally under a new seed. A new seed on the
        default world becomes the seed new worlds start from."""
        with self._lock:
            if seed is not None and name == DEFAULT_WORLD:
                self._set_seed(seed)
            world = World(check_world_name(name), self.seed if seed is None else seed,
                          self._platforms, self.fixtures, self._start_time, self._journal_size)
            if self.shared is not None:
                self.shared.publish(world)
            self._worlds[name] = world
            self._worlds.move_to_end(name)
            self._evict()
            return world
