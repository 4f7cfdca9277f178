"""POST /submissions/v1.0/token/{returnId} and DELETE /submissions/v1.0/token/{token}/delete."""

from __future__ import annotations

from typing import Any

from edumock.platforms.sdr.models.backend import SdrBackend
from edumock.world import World


def request_token(world: World, token_info: dict[str, Any], return_id: str) -> dict[str, Any]:
    """Issue (or hand back) the submission token for a return period."""
    return SdrBackend(world).request_token(token_info["edumis"], return_id)


def delete_token(world: World, token_info: dict[str, Any], token: str) -> tuple[None, int]:
    """Reset the submission: the token and its data go, and 204 says so."""
    SdrBackend(world).delete_token(token_info["edumis"], token)
    return None, 204
