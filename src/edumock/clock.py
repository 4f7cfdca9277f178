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

    def state(self) -> dict[str, object]:
        """What a snapshot keeps: the frozen instant (None: real time) and the advance."""
        with self._lock:
            frozen = self._frozen_at.isoformat() if self._frozen_at is not None else None
            return {"frozenAt": frozen, "offsetSeconds": self._offset.total_seconds()}

    def restore(self, state: dict[str, object]) -> None:
        """Take up a snapshot's clock: the same frozen instant, or real time, and advance."""
        frozen = state.get("frozenAt")
        with self._lock:
            self._frozen_at = datetime.fromisoformat(str(frozen)) if frozen else None
            self._offset = timedelta(seconds=float(str(state.get("offsetSeconds", 0))))

    @property
    def offset_seconds(self) -> float:
        """How far the clock has been advanced in total."""
        return self._offset.total_seconds()
