"""Bind a resource class to the six DRF actions Connexion resolves operationIds to.

Handlers receive Connexion's arguments (path parameters, body, the token's
``token_info``, the request URL) and hand them to the resource; nothing else.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from edumock.platforms.tesla.models.base import Resource
from edumock.platforms.tesla.models.context import Call, actor_for
from edumock.world import World

Handler = Callable[..., Any]


def make_call(world: World, request_url: str, token_info: dict[str, Any] | None,
              params: dict[str, Any]) -> Call:
    """The resource's view of one request."""
    query = dict(parse_qsl(urlsplit(request_url).query, keep_blank_values=True))
    path = {key: str(value) for key, value in params.items()
            if isinstance(value, str | int) and not isinstance(value, bool)}
    return Call(world, actor_for(world, token_info), path, query, request_url)


def bind(resource: type[Resource]) -> tuple[Handler, ...]:
    """``list, create, read, update, partial_update, destroy`` for one resource."""

    def list_(world: World, request_url: str, token_info: Any = None, **params: Any) -> Any:
        return resource(make_call(world, request_url, token_info, params)).list_page()

    def create(world: World, request_url: str, token_info: Any = None, body: Any = None,
               **params: Any) -> Any:
        call = make_call(world, request_url, token_info, params)
        return resource(call).create(body if isinstance(body, dict) else {}), 201

    def read(world: World, request_url: str, token_info: Any = None, **params: Any) -> Any:
        return resource(make_call(world, request_url, token_info, params)).retrieve()

    def update(world: World, request_url: str, token_info: Any = None, body: Any = None,
               **params: Any) -> Any:
        call = make_call(world, request_url, token_info, params)
        return resource(call).update(body if isinstance(body, dict) else {}, partial=False)

    def partial_update(world: World, request_url: str, token_info: Any = None,
                       body: Any = None, **params: Any) -> Any:
        call = make_call(world, request_url, token_info, params)
        return resource(call).update(body if isinstance(body, dict) else {}, partial=True)

    def destroy(world: World, request_url: str, token_info: Any = None, **params: Any) -> Any:
        resource(make_call(world, request_url, token_info, params)).destroy()
        return None, 204

    return list_, create, read, update, partial_update, destroy
