"""Which records a request created, changed or deleted: noted when a transaction commits.

A request runs on one thread from its handler to its last write, so a
thread-local list collects the committed changes of whatever the handler
did; rolled-back transactions note nothing. The request journal shows them.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
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


@contextmanager
def recording() -> Iterator[list[Change]]:
    """Collect the changes committed on this thread while the block runs."""
    previous = getattr(_LOCAL, "changes", None)
    changes: list[Change] = []
    _LOCAL.changes = changes
    try:
        yield changes
    finally:
        _LOCAL.changes = previous


def note_commit(store: str, entries: Iterable[tuple[str, str, Any]], missing: Any,
                exists: Callable[[str, str], bool]) -> None:
    """Record a committed transaction's writes (``entries`` are its undo log: collection, key
    and the value before the first write)."""
    changes: list[Change] | None = getattr(_LOCAL, "changes", None)
    if changes is None:
        return
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
