"""Pagination checks for DRF-style lists (``count``, ``next``, ``previous``, ``results``).

On one page: the page holds what ``count``, ``offset`` and ``limit`` say it
should, and ``next``/``previous`` exist exactly when there is more on either
side, pointing at the neighbouring offsets. Across pages of the same list
walked with no write in between: ``count`` never changes, and a walk from the
first page to the last returns ``count`` records, none twice.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from edumock.conformance.exchange import Exchange

Page = tuple[int, int, int, int]
"""(exchange index, offset, records on the page, count)."""


def _int(value: str | None, default: int | None) -> int | None:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def is_page(body: Any) -> bool:
    """Whether a body is a DRF limit/offset page."""
    return (isinstance(body, dict) and isinstance(body.get("count"), int)
            and isinstance(body.get("results"), list) and "next" in body and "previous" in body)


def _offset_of(link: str) -> int:
    return _int(dict(parse_qsl(urlsplit(link).query)).get("offset"), 0) or 0


def page_findings(exchange: Exchange, body: Any) -> list[tuple[str, str]]:
    """(message, JSON path) for each way one page contradicts itself."""
    if not is_page(body):
        return []
    query = dict(exchange.query)
    limit = _int(query.get("limit"), None)
    offset = _int(query.get("offset"), 0) or 0
    count, size = body["count"], len(body["results"])
    found: list[tuple[str, str]] = []
    if limit is not None:
        expected = max(0, min(limit, count - offset))
        if size != expected:
            found.append((f"the page holds {size} records; count {count}, offset {offset} and "
                          f"limit {limit} call for {expected}", "$.results"))
    end = offset + (limit if limit is not None else size)
    if (body["next"] is not None) != (end < count):
        state = "a next link" if body["next"] is not None else "no next link"
        found.append((f"{state} at offset {offset} of {count} records", "$.next"))
    elif body["next"] is not None and limit is not None and _offset_of(body["next"]) != end:
        found.append((f"next points at offset {_offset_of(body['next'])}, not {end}", "$.next"))
    if (body["previous"] is not None) != (offset > 0):
        state = "a previous link" if body["previous"] is not None else "no previous link"
        found.append((f"{state} at offset {offset}", "$.previous"))
    elif body["previous"] is not None and limit is not None:
        wanted = max(0, offset - limit)
        if _offset_of(body["previous"]) != wanted:
            found.append((f"previous points at offset {_offset_of(body['previous'])}, not "
                          f"{wanted}", "$.previous"))
    return found


@dataclass
class _List:
    operation: str
    label: str
    pages: list[Page] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)


class PaginationTracker:
    """Pages of the same list (same path and filters), grouped until a write intervenes."""

    def __init__(self) -> None:
        self._open: dict[tuple[str, str], _List] = {}
        self._closed: list[_List] = []

    def add(self, exchange: Exchange, operation: str, body: Any) -> None:
        """Remember a successful GET that returned a page."""
        if not is_page(body):
            return
        filters = sorted((k, v) for k, v in exchange.query if k not in ("offset", "limit"))
        key = (exchange.path, json.dumps(filters))
        group = self._open.setdefault(key, _List(operation, exchange.describe()))
        offset = _int(dict(exchange.query).get("offset"), 0) or 0
        group.pages.append((exchange.index, offset, len(body["results"]), body["count"]))
        group.keys.extend(json.dumps(r, sort_keys=True) for r in body["results"])

    def write_seen(self) -> None:
        """A non-GET call: what came before may legitimately differ from what follows."""
        self._closed.extend(self._open.values())
        self._open = {}

    def findings(self) -> list[tuple[str, int, str, str]]:
        """(operation, exchange index, label, message) for pages that disagree."""
        self.write_seen()
        found = []
        for group in self._closed:
            counts = {page[3] for page in group.pages}
            last = group.pages[-1]
            if len(counts) > 1:
                found.append((group.operation, last[0], group.label,
                              f"count changed between pages with no write in between: "
                              f"{sorted(counts)}"))
                continue
            offsets = sorted({page[1] for page in group.pages})
            walked = sum(page[2] for page in {p[1]: p for p in group.pages}.values())
            count = last[3]
            complete = bool(offsets) and offsets[0] == 0 and walked >= count
            if complete and len(group.pages) > 1 and (
                    len(set(group.keys)) != count or walked != count):
                found.append((group.operation, last[0], group.label,
                              f"walking every page gave {walked} records "
                              f"({len(set(group.keys))} distinct), count says {count}"))
        return found
