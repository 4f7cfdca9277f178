"""Return periods: the month/year submissions an organisation may upload against.

A period's status is derived from the sandbox clock at read time, so
advancing the clock opens and closes windows without touching state.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from edumock.platforms.sdr.collections import RETURNS
from edumock.platforms.sdr.errors import PageOutsideData, ReturnNotFound
from edumock.platforms.sdr.models.timefmt import iso, parse_iso
from edumock.world.store import InMemoryStore, Record

FULL_RETURN_MONTHS = (4, 8, 12)
"""Months whose return is a Full SDR; the others are Indicative."""
WINDOW_CLOSES_DAY = 20
"""A month's window closes on this day of the following month."""


def return_key(edumis: str, return_id: str) -> str:
    """Store key of one organisation's return period."""
    return f"{edumis}:{return_id}"


def month_start(year: int, month: int) -> datetime:
    """Midnight UTC on the first of a month (months past 12 roll into the next year)."""
    year += (month - 1) // 12
    month = (month - 1) % 12 + 1
    return datetime(year, month, 1, tzinfo=UTC)


def new_period(edumis: str, year: int, month: int) -> Record:
    """A return period for one month: open from the 1st until the 20th of the next month."""
    opens = month_start(year, month)
    closes = month_start(year, month + 1).replace(day=WINDOW_CLOSES_DAY, hour=23, minute=59,
                                                  second=59)
    return {
        "edumis": edumis,
        "returnId": f"{year:04d}{month:02d}",
        "returnYear": year,
        "returnMonth": month,
        "openWindowDate": iso(opens),
        "closeWindowDate": iso(closes),
        "returnType": "Full" if month in FULL_RETURN_MONTHS else "Indicative",
    }


RETURN_STATUS = {"Upcoming": "Queued", "Open": "Accumulate", "Closed": "Processed"}
"""The reference's returnStatus vocabulary for each window state (see docs/sdr.md)."""


def status_of(period: Record, now: datetime) -> str:
    """``Upcoming`` before its window, ``Open`` inside it, ``Closed`` after."""
    if now < parse_iso(period["openWindowDate"]):
        return "Upcoming"
    if now > parse_iso(period["closeWindowDate"]):
        return "Closed"
    return "Open"


def is_open(period: Record, now: datetime) -> bool:
    """Whether uploads against this period are accepted now."""
    return status_of(period, now) == "Open"


def public_view(period: Record, now: datetime) -> dict[str, Any]:
    """The period as the returns list shows it: numeric ids, statuses from the clock."""
    window = status_of(period, now)
    return {
        **period,
        "edumis": int(period["edumis"]),
        "returnId": int(period["returnId"]),
        "closeDate": period["closeWindowDate"] if window == "Closed" else None,
        "returnStatus": RETURN_STATUS[window],
        "windowStatus": window,
    }


def find_period(store: InMemoryStore, edumis: str, return_id: str) -> Record:
    """The organisation's period, or :class:`ReturnNotFound`."""
    period = store.get(RETURNS, return_key(edumis, return_id))
    if period is None:
        raise ReturnNotFound(
            f"Return {return_id} is not available to organisation {edumis}.", return_id=return_id
        )
    return period


def list_periods(
    store: InMemoryStore, edumis: str, now: datetime, *, page: int, page_size: int,
    include_indicative: bool,
) -> dict[str, Any]:
    """One page of the organisation's periods, newest first."""
    periods = [
        p for p in store.find(RETURNS, edumis=edumis)
        if include_indicative or p["returnType"] == "Full"
    ]
    periods.sort(key=lambda p: p["returnId"], reverse=True)
    total = len(periods)
    start = (page - 1) * page_size
    if page > 1 and start >= total:
        raise PageOutsideData(
            f"Page {page} is outside the data: {total} return(s) at {page_size} per page."
        )
    results = [public_view(p, now) for p in periods[start:start + page_size]]
    return {"page": page, "pageSize": page_size, "totalCount": total, "results": results}
