"""Certificate templates on a batch."""

from __future__ import annotations

from typing import Any

from edumock.platforms.sunbird.handlers.reply import inner, ok
from edumock.platforms.sunbird.models.backend import SunbirdBackend
from edumock.world import World


def add_template(world: World, request_url: str, request_headers: dict[str, str],
                 body: Any = None) -> dict[str, Any]:
    """PATCH template/add."""
    result = SunbirdBackend(world).add_template(inner(body))
    return ok(world, request_url, request_headers, result)


def remove_template(world: World, request_url: str, request_headers: dict[str, str],
                    body: Any = None) -> dict[str, Any]:
    """PATCH template/remove."""
    result = SunbirdBackend(world).remove_template(inner(body))
    return ok(world, request_url, request_headers, result)
