"""GET and POST /__admin/clock: read and advance the sandbox clock."""

from __future__ import annotations

from typing import Any

from connexion.exceptions import ProblemException

from edumock.world import World


def _describe(world: World) -> dict[str, Any]:
    clock = world.clock
    return {"now": clock.now().isoformat(), "offsetSeconds": clock.offset_seconds,
            "frozen": clock.frozen}


def read(world: World) -> dict[str, Any]:
    """The clock's current instant and total advance."""
    return _describe(world)


def advance(world: World, body: dict[str, Any]) -> dict[str, Any]:
    """Move time forward; every time-dependent rule reads this clock."""
    try:
        world.clock.advance(float(body["advance"]))
    except (OverflowError, ValueError) as error:
        raise ProblemException(status=400, title="Bad Request", detail=str(error)) from None
    return _describe(world)
