"""Which records a request created, changed or deleted: noted when a transaction commits.

A request runs on one thread from its handler to its last write, so a
thread-local list collects the committed changes of whatever the handler
did; rolled-back transactions note nothing. The request journal shows them, and the
count of transactions committed and rolled back feeds the sandbox's metrics.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from typing import Any

_LOCAL = threading.local()


@dataclass(frozen=True, slots=True)
class Change:
    """One record's fate in one request."""

    store: str
    collection: str
    key: str
    kind: str  # created, changed or deleted

    def to_json(self) -> dict[str, str]:
        """A plain mapping for the journal."""
        return asdict(self)


@dataclass(slots=True)
class Recorded:
    """What one request's transactions did: the records they changed, and how many
    committed or rolled back."""

    changes: list[Change] = field(default_factory=list)
    committed: int = 0
    rolled_back: int = 0


@contextmanager
def recording() -> Iterator[Recorded]:
    """Collect the changes committed on this thread while the block runs."""
    previous = getattr(_LOCAL, "recorded", None)
    recorded = Recorded()
    _LOCAL.recorded = recorded
    try:
        yield recorded
    finally:
        _LOCAL.recorded = previous


def note_rollback() -> None:
    """Count a transaction undone because its block raised."""
    recorded: Recorded | None = getattr(_LOCAL, "recorded", None)
    if recorded is not None:
        recorded.rolled_back += 1


def note_commit(store: str, entries: Iterable[tuple[str, str, Any]], missing: Any,
                exists: Callable[[str, str], bool]) -> None:
    """Record a committed transaction's writes (``entries`` are its undo log: collection, key
    and the value before the first write)."""
    recorded: Recorded | None = getattr(_LOCAL, "recorded", None)
    if recorded is None:
        return
    recorded.committed += 1
    changes = recorded.changes
    seen: set[tuple[str, str]] = set()
    for collection, key, before in entries:
        if (collection, key) in seen:
            continue
        seen.add((collection, key))
        now = exists(collection, key)
        if before is missing and now:
            changes.append(Change(store, collection, key, "created"))
        elif before is not missing and not now:
            changes.append(Change(store, collection, key, "deleted"))
        elif before is not missing:
            changes.append(Change(store, collection, key, "changed"))
