"""Pages and sections."""

from __future__ import annotations

from typing import Any

from edumock.platforms.sunbird.handlers.reply import caller, inner, ok
from edumock.platforms.sunbird.models.backend import SunbirdBackend
from edumock.world import World


def create(world: World, request_url: str, request_headers: dict[str, str],
           token_info: Any = None, body: Any = None) -> dict[str, Any]:
    """POST page/create."""
    result = SunbirdBackend(world).create_page(inner(body), caller(token_info, request_headers))
    return ok(world, request_url, request_headers, result)


def update(world: World, request_url: str, request_headers: dict[str, str],
           body: Any = None) -> dict[str, Any]:
    """PATCH page/update."""
    result = SunbirdBackend(world).update_page(inner(body))
    return ok(world, request_url, request_headers, result)


def read(world: World, request_url: str, request_headers: dict[str, str],
         page_name: str) -> dict[str, Any]:
    """GET page/read/{pageName}."""
    return ok(world, request_url, request_headers,
              SunbirdBackend(world).read_page(page_name))


def create_section(world: World, request_url: str, request_headers: dict[str, str],
                   token_info: Any = None, body: Any = None) -> dict[str, Any]:
    """POST page/section/create."""
    result = SunbirdBackend(world).create_section(inner(body), caller(token_info, request_headers))
    return ok(world, request_url, request_headers, result)


def update_section(world: World, request_url: str, request_headers: dict[str, str],
                   token_info: Any = None, body: Any = None) -> dict[str, Any]:
    """PATCH page/section/update."""
    result = SunbirdBackend(world).update_section(inner(body), caller(token_info, request_headers))
    return ok(world, request_url, request_headers, result)


def read_section(world: World, request_url: str, request_headers: dict[str, str],
                 section_id: str) -> dict[str, Any]:
    """GET page/section/read/{sectionId}."""
    return ok(world, request_url, request_headers,
              SunbirdBackend(world).read_section(section_id))


def list_sections(world: World, request_url: str, request_headers: dict[str, str]
                  ) -> dict[str, Any]:
    """GET page/section/list."""
    return ok(world, request_url, request_headers, SunbirdBackend(world).list_sections())
