"""POST /__admin/tokens: credentials minted by the platform named in the body."""

from __future__ import annotations

from typing import Any

from connexion.exceptions import ProblemException

from edumock.serving.sandbox import Sandbox
from edumock.world import World


def mint(sandbox: Sandbox, world: World, body: dict[str, Any]) -> dict[str, Any]:
    """Delegate to the platform's token minter."""
    name = body["platform"]
    platform = sandbox.platform(name)
    if platform is None:
        raise ProblemException(status=404, title="Not Found", detail=f"unknown platform {name!r}")
    if platform.mint_token is None:
        raise ProblemException(
            status=400, title="Bad Request", detail=f"platform {name!r} has no credentials to mint"
        )
    claims = {key: value for key, value in body.items() if key != "platform"}
    try:
        return platform.mint_token(world, claims)
    except (TypeError, ValueError, OverflowError) as error:  # a claim of the wrong type
        raise ProblemException(status=400, title="Bad Request",
                               detail=f"claims not understood: {error}") from None
