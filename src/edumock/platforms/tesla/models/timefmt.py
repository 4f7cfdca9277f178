"""Timestamps as Django REST framework renders them: ISO 8601 with microseconds and ``Z``."""

from __future__ import annotations

from datetime import UTC, datetime

from edumock.world.clock import SandboxClock


def iso(moment: datetime) -> str:
    """``2026-08-10T09:30:00Z`` (microseconds only when there are some), as DRF writes it."""
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def now_iso(clock: SandboxClock) -> str:
    """The sandbox's current instant, DRF-formatted."""
    return iso(clock.now())
