"""The sandbox clock: the only source of "now" in edumock.

Every time-dependent rule reads a world's clock, so tests move time with
``POST /__admin/clock`` instead of sleeping. The clock either follows real time
(plus any advance) or is frozen at a start instant, which makes whole runs
reproducible.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta


def real_utc_now() -> datetime:
    """Wall-clock time; called only here, so determinism can be enforced by lint."""
    return datetime.now(UTC)


class SandboxClock:
    """A clock that can be advanced, and optionally frozen, per world."""

    def __init__(self, start: datetime | None = None) -> None:
        self._frozen_at = start.astimezone(UTC) if start is not None else None
        self._offset = timedelta(0)
        self._lock = threading.Lock()

    @property
    def frozen(self) -> bool:
        """True when time only moves through :meth:`advance`."""
        return self._frozen_at is not None

    def now(self) -> datetime:
        """The current sandbox instant, always timezone-aware UTC."""
        base = self._frozen_at if self._frozen_at is not None else real_utc_now()
        with self._lock:
            return base + self._offset

    def advance(self, seconds: float) -> datetime:
        """Move sandbox time forward; negative values are refused."""
        if seconds < 0:
            raise ValueError("the sandbox clock only moves forward")
        with self._lock:
            self._offset += timedelta(seconds=seconds)
        return self.now()

    @property
    def offset_seconds(self) -> float:
        """How far the clock has been advanced in total."""
        return self._offset.total_seconds()
