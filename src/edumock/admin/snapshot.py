"""GET and PUT /__admin/snapshot: export a world's whole state, and take one up again."""

from __future__ import annotations

from typing import Any

from connexion.exceptions import ProblemException

from edumock.admin.worlds import describe
from edumock.serving.sandbox import Sandbox
from edumock.world import SnapshotInvalid, World


def export(sandbox: Sandbox, world: World) -> dict[str, Any]:
    """The request's world as JSON, background work due by now applied first."""
    for platform in sandbox.platforms:
        if platform.settle is not None:
            platform.settle(world)
    return world.snapshot()


def restore(world: World, body: dict[str, Any]) -> dict[str, Any]:
    """Replace the request's world with a snapshot (all of it, or nothing when it does not
    fit this server)."""
    try:
        world.restore(body)
    except SnapshotInvalid as error:
        raise ProblemException(status=400, title="Bad Request", detail=str(error)) from None
    return describe(world)
