"""The running sandbox: settings, platforms and worlds, shared by every request.

The app factory builds one :class:`Sandbox`; middleware puts it (and the
request's world) into Connexion's context, so handlers receive them as
arguments instead of reaching for globals.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict, deque
from collections.abc import Sequence
from dataclasses import dataclass

from edumock.contract.operations import Operations, SpecDocument
from edumock.fixtures.loader import FixtureSet
from edumock.platform import Platform
from edumock.settings import Settings
from edumock.world import World

ADMIN_SPEC = "admin.yaml"
"""The sandbox's own API: health, reset, tokens, state, clock, journal, faults, worlds."""
DEFAULT_WORLD = "default"
WORLD_HEADER = "x-edumock-world"
"""The request header naming the world a request sees and changes."""
SANDBOX_PREFIXES = ("/__admin", "/docs/")
"""Paths that drive or describe the sandbox rather than exercise a platform."""


def is_sandbox_path(path: str) -> bool:
    """The landing page, the admin API and the docs: never journaled, faulted or preferred."""
    return path == "/" or path.startswith(SANDBOX_PREFIXES)


WORLD_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:@-]{0,63}$")


class WorldNameInvalid(ValueError):
    """A world name that is empty, too long or has characters outside ``[A-Za-z0-9_.:@-]``."""


@dataclass(frozen=True, slots=True)
class ContractViolationRecord:
    """A response of ours that broke our own spec: always a bug to fix."""

    method: str
    path: str
    detail: str


class Sandbox:
    """Settings, the served platforms, and the worlds holding their state."""

    def __init__(self, settings: Settings, platforms: Sequence[Platform]) -> None:
        self.settings = settings
        self.platforms = tuple(platforms)
        self.fixtures = FixtureSet.load(settings.fixtures_dir, list(platforms))
        self._lock = threading.Lock()
        self.seed = settings.seed
        self._worlds: OrderedDict[str, World] = OrderedDict(
            {DEFAULT_WORLD: self._new_world(DEFAULT_WORLD)})
        self._contracts: dict[str, Operations] = {}
        self.violations: deque[ContractViolationRecord] = deque(
            maxlen=settings.violation_log_size
        )
        documents = [SpecDocument.read(p.name, settings.specs_dir / spec)
                     for p in self.platforms for spec in p.specs]
        documents.append(SpecDocument.read(None, settings.specs_dir / ADMIN_SPEC))
        # Like Starlette's router, the admin API answers HEAD wherever it declares GET.
        self.operations = Operations(
            documents, owners={p.name: p.path_prefixes for p in self.platforms},
            implicit_head=[ADMIN_SPEC])
        """Every served operation: the one table routing, journal, faults and checks read."""

    def _new_world(self, name: str) -> World:
        return World(name, self.seed, self.platforms, self.fixtures, self.settings.start_time,
                     self.settings.journal_size)

    @staticmethod
    def check_world_name(name: str) -> str:
        """``name`` when it can name a world; WorldNameInvalid otherwise."""
        if not WORLD_NAME.match(name):
            raise WorldNameInvalid(
                f"{name!r} cannot name a world: use 1 to 64 of A-Z a-z 0-9 _ . : @ -, "
                "starting with a letter or digit")
        return name

    def world(self, name: str = DEFAULT_WORLD) -> World:
        """The named world, created from the seed and fixtures on first use. Beyond
        ``settings.max_worlds`` the least recently used world (never the default) is dropped,
        so a long run of per-test worlds cannot exhaust memory."""
        with self._lock:
            world = self._worlds.get(name)
            if world is None:
                world = self._new_world(self.check_world_name(name))
                self._worlds[name] = world
                self._evict()
            self._worlds.move_to_end(name)
            return world

    def _evict(self) -> None:
        while len(self._worlds) > max(1, self.settings.max_worlds):
            oldest = next(name for name in self._worlds if name != DEFAULT_WORLD)
            del self._worlds[oldest]

    def world_names(self) -> list[str]:
        """Every existing world, least recently used first."""
        with self._lock:
            return list(self._worlds)

    def world_if_exists(self, name: str) -> World | None:
        """The named world if it exists, without creating it or touching its recency."""
        with self._lock:
            return self._worlds.get(name)

    def reset_all(self, seed: int | None = None) -> None:
        """Drop every world but the default one, and regenerate that."""
        with self._lock:
            for name in [n for n in self._worlds if n != DEFAULT_WORLD]:
                del self._worlds[name]
        self.reset(seed=seed)

    def delete_world(self, name: str) -> bool:
        """Forget a world (the default world is regenerated instead); False when none."""
        with self._lock:
            if name not in self._worlds:
                return False
            if name == DEFAULT_WORLD:
                self._worlds[name] = self._new_world(name)
            else:
                del self._worlds[name]
            return True

    def reset(self, seed: int | None = None, name: str = DEFAULT_WORLD) -> World:
        """Regenerate a world from the fixtures, optionally under a new seed. A new seed on the
        default world becomes the seed new worlds start from."""
        with self._lock:
            if seed is not None and name == DEFAULT_WORLD:
                self.seed = seed
            world = World(self.check_world_name(name), self.seed if seed is None else seed,
                          self.platforms, self.fixtures, self.settings.start_time,
                          self.settings.journal_size)
            self._worlds[name] = world
            self._worlds.move_to_end(name)
            self._evict()
            return world

    def contract(self, platform: Platform) -> Operations:
        """The platform's part of the operation table, as the checker reads it."""
        with self._lock:
            if platform.name not in self._contracts:
                self._contracts[platform.name] = self.operations.for_platform(platform.name)
            return self._contracts[platform.name]

    def platform(self, name: str) -> Platform | None:
        """The served platform of that name, if any."""
        return next((p for p in self.platforms if p.name == name), None)

    def owner_of(self, path: str) -> Platform | None:
        """The platform whose path prefix best matches ``path``."""
        name = self.operations.owner_of(path)
        return None if name is None else self.platform(name)
