"""The running sandbox: settings, the served platforms, their operation table and their
worlds, shared by every request.

The app factory builds one :class:`Sandbox`; middleware puts it (and the request's world)
into Connexion's context, so handlers receive them as arguments instead of reaching for
globals.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol

from edumock.contract.operations import Operations, SpecDocument
from edumock.platform import Platform
from edumock.serving.metrics import Metrics
from edumock.settings import Settings
from edumock.world.engine.connection import Engine
from edumock.world.engine.observations import EngineViolations
from edumock.world.engine.shared import SharedWorlds
from edumock.world.registry import DEFAULT_WORLD, Worlds
from edumock.world.seeding.loader import FixtureSet

ADMIN_SPEC = "admin.yaml"
"""The sandbox's own API: health, reset, tokens, state, clock, journal, faults, worlds."""
SANDBOX_PREFIXES = ("/__admin", "/docs/")
"""Paths that drive or describe the sandbox rather than exercise a platform."""


def is_sandbox_path(path: str) -> bool:
    """The landing page, the admin API and the docs: never journaled, faulted or preferred."""
    return path == "/" or path.startswith(SANDBOX_PREFIXES)


@dataclass(frozen=True, slots=True)
class ContractViolationRecord:
    """A response of ours that broke our own spec: always a bug to fix."""

    method: str
    path: str
    detail: str


class ViolationLog(Protocol):
    """The sandbox's capped log of violations: a deque in memory, a list in the engine."""

    def append(self, record: ContractViolationRecord) -> None: ...
    def __len__(self) -> int: ...
    def __iter__(self) -> Iterator[ContractViolationRecord]: ...
    def clear(self) -> None: ...


class CountedViolations:
    """A violation log that also counts each violation, by the platform owning its path."""

    def __init__(self, log: ViolationLog, count: Callable[[str], None]) -> None:
        self.log = log
        self._count = count

    def append(self, record: ContractViolationRecord) -> None:
        self.log.append(record)
        self._count(record.path)

    def __len__(self) -> int:
        return len(self.log)

    def __iter__(self) -> Iterator[ContractViolationRecord]:
        return iter(self.log)

    def clear(self) -> None:
        self.log.clear()


class Sandbox(Worlds):
    """Settings, the served platforms and their operations, and the worlds holding state."""

    def __init__(self, settings: Settings, platforms: Sequence[Platform]) -> None:
        self.settings = settings
        self.platforms = tuple(platforms)
        self._by_name = {platform.name: platform for platform in self.platforms}
        shared = None
        if settings.store is not None:
            engine = Engine(settings.store)
            engine.ping()
            shared = SharedWorlds(engine, max_worlds=settings.max_worlds, keep=DEFAULT_WORLD,
                                  lease_ms=settings.lease_ms,
                                  journal_size=settings.journal_size)
        super().__init__(self.platforms, FixtureSet.load(settings.fixtures_dir, self.platforms),
                         seed=settings.seed, start_time=settings.start_time,
                         journal_size=settings.journal_size, max_worlds=settings.max_worlds,
                         shared=shared)
        self._contracts: dict[str, Operations] = {}
        self._contracts_lock = threading.Lock()
        self.metrics = Metrics(lambda: len(self.world_names()), self.journal_entries)
        log: ViolationLog = deque(maxlen=settings.violation_log_size)
        if shared is not None:  # every worker's violations, in one list
            log = EngineViolations(shared.engine, settings.violation_log_size,
                                   ContractViolationRecord)
        self.violations: ViolationLog = CountedViolations(
            log, lambda path: self.metrics.violation(self.operations.owner_of(path)))
        documents = [SpecDocument.read(p.name, settings.specs_dir / spec)
                     for p in self.platforms for spec in p.specs]
        documents.append(SpecDocument.read(None, settings.specs_dir / ADMIN_SPEC))
        # Like Starlette's router, the admin API answers HEAD wherever it declares GET; a
        # platform's framework answers the methods it names on every path of its specs.
        implicit = {spec: p.framework_methods for p in self.platforms for spec in p.specs}
        implicit[ADMIN_SPEC] = ("HEAD",)
        self.operations = Operations(
            documents, owners={p.name: p.path_prefixes for p in self.platforms},
            implicit=implicit)
        """Every served operation: the one table routing, journal, faults and checks read."""

    def contract(self, platform: Platform) -> Operations:
        """The platform's part of the operation table, as the checker reads it."""
        with self._contracts_lock:
            if platform.name not in self._contracts:
                self._contracts[platform.name] = self.operations.for_platform(platform.name)
            return self._contracts[platform.name]

    def platform(self, name: str) -> Platform | None:
        """The served platform of that name, if any."""
        return self._by_name.get(name)

    def owner_of(self, path: str) -> Platform | None:
        """The platform whose path prefix best matches ``path``."""
        name = self.operations.owner_of(path)
        return None if name is None else self.platform(name)
