"""Batch create, update, read and search (``batch/list``)."""

from __future__ import annotations

from typing import Any

from edumock.platforms.sunbird.handlers.reply import caller, inner, ok
from edumock.platforms.sunbird.models.backend import SunbirdBackend
from edumock.world import World


def create(world: World, request_url: str, request_headers: dict[str, str],
           token_info: Any = None, body: Any = None) -> dict[str, Any]:
    """POST batch/create."""
    result = SunbirdBackend(world).create_batch(inner(body), caller(token_info, request_headers))
    return ok(world, request_url, request_headers, result)


def update(world: World, request_url: str, request_headers: dict[str, str],
           token_info: Any = None, body: Any = None) -> dict[str, Any]:
    """PATCH batch/update."""
    result = SunbirdBackend(world).update_batch(inner(body), caller(token_info, request_headers))
    return ok(world, request_url, request_headers, result)


def read(world: World, request_url: str, request_headers: dict[str, str],
         batch_id: str) -> dict[str, Any]:
    """GET batch/read/{batchId}."""
    result = SunbirdBackend(world).read_batch(batch_id)
    return ok(world, request_url, request_headers, result)


def search(world: World, request_url: str, request_headers: dict[str, str],
           body: Any = None, **_: Any) -> dict[str, Any]:
    """POST batch/list."""
    result = SunbirdBackend(world).search_batches(inner(body))
    return ok(world, request_url, request_headers, result)
