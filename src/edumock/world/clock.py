"""The sandbox clock: the only source of "now" in edumock.

Every time-dependent rule reads a world's clock, so tests move time with
``POST /__admin/clock`` instead of sleeping. The clock either follows real time
(plus any advance) or is frozen at a start instant, which makes whole runs
reproducible.
"""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta


def real_utc_now() -> datetime:
    """Wall-clock time; called only here, so determinism can be enforced by lint."""
    return datetime.now(UTC)


LAST_YEAR = 9000
"""The clock stops short of the last date Python can hold (9999), so an expiry or a return period
computed from "now" still fits."""


def _checked(frozen_at: datetime | None, offset: timedelta, seconds: float) -> timedelta:
    """``offset`` plus ``seconds``, if the instant it makes is before :data:`LAST_YEAR`;
    ValueError otherwise (a clock past the last date would fail every later request)."""
    try:
        moved = offset + timedelta(seconds=seconds)
        late = ((frozen_at or real_utc_now()) + moved).year >= LAST_YEAR
    except OverflowError:
        late = True
    if late:
        raise ValueError(f"the sandbox clock cannot move to the year {LAST_YEAR} or later")
    return moved


class SandboxClock:
    """A clock that can be advanced, and optionally frozen, per world."""

    def __init__(self, start: datetime | None = None) -> None:
        self._frozen_at = start.astimezone(UTC) if start is not None else None
        self._offset = timedelta(0)
        self._lock = threading.Lock()
        self._engine_lead: float | None = None
        """On a shared engine: its clock's POSIX seconds minus this process's monotonic
        seconds, as last read."""

    def follow(self, engine_now: datetime) -> None:
        """Read real time from a shared engine's clock (``engine_now`` is its instant now)
        rather than this process's, so every worker of a shared sandbox sees one time."""
        with self._lock:
            self._engine_lead = engine_now.timestamp() - time.monotonic()

    def _real_now(self) -> datetime:
        if self._engine_lead is None:
            return real_utc_now()
        return datetime.fromtimestamp(self._engine_lead + time.monotonic(), UTC)

    @property
    def frozen(self) -> bool:
        """True when time only moves through :meth:`advance`."""
        return self._frozen_at is not None

    def now(self) -> datetime:
        """The current sandbox instant, always timezone-aware UTC."""
        with self._lock:
            base = self._frozen_at if self._frozen_at is not None else self._real_now()
            return base + self._offset

    def advance(self, seconds: float) -> datetime:
        """Move sandbox time forward; negative values, and instants in the year
        :data:`LAST_YEAR` or later, are refused with the clock unchanged."""
        if seconds < 0:
            raise ValueError("the sandbox clock only moves forward")
        with self._lock:
            self._offset = _checked(self._frozen_at, self._offset, seconds)
        return self.now()

    def fingerprint(self) -> tuple[object, ...]:
        """The frozen instant and the advance, as they stand (cheap to compare)."""
        with self._lock:
            return self._frozen_at, self._offset

    def state(self) -> dict[str, object]:
        """What a snapshot keeps: the frozen instant (None: real time) and the advance."""
        with self._lock:
            frozen = self._frozen_at.isoformat() if self._frozen_at is not None else None
            return {"frozenAt": frozen, "offsetSeconds": self._offset.total_seconds()}

    def restore(self, state: dict[str, object]) -> None:
        """Take up a snapshot's clock: the same frozen instant, or real time, and advance."""
        frozen = state.get("frozenAt")
        with self._lock:
            frozen_at = datetime.fromisoformat(str(frozen)) if frozen else None
            self._offset = _checked(frozen_at, timedelta(0),
                                    float(str(state.get("offsetSeconds", 0))))
            self._frozen_at = frozen_at

    @property
    def offset_seconds(self) -> float:
        """How far the clock has been advanced in total."""
        return self._offset.total_seconds()
