"""The request journal: every platform request a world served, newest last, size-capped.

Tests verify their client against it ("operation X was called N times with a
body like Y") instead of instrumenting the client. Each entry keeps the
request and response (bodies cut at a limit), the operation the spec matched,
a verdict, and the records the request created, changed or deleted.
"""

from __future__ import annotations

import itertools
import threading
from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any, Protocol

from edumock.world.coverage import CoverageCounts, CoverageNote

OUTCOME_KEY = "edumock_outcome"
"""Request-context key where the error router notes why a request failed."""
REFUSAL_KEY = "edumock_refusal"
"""Request-context key where the error router names the refusal (a platform's error code)."""
PROBLEMS_KEY = "edumock_problems"
"""Request-context key where the error router lists what broke the spec in a request."""
CHANGES_KEY = "edumock_changes"
"""Request-context key where the handler wrapper leaves the records a request touched."""
TRANSACTIONS_KEY = "edumock_transactions"
"""Request-context key where the handler wrapper leaves how many store transactions the
request committed and rolled back (a pair)."""
FAULT_KEY = "edumock_fault"
"""Request-context key where the fault middleware names the fault it applied to a request."""
ADMIN_CHANGE_KEY = "edumock_admin_change"
"""Request-context key where an admin handler that changes a platform's records names the
platform, so the call is journaled (as an ``admin`` entry) though admin calls are not."""

VERDICTS: dict[str, str] = {
    "ok": "answered successfully",
    "refused": "refused by the platform's own rules",
    "invalid-request": "a parameter or the body broke the spec",
    "unauthenticated": "credentials missing or invalid",
    "forbidden": "credentials valid but not allowed",
    "no-route": "no operation declares this method and path",
    "invalid-response": "our answer broke our own spec (a bug)",
    "error": "failed unexpectedly",
    "fault": "answered by a fault from /__admin/faults",
    "prefer": "answered from the spec, as its Prefer: code header asked",
    "admin": "records put in place or removed through the admin API",
}
"""Every verdict a journal entry can carry, with its meaning."""

_OUTCOMES = {
    "parameter_invalid": "invalid-request", "body_missing": "invalid-request",
    "body_malformed": "invalid-request", "body_invalid": "invalid-request",
    "media_type_unsupported": "invalid-request", "unauthenticated": "unauthenticated",
    "forbidden": "forbidden", "route_not_found": "no-route",
    "method_not_allowed": "no-route", "response_invalid": "invalid-response",
    "internal": "error", "other": "refused", "refused": "refused", "fault": "fault",
    "prefer": "prefer"}


def verdict(outcome: str | None, status: int) -> str:
    """The verdict for what the error router noted (``outcome``) and the status sent."""
    if outcome is not None:
        return _OUTCOMES.get(outcome, "refused")
    return "ok" if status < 400 else ("error" if status >= 500 else "refused")


@dataclass(frozen=True, slots=True)
class JournalEntry:
    """One request and its answer."""

    id: int
    time: str
    world: str
    platform: str | None
    operation_id: str | None
    method: str
    path: str
    query: str
    status: int
    verdict: str
    duration_ms: float
    request_headers: dict[str, str]
    request_body: str
    response_body: str
    changes: list[dict[str, str]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The entry as the admin API shows it (camelCase keys)."""
        raw = asdict(self)
        return {"id": raw["id"], "time": raw["time"], "world": raw["world"],
                "platform": raw["platform"], "operationId": raw["operation_id"],
                "method": raw["method"], "path": raw["path"], "query": raw["query"],
                "status": raw["status"], "verdict": raw["verdict"],
                "durationMs": raw["duration_ms"], "requestHeaders": raw["request_headers"],
                "requestBody": raw["request_body"], "responseBody": raw["response_body"],
                "changes": raw["changes"], "problems": raw["problems"]}


BYTE_BUDGET = 4 * 1024 * 1024
"""The most body and header text one world's journal holds. The entry cap alone would let a
thousand large answers in each of a hundred worlds take gigabytes; past this budget the oldest
entries go first, as they do past the entry cap."""

_ENTRY_OVERHEAD = 512
"""What an entry weighs besides its bodies and headers (ids, times, names)."""


EntryFields = Mapping[str, Any]
"""An entry's fields but its id, by name: what a journal is given, and gives the id to."""


def weight_of(fields: EntryFields) -> int:
    """What the entry of ``fields`` counts against the byte budget."""
    return _weight(fields["request_headers"], fields["request_body"], fields["response_body"])


def _weight(request_headers: dict[str, str], request_body: str, response_body: str) -> int:
    headers = sum(len(name) + len(value) for name, value in request_headers.items())
    return len(request_body) + len(response_body) + headers + _ENTRY_OVERHEAD


class EntryLog(Protocol):
    """What serving and the admin API need of a world's journal, wherever it is kept."""

    @property
    def capacity(self) -> int: ...
    @property
    def byte_budget(self) -> int: ...
    @property
    def dropped(self) -> int: ...
    def entries(self) -> list[JournalEntry]: ...
    def clear(self) -> int: ...
    def record(self, fields: EntryFields, coverage: CoverageCounts,
               note: CoverageNote | None) -> JournalEntry: ...
    async def record_async(self, fields: EntryFields, coverage: CoverageCounts,
                           note: CoverageNote | None) -> JournalEntry: ...


class JournalCaps:
    """The two caps of a journal, wherever its entries are kept."""

    def __init__(self, size: int, byte_budget: int) -> None:
        self._size = max(1, size)
        self._byte_budget = byte_budget

    @property
    def capacity(self) -> int:
        """How many entries are kept at most."""
        return self._size

    @property
    def byte_budget(self) -> int:
        """How much body and header text is kept at most."""
        return self._byte_budget


class Journal(JournalCaps):
    """A world's journal, bounded in entries and in bytes, so a long run cannot exhaust
    memory."""

    def __init__(self, size: int, byte_budget: int = BYTE_BUDGET) -> None:
        super().__init__(size, byte_budget)
        self._entries: deque[tuple[JournalEntry, int]] = deque()
        self._bytes = 0
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self.dropped = 0

    def next_id(self) -> int:
        """A new entry id (ids keep increasing across clears)."""
        with self._lock:
            return next(self._ids)

    def add(self, entry: JournalEntry) -> None:
        """Append an entry, dropping the oldest beyond the entry cap or the byte budget (the
        newest entry is always kept)."""
        weight = _weight(entry.request_headers, entry.request_body, entry.response_body)
        with self._lock:
            self._entries.append((entry, weight))
            self._bytes += weight
            while len(self._entries) > 1 and (len(self._entries) > self._size
                                              or self._bytes > self._byte_budget):
                _, gone = self._entries.popleft()
                self._bytes -= gone
                self.dropped += 1

    def record(self, fields: EntryFields, coverage: CoverageCounts,
               note: CoverageNote | None) -> JournalEntry:
        """Count a request for coverage (``note``, if any) and journal the entry of
        ``fields`` under a new id; one step, so a shared journal can do both in one round
        trip."""
        if note is not None:
            coverage.note(*note)
        entry = JournalEntry(id=self.next_id(), **fields)
        self.add(entry)
        return entry

    async def record_async(self, fields: EntryFields, coverage: CoverageCounts,
                           note: CoverageNote | None) -> JournalEntry:
        """:meth:`record`, for callers on an event loop (a shared journal awaits its
        engine there)."""
        return self.record(fields, coverage, note)

    def entries(self) -> list[JournalEntry]:
        """Every kept entry, oldest first."""
        with self._lock:
            return [entry for entry, _ in self._entries]

    def clear(self) -> int:
        """Forget every entry; how many there were."""
        with self._lock:
            count = len(self._entries)
            self._entries.clear()
            self._bytes = 0
            return count


def matching(entries: Iterable[JournalEntry], **wanted: Any) -> list[JournalEntry]:
    """Entries whose fields equal every given (non-None) value; ``path`` may end in ``*``."""
    found = []
    for entry in entries:
        keep = True
        for name, value in wanted.items():
            if value is None:
                continue
            actual = getattr(entry, name)
            if name == "path" and isinstance(value, str) and value.endswith("*"):
                keep = keep and str(actual).startswith(value[:-1])
            else:
                keep = keep and str(actual) == str(value)
        if keep:
            found.append(entry)
    return found
