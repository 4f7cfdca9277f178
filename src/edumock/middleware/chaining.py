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


class _Chain:
    """The last router added at each base path, so the next API can follow it."""

    def __init__(self) -> None:
        self.tails: dict[str, Any] = {}

    def append(self, base_path: str, router: Any) -> bool:
        """Chain ``router`` after the tail at ``base_path``; False when it is the first."""
        previous = self.tails.get(base_path)
        self.tails[base_path] = router
        if previous is None:
            return False
        previous.default = router
        return True


class ChainedRoutingMiddleware(RoutingMiddleware):  # type: ignore[misc]
    """Connexion routing, with every API at a shared base path reachable."""

    def __init__(self, app: Any) -> None:
        super().__init__(app)
        self._chain = _Chain()

    def add_api(self, specification: Any, base_path: str | None = None,
                arguments: dict[str, Any] | None = None, **kwargs: Any) -> None:
        """Mount the API, or chain it behind the last API at its base path."""
        api = RoutingAPI(specification, base_path=base_path, arguments=arguments,
                         next_app=self.app, **kwargs)
        if not self._chain.append(api.base_path, api.router):
            self.router.mount(api.base_path, app=api.router)


class ChainedSwaggerUIMiddleware(SwaggerUIMiddleware):  # type: ignore[misc]
    """Swagger UI for every API, falling through from one API to the next."""

    def __init__(self, app: Any) -> None:
        super().__init__(app)
        self._chain = _Chain()

    def add_api(self, specification: Any, base_path: str | None = None,
                arguments: dict[str, Any] | None = None, **kwargs: Any) -> None:
        """Mount the API, or chain it behind the last API at its base path."""
        api = SwaggerUIAPI(specification, base_path=base_path, arguments=arguments,
                           default=self.default_fn, **kwargs)
        if not self._chain.append(api.base_path, api.router):
            self.router.mount(api.base_path, app=api.router)


_REPLACEMENTS = {SwaggerUIMiddleware: ChainedSwaggerUIMiddleware,
                 RoutingMiddleware: ChainedRoutingMiddleware}


def middleware_stack() -> list[type]:
    """Connexion's default stack with the chaining middlewares swapped in."""
    return [_REPLACEMENTS.get(cls, cls) for cls in ConnexionMiddleware.default_middlewares]
