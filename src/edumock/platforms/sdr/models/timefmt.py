"""Timestamps as SDR writes them: ISO 8601, UTC, second precision, ``Z`` suffix."""

from __future__ import annotations

from datetime import UTC, datetime


def iso(moment: datetime) -> str:
    """``2026-08-01T00:00:00Z``."""
    return moment.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def parse_iso(text: str) -> datetime:
    """The inverse of :func:`iso` (accepts any ISO 8601 instant)."""
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(UTC)
