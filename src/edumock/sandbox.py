"""The running sandbox: settings, platforms and worlds, shared by every request.

The app factory builds one :class:`Sandbox`; middleware puts it (and the
request's world) into Connexion's context, so handlers receive them as
arguments instead of reaching for globals.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass

from edumock.contract.loader import load_spec
from edumock.contract.operations import OperationIndex
from edumock.fixtures.loader import FixtureSet
from edumock.platform import Platform
from edumock.settings import Settings
from edumock.world import World

DEFAULT_WORLD = "default"


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
        self._worlds: dict[str, World] = {DEFAULT_WORLD: self._new_world(DEFAULT_WORLD)}
        self.violations: deque[ContractViolationRecord] = deque(
            maxlen=settings.violation_log_size
        )
        self.operations = OperationIndex(
            load_spec(settings.specs_dir / spec) for p in self.platforms for spec in p.specs
        )

    def _new_world(self, name: str) -> World:
        return World(name, self.seed, self.platforms, self.fixtures, self.settings.start_time)

    def world(self, name: str = DEFAULT_WORLD) -> World:
        """The named world (the default world when no name is given)."""
        return self._worlds[name]

    def reset(self, seed: int | None = None, name: str = DEFAULT_WORLD) -> World:
        """Regenerate a world from the fixtures, optionally under a new seed."""
        with self._lock:
            if seed is not None:
                self.seed = seed
            world = self._new_world(name)
            self._worlds[name] = world
            return world

    def platform(self, name: str) -> Platform | None:
        """The served platform of that name, if any."""
        return next((p for p in self.platforms if p.name == name), None)

    def owner_of(self, path: str) -> Platform | None:
        """The platform whose path prefix best matches ``path``."""
        best = max(self.platforms, key=lambda p: p.owns(path), default=None)
        return best if best is not None and best.owns(path) else None
