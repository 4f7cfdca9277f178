"""Group activity aggregate and collection summary."""

from __future__ import annotations

from typing import Any

from edumock.platforms.sunbird.handlers.reply import inner, ok
from edumock.platforms.sunbird.models.backend import SunbirdBackend
from edumock.world import World


def group_activity(world: World, request_url: str, request_headers: dict[str, str],
                   body: Any = None) -> dict[str, Any]:
    """POST group/activity/agg."""
    result = SunbirdBackend(world).group_activity(inner(body))
    return ok(world, request_url, request_headers, result)


def collection_summary(world: World, request_url: str, request_headers: dict[str, str],
                       body: Any = None) -> dict[str, Any]:
    """POST collection/summary."""
    result = SunbirdBackend(world).collection_summary(inner(body))
    return ok(world, request_url, request_headers, result)
