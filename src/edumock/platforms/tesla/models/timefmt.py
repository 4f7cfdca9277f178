"""Timestamps as Django REST framework renders them: ISO 8601 with microseconds and ``Z``."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone, tzinfo

from edumock.world.clock import SandboxClock


def iso(moment: datetime) -> str:
    """``2026-08-10T09:30:00Z`` (microseconds only when there are some), as DRF writes it."""
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def now_iso(clock: SandboxClock) -> str:
    """The sandbox's current instant, DRF-formatted."""
    return iso(clock.now())


_DATETIME = re.compile(
    r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})"
    r"[T ](?P<hour>\d{1,2}):(?P<minute>\d{1,2})"
    r"(?::(?P<second>\d{1,2})(?:[\.,](?P<microsecond>\d{1,6})\d{0,6})?)?"
    r"\s*(?P<tzinfo>Z|[+-]\d{2}(?::?\d{2})?)?$"
)


def parse_datetime(value: str) -> datetime | None:
    """Django's ``parse_datetime``: what ``datetime.fromisoformat`` reads, else Django's own
    pattern; None when neither matches, ValueError when the pattern matches an impossible
    date or offset."""
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        match = _DATETIME.match(value)
        if match is None:
            return None
        parts = match.groupdict()
        offset = parts.pop("tzinfo")
        zone: tzinfo | None = None
        if offset == "Z":
            zone = UTC
        elif offset is not None:
            minutes = 60 * int(offset[1:3]) + (int(offset[-2:]) if len(offset) > 3 else 0)
            zone = timezone(timedelta(minutes=-minutes if offset[0] == "-" else minutes))
        if parts["microsecond"]:
            parts["microsecond"] = parts["microsecond"].ljust(6, "0")
        numbers = {key: int(text) for key, text in parts.items() if text}
        return datetime(**numbers, tzinfo=zone)
