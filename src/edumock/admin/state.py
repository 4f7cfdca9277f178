"""GET /__admin/state/...: what a platform holds, for inspection from tests."""

from __future__ import annotations

from typing import Any

from connexion.exceptions import ProblemException

from edumock.serving.sandbox import Sandbox
from edumock.world import World


def _platform_or_404(sandbox: Sandbox, world: World, platform: str) -> str:
    """The platform's name, its due background work applied first; 404 for an unknown one."""
    found = sandbox.platform(platform)
    if found is None:
        raise ProblemException(
            status=404, title="Not Found", detail=f"unknown platform {platform!r}"
        )
    if found.settle is not None:
        found.settle(world)
    return platform


def collections(sandbox: Sandbox, world: World, platform: str) -> dict[str, Any]:
    """Each collection of the platform with its record count."""
    name = _platform_or_404(sandbox, world, platform)
    return {"platform": name, "collections": dict(world.store(name).counts())}


def records(sandbox: Sandbox, world: World, platform: str, collection: str) -> dict[str, Any]:
    """Every record of one collection, in insertion order."""
    store = world.store(_platform_or_404(sandbox, world, platform))
    if collection not in store.counts():
        raise ProblemException(
            status=404, title="Not Found",
            detail=f"platform {platform!r} has no collection {collection!r}",
        )
    values = store.values(collection)
    return {"platform": platform, "collection": collection, "count": len(values),
            "records": values}
