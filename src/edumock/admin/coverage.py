"""/__admin/coverage: what of each spec the client under test has exercised in this world."""

from __future__ import annotations

from typing import Any

from connexion.exceptions import ProblemException

from edumock.serving.sandbox import Sandbox
from edumock.world import World, coverage


def read(sandbox: Sandbox, world: World, platform: str | None = None) -> dict[str, Any]:
    """Operations, documented statuses and refusals seen and never seen, per platform."""
    chosen = [p for p in sandbox.platforms if platform in (None, p.name)]
    if not chosen:
        raise ProblemException(status=404, title="Not Found",
                               detail=f"unknown platform {platform!r}")
    result = coverage.report(world.coverage, [sandbox.contract(p) for p in chosen])
    return {"world": world.name, **result}


def clear(world: World) -> dict[str, Any]:
    """Start counting afresh."""
    world.coverage.clear()
    return {"cleared": True}
