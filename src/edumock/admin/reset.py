"""POST /__admin/reset: regenerate state from the fixtures."""

from __future__ import annotations

from typing import Any

from edumock.serving.sandbox import Sandbox
from edumock.world import World


def reset(sandbox: Sandbox, world: World, body: dict[str, Any] | None = None
          ) -> dict[str, Any]:
    """Rebuild the request's world (``X-Edumock-World``, else the default one), under a new
    seed when one is given; ``allWorlds`` drops every other world too."""
    options = body or {}
    seed = options.get("seed")
    if options.get("allWorlds"):
        sandbox.reset_all(seed=seed)
        return {"status": "reset", "seed": sandbox.seed, "world": "default"}
    rebuilt = sandbox.reset(seed=seed, name=world.name)
    return {"status": "reset", "seed": rebuilt.seed, "world": rebuilt.name}
