"""Near misses: for a request no operation declares, the closest operations and how they
differ (method, a path segment, a trailing slash), so a client's typo is found at a glance."""

from __future__ import annotations

from difflib import SequenceMatcher
from typing import Any

from edumock.contract.operations import Operation, Operations


def _segments(path: str) -> list[str]:
    return [part for part in path.strip("/").split("/") if part]


def _differences(method: str, path: str, operation: Operation) -> tuple[float, list[str]]:
    sent, declared = _segments(path), _segments(operation.template)
    notes: list[str] = []
    score = 0.0
    if method.upper() == operation.method:
        score += 1
    else:
        notes.append(f"method: sent {method.upper()}, declared {operation.method}")
    if len(sent) != len(declared):
        notes.append(f"path has {len(sent)} segments, {operation.template} has {len(declared)}")
    for index, (got, want) in enumerate(zip(sent, declared, strict=False), start=1):
        if (want.startswith("{") and want.endswith("}")) or got == want:
            score += 1
        else:
            score += SequenceMatcher(None, got, want).ratio()
            notes.append(f"path segment {index}: sent {got!r}, declared {want!r}")
    if path.endswith("/") != operation.template.endswith("/"):
        notes.append("trailing slash: " + ("sent, not declared" if path.endswith("/")
                                           else "declared, not sent"))
    else:
        score += 0.5
    return score - abs(len(sent) - len(declared)), notes


def near_misses(index: Operations, method: str, path: str, limit: int = 3
                ) -> list[dict[str, Any]]:
    """The ``limit`` declared operations closest to a request, each with what differs."""
    ranked = sorted(((*_differences(method, path, op), op) for op in index.operations
                     if op.platform is not None),
                    key=lambda item: -item[0])
    return [{"operationId": op.operation_id, "method": op.method, "path": op.template,
             "differences": notes} for _, notes, op in ranked[:limit] if notes]
