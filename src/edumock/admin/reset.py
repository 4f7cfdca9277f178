"""POST /__admin/reset: regenerate state from the fixtures."""

from __future__ import annotations

from typing import Any

from edumock.sandbox import Sandbox


def reset(sandbox: Sandbox, body: dict[str, Any] | None = None) -> dict[str, Any]:
    """Rebuild the default world, under a new seed when one is given."""
    seed = (body or {}).get("seed")
    sandbox.reset(seed=seed)
    return {"status": "reset", "seed": sandbox.seed}
