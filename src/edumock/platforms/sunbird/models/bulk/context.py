"""What processing one upload's rows needs: the store, the uploader, and lookups kept current.

The lookups (users by email and phone, organisations by external id,
locations by code) are built once per run of rows and updated as each row
writes, instead of being rebuilt from the store after every write: a file of
100,000 rows then costs linear time.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from edumock.platforms.sunbird import collections as c
from edumock.platforms.sunbird.envelope import timestamp
from edumock.platforms.sunbird.models.bulk.csvfile import Row
from edumock.world.randomness import SeededRandom
from edumock.world.store import InMemoryStore, Record


class RowFailed(Exception):
    """A row the service refuses: reported in ``failureResult`` with ``err_msg``."""

    def __init__(self, message: str, operation: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.operation = operation


def fail(message: str, *args: object, operation: str | None = None) -> RowFailed:
    """A row failure with ``{0}``-style placeholders filled."""
    for index, value in enumerate(args):
        message = message.replace(f"{{{index}}}", str(value))
    return RowFailed(message, operation)


@dataclass
class RowContext:
    """One run of rows of one upload process."""

    store: InMemoryStore
    rng: SeededRandom
    now: datetime
    process: Record
    _indexes: dict[str, dict[str, Any]] = field(default_factory=dict)

    @functools.cached_property
    def stamp(self) -> str:
        """Now as Sunbird writes dates: one string shared by every record of the run."""
        return timestamp(self.now)

    @property
    def uploader(self) -> Record:
        """The user who uploaded the file."""
        return self.store.get(c.USERS, self.process["createdBy"]) or {}

    @property
    def root_org(self) -> Record:
        """The uploader's root organisation (its channel owns what the upload creates)."""
        return self.store.get(c.ORGANISATIONS, str(self.uploader.get("rootOrgId", ""))) or {}

    def index(self, name: str, collection: str, key: str | Callable[[Record], str | None]
              ) -> dict[str, Any]:
        """``collection``'s records by a field or a computed key (lower-cased), built on first
        use; records without one are left out."""
        if name not in self._indexes:
            read = key if callable(key) else (lambda record: record.get(key))
            index: dict[str, Any] = {}
            for record in self.store.values(collection):
                value = read(record)
                if value:
                    index[str(value).lower()] = record
            self._indexes[name] = index
        return self._indexes[name]

    def remember(self, name: str, value: str | None, record: Record) -> None:
        """Keep an index current after a write."""
        if value and name in self._indexes:
            self._indexes[name][value.lower()] = record

    def forget(self, name: str, value: str | None) -> None:
        """Drop a value an update replaced."""
        if value and name in self._indexes:
            self._indexes[name].pop(value.lower(), None)


def external_key(org: Record) -> str | None:
    """An organisation's external id within its channel (unique there, case-insensitively)."""
    external_id = org.get("externalId")
    return f"{org.get('channel')}:{external_id}" if external_id else None


def entry(row: Row, operation: str | None, **extra: Any) -> Record:
    """A result entry: the row's fields, what processing added, and the operation."""
    return {**row, **extra, "operation": operation}
