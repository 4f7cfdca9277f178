"""Data-exhaust job requests."""

from __future__ import annotations

from typing import Any

from edumock.platforms.sunbird.handlers.reply import caller, inner, ok
from edumock.platforms.sunbird.models.backend import SunbirdBackend
from edumock.world import World


def submit(world: World, request_url: str, request_headers: dict[str, str],
           token_info: Any = None, body: Any = None) -> dict[str, Any]:
    """POST jobrequest/submit."""
    result = SunbirdBackend(world).submit_job(inner(body), caller(token_info, request_headers))
    return ok(world, request_url, request_headers, result)


def list_jobs(world: World, request_url: str, request_headers: dict[str, str],
              tag: str) -> dict[str, Any]:
    """GET jobrequest/list/{tag}."""
    return ok(world, request_url, request_headers,
              SunbirdBackend(world).list_jobs(tag))
