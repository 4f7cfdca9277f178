"""SandboxClock: frozen or real time, moved only forward by advance()."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from edumock.world.clock import SandboxClock


def test_frozen_clock_stands_still_until_advanced():
    start = datetime(2026, 1, 1, tzinfo=UTC)
    clock = SandboxClock(start)
    assert clock.now() == start == clock.now()
    assert clock.advance(90) == start + timedelta(seconds=90)
    assert clock.offset_seconds == 90 and clock.frozen


def test_real_clock_follows_wall_time_plus_advance():
    clock = SandboxClock()
    before = clock.now()
    clock.advance(3600)
    assert clock.now() - before >= timedelta(seconds=3600)
    assert not clock.frozen and clock.now().tzinfo is not None


def test_clock_never_moves_backwards():
    with pytest.raises(ValueError):
        SandboxClock().advance(-1)
