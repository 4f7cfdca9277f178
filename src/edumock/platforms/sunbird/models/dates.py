"""Batch dates: strict ``yyyy-MM-dd``, end-of-day comparisons, status from the sandbox clock."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from typing import Any

from edumock.platforms.sunbird.errors import DATE_FORMAT_ERROR, SunbirdError

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_day(value: Any) -> date:
    """A strict ``yyyy-MM-dd`` date, or DATE_FORMAT_ERRROR."""
    if not isinstance(value, str) or not _DATE.match(value):
        raise SunbirdError(DATE_FORMAT_ERROR)
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise SunbirdError(DATE_FORMAT_ERROR) from None


def end_of_day(day: date) -> datetime:
    """The last instant of a day (batch end and enrolment end are inclusive)."""
    return datetime(day.year, day.month, day.day, tzinfo=UTC) + timedelta(days=1, microseconds=-1)


def batch_status(batch: dict[str, Any], now: datetime) -> int:
    """0 upcoming, 1 ongoing, 2 ended: from the batch's dates against the sandbox clock."""
    start = date.fromisoformat(batch["startDate"])
    if now.date() < start:
        return 0
    end = batch.get("endDate")
    if end and now > end_of_day(date.fromisoformat(end)):
        return 2
    return 1
