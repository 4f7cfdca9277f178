"""Django REST framework list behaviour, as the real TeSLA server configures it.

``LimitOffsetPagination`` (default 10, no maximum, invalid values fall back),
``SearchFilter`` (terms split on whitespace and commas, every term must match
some field, case-insensitive containment), ``OrderingFilter`` (comma list,
``-`` for descending, unknown fields dropped) and the ``Allow`` header
``APIView.finalize_response`` puts on every answer of a view. django-filter's filtersets are
in ``models/filters.py``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

if TYPE_CHECKING:
    from edumock.contract.operations import Target

DEFAULT_LIMIT = 10
VIEW_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")
"""DRF's ``http_method_names`` order, in which a view's ``Allow`` lists its methods."""

Record = Mapping[str, Any]


def _positive_int(raw: str | None, default: int, *, allow_zero: bool) -> int:
    """DRF's ``_positive_int`` with the fallback its pagination applies."""
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        return default
    if value < 0 or (value == 0 and not allow_zero):
        return default
    return value


def _replace_query(url: str, **changes: int | None) -> str:
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if k not in changes]
    query += [(k, str(v)) for k, v in changes.items() if v is not None]
    return urlunsplit(parts._replace(query=urlencode(query)))


def paginate(records: Sequence[Any], query: Mapping[str, str], url: str) -> dict[str, Any]:
    """``{count, next, previous, results}`` exactly as LimitOffsetPagination builds it."""
    limit = _positive_int(query.get("limit"), DEFAULT_LIMIT, allow_zero=False)
    offset = _positive_int(query.get("offset"), 0, allow_zero=True)
    count = len(records)
    next_url = None
    if offset + limit < count:
        next_url = _replace_query(url, limit=limit, offset=offset + limit)
    previous_url = None
    if offset > 0:
        if offset - limit <= 0:
            previous_url = _replace_query(url, limit=limit, offset=None)
        else:
            previous_url = _replace_query(url, limit=limit, offset=offset - limit)
    return {"count": count, "next": next_url, "previous": previous_url,
            "results": list(records[offset:offset + limit])}


def search_terms(raw: str | None) -> list[str]:
    """Terms of a ``?search=`` value: split on whitespace and commas, NULs dropped."""
    if not raw:
        return []
    return [term for term in re.split(r"[\s,]+", raw.replace("\x00", "")) if term]


def search_text(record: Any, fields: Sequence[Callable[[Any], Any]]) -> str:
    """The casefolded text a record is searched in: its fields joined by NUL, which no term
    holds, so no match spans two fields."""
    return "\x00".join(str(value) for get in fields
                       if (value := get(record)) is not None).casefold()


def search(records: Iterable[Any], raw: str | None, fields: Sequence[Callable[[Any], Any]],
           texts: Mapping[Any, str] | None = None) -> list[Any]:
    """Records where every term is contained (case-insensitively) in some field.

    ``texts`` maps a record's ``id`` to its precomputed :func:`search_text`.
    """
    terms = [term.casefold() for term in search_terms(raw)]
    items = list(records)
    if not terms or not fields:
        return items
    kept = []
    for record in items:
        text = texts.get(record["id"]) if texts is not None else None
        if text is None:
            text = search_text(record, fields)
        for term in terms:
            if term not in text:
                break
        else:
            kept.append(record)
    return kept


def _sort_key(value: Any) -> tuple[int, Any]:
    """Nulls sort last when ascending (first when descending), as PostgreSQL does."""
    if value is None:
        return (1, "")
    if isinstance(value, bool):
        return (0, int(value))
    return (0, value)


def order(records: list[Any], raw: str | None, allowed: Iterable[str],
          default: Sequence[str], getter: Callable[[str], Callable[[Any], Any]]) -> list[Any]:
    """Order by the ``?ordering=`` fields that are allowed, else by the view's default."""
    permitted = set(allowed)
    wanted = [f.strip() for f in (raw or "").split(",") if f.strip()]
    valid = [f for f in wanted if f.lstrip("-") in permitted]
    keys = valid or list(default)
    ordered = list(records)
    for key in reversed(keys):  # stable sorts, least significant key first
        values = _sort_values(ordered, getter(key.lstrip("-")))
        positions = sorted(range(len(ordered)), key=values.__getitem__,
                           reverse=key.startswith("-"))
        ordered = [ordered[position] for position in positions]
    return ordered


def _sort_values(records: list[Any], get: Callable[[Any], Any]) -> list[Any]:
    """Each record's sort value, read once; wrapped by :func:`_sort_key` only where a null or a
    boolean needs it (plain values compare exactly as their wrapped forms would)."""
    values = [get(record) for record in records]
    if any(value is None or isinstance(value, bool) for value in values):
        return [_sort_key(value) for value in values]
    return values


def view_headers(target: Target, status: int) -> dict[str, str]:
    """``Allow`` on every answer of a view (``APIView.finalize_response``), refusals included:
    the methods the path declares and the framework's ``HEAD`` (beside ``GET``) and ``OPTIONS``,
    in DRF's order. A 5xx is Django's own page, written after the view gave up, so it has
    none."""
    if status >= 500 or not target.allowed:
        return {}
    return {"Allow": ", ".join(m for m in VIEW_METHODS if m in target.allowed)}


def append_slash(location: str) -> tuple[int, dict[str, str]]:
    """Django's ``CommonMiddleware`` with ``APPEND_SLASH`` (``Platform.slash_redirect``): a path
    a view takes only with its final slash is a permanent redirect there, whatever the method
    (POST too, with DEBUG off), relative, with an empty HTML body and no ``Allow`` (no view
    answered)."""
    return 301, {"Location": location, "Content-Type": "text/html; charset=utf-8"}
