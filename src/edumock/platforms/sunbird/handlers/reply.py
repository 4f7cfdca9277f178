"""Building handler answers: the request's inner object, the caller, and the envelope."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from edumock.platforms.sunbird.envelope import success
from edumock.world import World


def inner(body: Any) -> dict[str, Any]:
    """``body["request"]`` (an empty request when absent)."""
    if isinstance(body, dict) and isinstance(body.get("request"), dict):
        return dict(body["request"])
    return {}


def caller(token_info: Any, headers: dict[str, str]) -> str:
    """The acting user: ``X-Authenticated-For`` when given, else the user token's subject."""
    requested_for = headers.get("x-authenticated-for")
    if requested_for:
        return requested_for
    user = (token_info or {}).get("userToken") or {}
    return str(user.get("userId", ""))


def ok(world: World, request_url: str, headers: dict[str, str], result: dict[str, Any]
       ) -> dict[str, Any]:
    """The success envelope for this request."""
    path = urlsplit(request_url).path
    return success(path, world.clock.now(), headers.get("x-msgid"), result)
