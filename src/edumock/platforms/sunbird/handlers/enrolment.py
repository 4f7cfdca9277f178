"""Enrol, unenrol (both spellings) and the user's enrolment list (GET and the v2 POST)."""

from __future__ import annotations

from typing import Any

from edumock.platforms.sunbird.handlers.reply import inner, ok
from edumock.platforms.sunbird.models.backend import SunbirdBackend
from edumock.world import World


def enrol(world: World, request_url: str, request_headers: dict[str, str],
          body: Any = None) -> dict[str, Any]:
    """POST enrol."""
    result = SunbirdBackend(world).enrol(inner(body))
    return ok(world, request_url, request_headers, result)


def unenrol(world: World, request_url: str, request_headers: dict[str, str],
            body: Any = None) -> dict[str, Any]:
    """POST unenrol."""
    result = SunbirdBackend(world).unenrol(inner(body))
    return ok(world, request_url, request_headers, result)


enroll, unenroll = enrol, unenrol


def list_user_courses(world: World, request_url: str, request_headers: dict[str, str],
                      user_id: str, **_: Any) -> dict[str, Any]:
    """GET user/enrollment/list/{userId}."""
    result = SunbirdBackend(world).user_courses(user_id)
    return ok(world, request_url, request_headers, result)


def list_user_courses_v2(world: World, request_url: str, request_headers: dict[str, str],
                         body: Any = None) -> dict[str, Any]:
    """POST user/enrollment/list with ``{"request": {"userId"}}``."""
    user_id = str(inner(body).get("userId") or "")
    result = SunbirdBackend(world).user_courses(user_id)
    return ok(world, request_url, request_headers, result)
