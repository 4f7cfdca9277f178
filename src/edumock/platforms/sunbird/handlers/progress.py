"""Content state read and update."""

from __future__ import annotations

from typing import Any

from edumock.platforms.sunbird.handlers.reply import caller, inner, ok
from edumock.platforms.sunbird.models.backend import SunbirdBackend
from edumock.world import World


def read_state(world: World, request_url: str, request_headers: dict[str, str],
               token_info: Any = None, body: Any = None) -> dict[str, Any]:
    """POST content/state/read: the user comes from the token."""
    result = SunbirdBackend(world).read_state(inner(body), caller(token_info, request_headers))
    return ok(world, request_url, request_headers, result)


def update_state(world: World, request_url: str, request_headers: dict[str, str],
                 token_info: Any = None, body: Any = None) -> dict[str, Any]:
    """PATCH content/state/update."""
    result = SunbirdBackend(world).update_state(inner(body), caller(token_info, request_headers))
    return ok(world, request_url, request_headers, result)
