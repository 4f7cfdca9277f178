"""Timestamps as SDR writes them: ISO 8601, UTC, second precision, ``Z`` suffix."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

DATE_FIELDS = ("dateOfBirth", "courseStartDate", "courseEndDate", "completionDate")
"""Record fields that carry ISO 8601 dates or date-times."""


def iso(moment: datetime) -> str:
    """``2026-08-01T00:00:00Z``."""
    return moment.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def parse_iso(text: str) -> datetime:
    """The inverse of :func:`iso` (accepts any ISO 8601 instant)."""
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(UTC)


def parse_date(value: Any) -> date | None:
    """The UTC calendar date of an ISO 8601 date or date-time; None when it is not one."""
    if not isinstance(value, str):
        return None
    try:
        if "T" not in value:
            return date.fromisoformat(value)
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return (moment.astimezone(UTC) if moment.tzinfo else moment).date()


def dates_in_utc(record: dict[str, Any]) -> dict[str, Any]:
    """The record with every offset date-time rewritten in UTC, as SDR stores them."""
    converted = dict(record)
    for field in DATE_FIELDS:
        value = record.get(field)
        if isinstance(value, str) and "T" in value:
            try:
                moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
            except ValueError:
                continue
            converted[field] = iso(moment if moment.tzinfo else moment.replace(tzinfo=UTC))
    return converted
