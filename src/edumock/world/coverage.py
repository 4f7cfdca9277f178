"""Consumer coverage: which operations, documented statuses and refusals of each spec the
client under test has exercised in a world, and which it never has.

Counts are kept apart from the request journal, which is size-capped: a long
run forgets old requests but never loses coverage. An integrator can then see,
say, that their client never met a declined SDR token (the token operation's
429).
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterable
from typing import Any, NamedTuple, Protocol

from edumock.contract.operations import Operations


class CoverageNote(NamedTuple):
    """One request as coverage counts it."""

    platform: str | None
    operation_id: str | None
    status: int
    refusal: str | None


class CoverageCounts(Protocol):
    """What the journal and the admin API need of a world's counts, wherever they are kept."""

    def note(self, platform: str | None, operation_id: str | None, status: int,
             refusal: str | None) -> None: ...
    def clear(self) -> None: ...
    def calls(self) -> Counter[tuple[str, str, int]]: ...
    def refusals(self) -> Counter[tuple[str, str]]: ...


class CoverageCounter:
    """A world's counts: (operationId, status) calls and refusal codes per platform."""

    def __init__(self) -> None:
        self._calls: Counter[tuple[str, str, int]] = Counter()
        self._refusals: Counter[tuple[str, str]] = Counter()
        self._lock = threading.Lock()

    def note(self, platform: str | None, operation_id: str | None, status: int,
             refusal: str | None) -> None:
        """Count one request of a platform."""
        if platform is None:
            return
        with self._lock:
            if operation_id is not None:
                self._calls[(platform, operation_id, status)] += 1
            if refusal:
                self._refusals[(platform, refusal)] += 1

    def clear(self) -> None:
        """Start counting afresh."""
        with self._lock:
            self._calls.clear()
            self._refusals.clear()

    def calls(self) -> Counter[tuple[str, str, int]]:
        """A copy of the call counts."""
        with self._lock:
            return Counter(self._calls)

    def refusals(self) -> Counter[tuple[str, str]]:
        """A copy of the refusal counts."""
        with self._lock:
            return Counter(self._refusals)


def _documented(responses: dict[str, Any]) -> list[str]:
    return [status for status in responses if status != "default"]


def report(counter: CoverageCounts, contracts: Iterable[Operations]) -> dict[str, Any]:
    """Coverage of each platform's contract by what the counter saw."""
    calls, refusals = counter.calls(), counter.refusals()
    platforms: dict[str, Any] = {}
    for contract in contracts:
        operations: list[dict[str, Any]] = []
        for op in contract.operations:
            seen = {str(status): count for (platform, op_id, status), count in calls.items()
                    if platform == contract.platform and op_id == op.operation_id}
            documented = _documented(op.responses)
            operations.append({
                "operationId": op.operation_id, "method": op.method, "path": op.template,
                "calls": sum(seen.values()), "statuses": seen, "documented": documented,
                "statusesNeverSeen": [s for s in documented if s not in seen],
                "undocumentedSeen": [s for s in seen if op.response_for(int(s)) is None]})
        pairs = sum(len(o["documented"]) for o in operations)
        seen_pairs = sum(len(o["documented"]) - len(o["statusesNeverSeen"]) for o in operations)
        platforms[contract.platform] = {
            "operations": operations,
            "summary": {"operations": len(operations),
                        "operationsExercised": sum(1 for o in operations if o["calls"]),
                        "statuses": pairs, "statusesExercised": seen_pairs},
            "refusals": {code: count for (platform, code), count in sorted(refusals.items())
                         if platform == contract.platform}}
    return {"platforms": platforms}
