"""Serve every API's Swagger UI and spec, even when several APIs share a base path.

Connexion's Swagger UI middleware mounts each API at its base path; with
several APIs at ``""`` (each spec carries its full paths) only the first
mount is ever reached. This subclass chains APIs that share a base path, as
Connexion's own routing middleware does.
"""

from __future__ import annotations

from typing import Any

from connexion.middleware.main import ConnexionMiddleware
from connexion.middleware.swagger_ui import SwaggerUIAPI, SwaggerUIMiddleware


class ChainedSwaggerUIMiddleware(SwaggerUIMiddleware):  # type: ignore[misc]
    """Swagger UI for every API, falling through from one API to the next."""

    def __init__(self, app: Any) -> None:
        super().__init__(app)
        self._last_router: dict[str, Any] = {}

    def add_api(self, specification: Any, base_path: str | None = None,
                arguments: dict[str, Any] | None = None, **kwargs: Any) -> None:
        """Mount the API, or chain it behind the API already at its base path."""
        api = SwaggerUIAPI(specification, base_path=base_path, arguments=arguments,
                           default=self.default_fn, **kwargs)
        previous = self._last_router.get(api.base_path)
        self._last_router[api.base_path] = api.router
        if previous is not None:
            previous.default = api.router  # fall through to the next API at this base path
            return
        self.router.mount(api.base_path, app=api.router)


def middleware_stack() -> list[type]:
    """Connexion's default stack with the chaining Swagger UI middleware."""
    return [
        ChainedSwaggerUIMiddleware if cls is SwaggerUIMiddleware else cls
        for cls in ConnexionMiddleware.default_middlewares
    ]
