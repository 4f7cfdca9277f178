"""In-memory store with serialised, all-or-nothing transactions.

One re-entrant lock guards the whole store: a transaction holds it from start
to commit, so no reader ever sees a half-applied change and concurrent writers
are serialised. Rollback replays an undo log, so a failed request leaves the
state exactly as it found it. A store may be given its initial contents as a
deferred fill (:meth:`InMemoryStore.defer`), run on first use under the lock.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any, TypeVar

from edumock.world.store.base import Record
from edumock.world.store.changes import note_commit, note_rollback

_MISSING: Any = object()
T = TypeVar("T")


class _UndoLog:
    """What a transaction changed, so it can be reversed (order included)."""

    def __init__(self) -> None:
        self.entries: list[tuple[str, str, Any]] = []
        self.key_order: dict[str, list[str]] = {}


def _grouped(records: list[Record], fields: tuple[str, ...]) -> dict[tuple[Any, ...], list[Record]]:
    """Records by their values of ``fields``, each group in insertion order."""
    groups: dict[tuple[Any, ...], list[Record]] = {}
    for record in records:
        key = tuple(record.get(field) for field in fields)
        groups.setdefault(key, []).append(record)
    return groups


class ChangeSet:
    """Which records changed since :meth:`InMemoryStore.track` began, so a shared engine is
    sent only those: per collection the keys written in the order new keys were appended,
    whether the collection's order changed otherwise (a delete, a rollback), and which
    collections were replaced whole (a snapshot taken up)."""

    def __init__(self) -> None:
        self.keys: dict[str, dict[str, None]] = {}
        self.reordered: set[str] = set()
        self.replaced: set[str] = set()

    def note(self, collection: str, key: str, appended: bool) -> None:
        keys = self.keys.setdefault(collection, {})
        if appended:
            keys.pop(key, None)  # appended keys keep the order they were appended in
        keys[key] = None

    def __bool__(self) -> bool:
        return bool(self.keys or self.reordered or self.replaced)


class InMemoryStore:
    """Collections of records keyed by string, guarded by one lock."""

    def __init__(self, name: str = "") -> None:
        self.name = name
        self._data: dict[str, dict[str, Record]] = {}
        self._lock = threading.RLock()
        self._undo: _UndoLog | None = None
        self._versions: dict[str, int] = {}
        self._derived: dict[tuple[str, Hashable], tuple[int, Any]] = {}
        self._pending: Callable[[], None] | None = None
        self._tracked: ChangeSet | None = None

    # -- deferred contents -------------------------------------------------
    def defer(self, fill: Callable[[], None]) -> None:
        """Run ``fill`` (which puts the initial records) when the store is first used, so a
        world nobody reads costs nothing to make. If it raises, the store is emptied again
        and the next use runs it once more."""
        with self._lock:
            self._pending = fill

    def _ready(self) -> None:
        fill = self._pending
        if fill is None:
            return
        self._pending = None
        try:
            fill()
        except BaseException:
            self._data = {name: {} for name in self._data}
            self._derived.clear()
            self._pending = fill
            raise

    # -- reads -----------------------------------------------------------
    def get(self, collection: str, key: str) -> Record | None:
        """The record stored under ``key``, or None."""
        with self._lock:
            self._ready()
            return self._data.get(collection, {}).get(key)

    def values(self, collection: str) -> list[Record]:
        """Every record of a collection, in insertion order."""
        with self._lock:
            self._ready()
            return list(self._data.get(collection, {}).values())

    def find(self, collection: str, **match: Any) -> list[Record]:
        """Records whose fields equal every given value, in insertion order.

        Answered from an index of the collection by the fields asked about (one derived value
        per set of fields, rebuilt only after the collection changes), so the lookups nested
        paths make for each record of a page cost a dictionary read, not a scan."""
        if not match:
            return self.values(collection)
        fields = tuple(sorted(match))
        try:
            wanted = tuple(match[field] for field in fields)
            index = self.derived(collection, ("find", fields), lambda rows: _grouped(rows, fields))
            return list(index.get(wanted, ()))
        except TypeError:  # a value that cannot be a dictionary key (a list, a dict)
            records = self.values(collection)
            for field, value in match.items():
                records = [record for record in records if record.get(field) == value]
            return records

    def derived(self, collection: str, key: Hashable, build: Callable[[list[Record]], T]) -> T:
        """A value computed from a collection (an index), rebuilt only after it changes."""
        with self._lock:
            self._ready()
            version = self._versions.get(collection, 0)
            hit = self._derived.get((collection, key))
            if hit is not None and hit[0] == version:
                value: T = hit[1]
                return value
            value = build(self.values(collection))
            self._derived[(collection, key)] = (version, value)
            return value

    def dump_collection(self, collection: str) -> dict[str, Record]:
        """One collection's records by key, in order."""
        with self._lock:
            self._ready()
            return dict(self._data.get(collection, {}))

    def dump(self) -> dict[str, dict[str, Record]]:
        """Every collection's records by key, in order (what a snapshot keeps)."""
        with self._lock:
            self._ready()
            return {name: dict(records) for name, records in self._data.items()}

    def load(self, data: Mapping[str, Mapping[str, Record]]) -> None:
        """Replace everything with ``data`` (a :meth:`dump`); indexes are rebuilt on demand.
        A deferred fill is dropped: ``data`` is the whole state."""
        with self._lock:
            self._pending = None
            self._data = {name: dict(records) for name, records in data.items()}
            for name in self._data:
                self._touch(name)
                if self._tracked is not None:
                    self._tracked.replaced.add(name)
            self._derived.clear()

    def counts(self) -> Mapping[str, int]:
        """Collection name to record count."""
        with self._lock:
            self._ready()
            return {name: len(records) for name, records in self._data.items()}

    def declare(self, *collections: str) -> None:
        """Make collections exist (empty) so they show up with a zero count."""
        with self._lock:
            for name in collections:
                self._data.setdefault(name, {})

    def load_collection(self, collection: str, records: Mapping[str, Record]) -> None:
        """Replace one collection (what a shared engine holds), keeping its order."""
        with self._lock:
            self._pending = None
            self._data[collection] = dict(records)
            self._touch(collection)

    # -- change tracking ---------------------------------------------------
    def track(self) -> ChangeSet:
        """Start noting changed keys afresh; the returned set fills as writes happen."""
        with self._lock:
            self._tracked = ChangeSet()
            return self._tracked

    def _note(self, collection: str, key: str, appended: bool) -> None:
        if self._tracked is not None:
            self._tracked.note(collection, key, appended)

    def _reordered(self, collection: str) -> None:
        if self._tracked is not None:
            self._tracked.reordered.add(collection)

    # -- writes ----------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[InMemoryStore]:
        """Serialise a change; undo everything it did if it raises."""
        with self._lock:
            self._ready()
            if self._undo is not None:  # nested: part of the outer transaction
                yield self
                return
            undo = self._undo = _UndoLog()
            try:
                yield self
            except BaseException:
                self._rollback(undo)
                note_rollback()
                raise
            finally:
                self._undo = None
            note_commit(self.name, undo.entries, _MISSING,
                        lambda collection, key: key in self._data.get(collection, {}))

    def put(self, collection: str, key: str, record: Record) -> None:
        """Insert or replace a record."""
        with self._lock:
            self._ready()
            records = self._data.setdefault(collection, {})
            self._remember(collection, key, records.get(key, _MISSING))
            self._note(collection, key, key not in records)
            records[key] = record
            self._touch(collection)

    def delete(self, collection: str, key: str) -> bool:
        """Remove a record; False when there was none."""
        with self._lock:
            self._ready()
            records = self._data.get(collection, {})
            if key not in records:
                return False
            if self._undo is not None and collection not in self._undo.key_order:
                self._undo.key_order[collection] = list(records)
            self._remember(collection, key, records.pop(key))
            self._note(collection, key, False)
            self._reordered(collection)
            self._touch(collection)
            return True

    def _touch(self, collection: str) -> None:
        self._versions[collection] = self._versions.get(collection, 0) + 1

    def _remember(self, collection: str, key: str, previous: Any) -> None:
        if self._undo is not None:
            self._undo.entries.append((collection, key, previous))

    def _rollback(self, undo: _UndoLog) -> None:
        for collection, key, previous in reversed(undo.entries):
            self._touch(collection)
            self._reordered(collection)
            records = self._data.setdefault(collection, {})
            if previous is _MISSING:
                records.pop(key, None)
            else:
                records[key] = previous
        for collection, order in undo.key_order.items():
            records = self._data[collection]
            self._data[collection] = {key: records[key] for key in order if key in records}
