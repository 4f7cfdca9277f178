"""Route and document several APIs that share a base path.

Every spec here carries its full paths and mounts at base path ``""``.
Connexion chains APIs at a shared base path by making each earlier API fall
through to the newest one, which loses all but the first and the last once
there are three; its Swagger UI middleware does not chain at all. These
subclasses keep a proper chain: each API falls through to the next, in order.
"""

from __future__ import annotations

from typing import Any

from connexion.middleware.main import ConnexionMiddleware
from connexion.middleware.routing import RoutingAPI, RoutingMiddleware
from connexion.middleware.swagger_ui import SwaggerUIAPI, SwaggerUIMiddleware


class _Chaining:
    """``add_api`` that mounts the first API at a base path and chains the others behind it."""

    router: Any

    def __init__(self, app: Any) -> None:
        super().__init__(app)  # type: ignore[call-arg]
        self._chain_tails: dict[str, Any] = {}

    def _new_api(self, specification: Any, base_path: str | None,
                 arguments: dict[str, Any] | None, **kwargs: Any) -> Any:
        raise NotImplementedError

    def add_api(self, specification: Any, base_path: str | None = None,
                arguments: dict[str, Any] | None = None, **kwargs: Any) -> None:
        """Mount the API, or chain it behind the last API at its base path."""
        api = self._new_api(specification, base_path, arguments, **kwargs)
        previous = self._chain_tails.get(api.base_path)
        self._chain_tails[api.base_path] = api.router
        if previous is None:
            self.router.mount(api.base_path, app=api.router)
        else:
            previous.default = api.router  # fall through to the next API at this base path


class ChainedRoutingMiddleware(_Chaining, RoutingMiddleware):  # type: ignore[misc]
    """Connexion routing, with every API at a shared base path reachable."""

    def _new_api(self, specification: Any, base_path: str | None,
                 arguments: dict[str, Any] | None, **kwargs: Any) -> Any:
        return RoutingAPI(specification, base_path=base_path, arguments=arguments,
                          next_app=self.app, **kwargs)


class ChainedSwaggerUIMiddleware(_Chaining, SwaggerUIMiddleware):  # type: ignore[misc]
    """Swagger UI for every API, falling through from one API to the next."""

    def _new_api(self, specification: Any, base_path: str | None,
                 arguments: dict[str, Any] | None, **kwargs: Any) -> Any:
        return SwaggerUIAPI(specification, base_path=base_path, arguments=arguments,
                            default=self.default_fn, **kwargs)


_REPLACEMENTS = {SwaggerUIMiddleware: ChainedSwaggerUIMiddleware,
                 RoutingMiddleware: ChainedRoutingMiddleware}


def middleware_stack() -> list[type]:
    """Connexion's default stack with the chaining middlewares swapped in."""
    return [_REPLACEMENTS.get(cls, cls) for cls in ConnexionMiddleware.default_middlewares]
