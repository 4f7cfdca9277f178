"""/__admin/requests: read, filter, clear and verify the world's request journal."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from connexion.exceptions import ProblemException

from edumock.admin.near_miss import near_misses
from edumock.serving.sandbox import Sandbox
from edumock.world import World
from edumock.world.journal import JournalEntry, matching


def _view(sandbox: Sandbox, entry: JournalEntry) -> dict[str, Any]:
    shown = entry.to_json()
    if entry.verdict == "no-route":
        shown["nearMisses"] = near_misses(sandbox.operations, entry.method, entry.path)
    elif entry.verdict == "invalid-request":
        shown["hint"] = (f"the request reached {entry.operation_id} but broke its spec: "
                         + ("; ".join(entry.problems) or "see the response body"))
    return shown


def list_requests(sandbox: Sandbox, world: World, method: str | None = None,
                  path: str | None = None, platform: str | None = None,
                  operation_id: str | None = None, status: int | None = None,
                  verdict: str | None = None, limit: int | None = None,
                  since: str | None = None) -> dict[str, Any]:
    """Journaled requests, oldest first, filtered by any of the given fields (``since``: at or
    after that sandbox time)."""
    entries = matching(world.journal.entries(), method=method.upper() if method else None,
                       path=path, platform=platform, operation_id=operation_id,
                       status=status, verdict=verdict)
    if since is not None:
        try:
            start = datetime.fromisoformat(since)
        except ValueError:
            raise ProblemException(status=400, title="Bad Request",
                                   detail=f"since must be an ISO 8601 time, not {since!r}"
                                   ) from None
        entries = [e for e in entries if datetime.fromisoformat(e.time) >= start]
    if limit is not None:
        entries = entries[-limit:] if limit > 0 else []
    return {"count": len(entries), "capacity": world.journal.capacity,
            "dropped": world.journal.dropped,
            "requests": [_view(sandbox, entry) for entry in entries]}


def clear(world: World) -> dict[str, Any]:
    """Forget the world's journal."""
    return {"cleared": world.journal.clear()}


def _subset_diff(wanted: Any, actual: Any, at: str = "$") -> list[str]:
    """How ``actual`` fails to contain ``wanted`` (objects: every wanted key, recursively)."""
    if isinstance(wanted, dict):
        if not isinstance(actual, dict):
            return [f"{at}: expected an object, got {json.dumps(actual)}"]
        found: list[str] = []
        for key, value in wanted.items():
            if key not in actual:
                found.append(f"{at}.{key}: missing (expected {json.dumps(value)})")
            else:
                found.extend(_subset_diff(value, actual[key], f"{at}.{key}"))
        return found
    if wanted != actual:
        return [f"{at}: expected {json.dumps(wanted)}, got {json.dumps(actual)}"]
    return []


def _body(entry: JournalEntry) -> Any:
    try:
        return json.loads(entry.request_body) if entry.request_body else None
    except ValueError:
        return entry.request_body


def verify(sandbox: Sandbox, world: World, body: dict[str, Any]) -> dict[str, Any]:
    """Was an operation called the expected number of times (with a body containing ``body``)?
    Answers with the count, and a diff of each near candidate when it was not."""
    candidates = matching(world.journal.entries(), operation_id=body.get("operationId"),
                          method=str(body["method"]).upper() if body.get("method") else None,
                          path=body.get("path"))
    wanted_body = body.get("body")
    matched = [e for e in candidates
               if wanted_body is None or not _subset_diff(wanted_body, _body(e))]
    count = len(matched)
    checks = [(name, body[name]) for name in ("count", "atLeast", "atMost") if name in body]
    if not checks:
        checks = [("atLeast", 1)]
    verified = all({"count": count == limit, "atLeast": count >= limit,
                    "atMost": count <= limit}[name] for name, limit in checks)
    expected = ", ".join(f"{name} {limit}" for name, limit in checks)
    answer: dict[str, Any] = {"verified": verified, "expected": expected, "actual": count,
                              "matched": [e.id for e in matched]}
    if not verified:
        answer["diff"] = [{"request": e.id, "differences": _subset_diff(wanted_body, _body(e))}
                          for e in candidates if e not in matched][:10]
        answer["message"] = (f"expected {expected} matching call(s), found {count}"
                             + (f" among {len(candidates)} call(s) of the operation"
                                if candidates else "; the operation was never called"))
    return answer
