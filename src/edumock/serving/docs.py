"""Swagger UI for every API, and the middleware stack with edumock's routing in place.

Every spec here carries its full paths and mounts at base path ``""``. Connexion's
Swagger UI middleware keeps one API per base path, so only one platform's docs would
be reachable; here each API's docs router falls through to the next one's, in order.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

from connexion.middleware.main import ConnexionMiddleware
from connexion.middleware.routing import RoutingMiddleware
from connexion.middleware.swagger_ui import SwaggerUIAPI, SwaggerUIMiddleware
from starlette.routing import Mount
from starlette.types import Receive, Scope, Send

from edumock.contract.operations import Operations
from edumock.platform import SlashRedirect
from edumock.serving.routing import OperationRouter

DOCS_ROOT = "/docs"
"""Every API's Swagger UI and raw spec are served under this path."""


class ChainedSwaggerUIMiddleware(SwaggerUIMiddleware):  # type: ignore[misc]
    """Swagger UI for every API, falling through from one API to the next."""

    def __init__(self, app: Any) -> None:
        super().__init__(app)
        self._last_router: Any = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Requests outside the docs pass straight on, without walking every docs route."""
        if scope["type"] == "http" and not scope["path"].startswith(DOCS_ROOT):
            await self.app(scope, receive, send)
            return
        await super().__call__(scope, receive, send)

    def add_api(self, specification: Any, base_path: str | None = None,
                arguments: dict[str, Any] | None = None, **kwargs: Any) -> None:
        """Mount the first API's docs, and chain each later one behind the one before."""
        api = SwaggerUIAPI(specification, base_path=base_path, arguments=arguments,
                           default=self.default_fn, **kwargs)
        if self._last_router is None:
            self.router.routes.append(Mount(api.base_path, app=api.router))
        else:
            self._last_router.default = api.router
        self._last_router = api.router


def middleware_stack(operations: Operations,
                     redirects: Mapping[str, SlashRedirect] | None = None) -> list[Any]:
    """Connexion's default stack with the chained docs and the operation table's router
    (answering a toggled final slash as each platform does, by name)."""
    replacements: dict[type, Any] = {
        SwaggerUIMiddleware: ChainedSwaggerUIMiddleware,
        RoutingMiddleware: functools.partial(OperationRouter, operations=operations,
                                             redirects=redirects)}
    return [replacements.get(cls, cls) for cls in ConnexionMiddleware.default_middlewares]
