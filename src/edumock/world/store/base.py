"""The store interface: named collections of JSON records, changed atomically.

Records are plain JSON-ready dicts so a world can be inspected, snapshotted
and compared byte for byte. A record is never mutated in place: callers put a
new dict, which is what lets a failed transaction roll back cleanly.
"""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import AbstractContextManager
from typing import Any, Protocol

Record = dict[str, Any]


class Transaction(Protocol):
    """Reads and writes inside one all-or-nothing change."""

    def get(self, collection: str, key: str) -> Record | None:
        """The record stored under ``key``, or None."""

    def values(self, collection: str) -> list[Record]:
        """Every record of a collection, in insertion order."""

    def put(self, collection: str, key: str, record: Record) -> None:
        """Insert or replace a record."""

    def delete(self, collection: str, key: str) -> bool:
        """Remove a record; False when there was none."""


class Store(Protocol):
    """A thread-safe set of collections; every change goes through a transaction."""

    def transaction(self) -> AbstractContextManager[Transaction]:
        """Open a serialised change that applies fully or not at all."""

    def get(self, collection: str, key: str) -> Record | None:
        """The record stored under ``key``, or None."""

    def values(self, collection: str) -> list[Record]:
        """Every record of a collection, in insertion order."""

    def find(self, collection: str, **match: Any) -> list[Record]:
        """Records whose fields equal every given value."""

    def counts(self) -> Mapping[str, int]:
        """Collection name to record count, for every declared collection."""

    def declare(self, *collections: str) -> None:
        """Make collections exist (empty) so they show up with a zero count."""
