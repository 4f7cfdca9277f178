"""/__admin/worlds: the isolated worlds requests choose with ``X-Edumock-World``.

Each world is the whole sandbox state (every platform's store, a clock and
a random stream) generated from the same seed and fixtures on first use, so
parallel tests sharing one server never see each other's data.
"""

from __future__ import annotations

from typing import Any

from connexion.exceptions import ProblemException

from edumock.serving.sandbox import Sandbox
from edumock.world import World
from edumock.world.registry import WorldNameInvalid


def describe(world: World) -> dict[str, Any]:
    """A world's name, seed, clock and record counts per platform."""
    return {"name": world.name, "seed": world.seed, "now": world.clock.now().isoformat(),
            "frozen": world.clock.frozen, "offsetSeconds": world.clock.offset_seconds,
            "records": {platform: sum(store.counts().values())
                        for platform, store in world.stores.items()}}


def _named(name: str) -> str:
    try:
        return Sandbox.check_world_name(name)
    except WorldNameInvalid as error:
        raise ProblemException(status=400, title="Bad Request", detail=str(error)) from None


def list_worlds(sandbox: Sandbox) -> dict[str, Any]:
    """Every world, least recently used first, and how many may exist."""
    worlds = [sandbox.world_if_exists(name) for name in sandbox.world_names()]
    return {"worlds": [describe(world) for world in worlds if world is not None],
            "maxWorlds": sandbox.settings.max_worlds}


def read(sandbox: Sandbox, name: str) -> dict[str, Any]:
    """One existing world."""
    world = sandbox.world_if_exists(_named(name))
    if world is None:
        raise ProblemException(status=404, title="Not Found", detail=f"no world {name!r}")
    return describe(world)


def reset(sandbox: Sandbox, name: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
    """Regenerate one world (creating it if it does not exist), optionally under a new seed."""
    return describe(sandbox.reset(seed=(body or {}).get("seed"), name=_named(name)))


def delete(sandbox: Sandbox, name: str) -> tuple[None, int]:
    """Forget one world; its next request starts it afresh."""
    if not sandbox.delete_world(_named(name)):
        raise ProblemException(status=404, title="Not Found", detail=f"no world {name!r}")
    return None, 204
