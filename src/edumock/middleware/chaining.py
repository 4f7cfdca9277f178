"""Route and document several APIs that share a base path.

Every spec here carries its full paths and mounts at base path ``""``.
Connexion chains APIs at a shared base path by making each earlier API fall
through to the newest one, which loses all but the first and the last once
there are three; its Swagger UI middleware does not chain at all. These
subclasses keep a proper chain: each API falls through to the next, in order.

They also keep Connexion's router and Flask's in agreement. Starlette ends route
patterns with ``$`` (which also matches before a final newline) and mounts with
``.*`` (which stops at one), while werkzeug anchors with ``\\Z``: a path carrying
``%0A`` used to miss Connexion's routes (no security, no validation) and still
reach a Flask view. Patterns here are anchored as werkzeug anchors them, and a
request no operation matched is answered 404 here, never handed to Flask (whose
own slash redirects would otherwise surface as errors).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from connexion.middleware.abstract import ROUTING_CONTEXT
from connexion.middleware.main import ConnexionMiddleware
from connexion.middleware.routing import RoutingAPI, RoutingMiddleware
from connexion.middleware.swagger_ui import SwaggerUIAPI, SwaggerUIMiddleware
from starlette.exceptions import HTTPException
from starlette.routing import Match, Mount
from starlette.types import ASGIApp, Receive, Scope, Send
from werkzeug.exceptions import NotFound


def _anchored(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` ending at the true end of the path, with ``.`` matching newlines too."""
    source = pattern.pattern
    if source.endswith("$"):
        source = source[:-1] + r"\Z"
    return re.compile(source, re.DOTALL)


def _anchor_routes(router: Any) -> None:
    for route in router.routes:
        if hasattr(route, "path_regex"):
            route.path_regex = _anchored(route.path_regex)


@dataclass(frozen=True)
class _Heads:
    """What the paths a spec declares look like: the literal start of each templated path, and
    each fixed path, all without a final slash (so a request that differs only in that slash
    still reaches the router that redirects it)."""

    prefixes: tuple[str, ...]
    exact: frozenset[str]

    def admit(self, path: str) -> bool:
        """Whether ``path`` could be one of the spec's paths."""
        return path.startswith(self.prefixes) or path.rstrip("/") in self.exact


def _heads(specification: Any) -> _Heads:
    paths = (specification.get("paths") or {}) if isinstance(specification, Mapping) else {}
    if not paths:
        return _Heads(("",), frozenset())  # nothing known about it: every path may be its own
    templated = {t.split("{", 1)[0].rstrip("/") for t in paths if "{" in t}
    return _Heads(tuple(sorted(templated)),
                  frozenset(t.rstrip("/") for t in paths if "{" not in t))


REMEMBERED_ROUTES = 4096
"""How many (method, path) answers each API keeps (started afresh when full)."""

_ELSEWHERE = "elsewhere"
"""No route of the API matches the path, even with its final slash toggled: the next API's."""
_UNSURE = "unsure"
"""A route matches all but the method, or the path with its slash toggled: Starlette's router
answers (405, redirect)."""


class _Skippable:
    """An API's router behind a guard: a path that cannot be one of its routes goes straight
    to the next API, instead of being matched against each of its routes in turn.

    It also remembers, per method and path, which route answered (or that none of its routes
    could): Starlette tries a router's routes one by one (for TeSLA, scores of regular
    expressions per request), and that answer depends on nothing else. A remembered route is
    still matched once, for its path parameters; anything but a full match or a clear miss
    (a 405, a slash redirect) is left to Starlette's router."""

    def __init__(self, router: Any, heads: _Heads) -> None:
        self.router = router
        self.heads = heads
        self._answers: dict[tuple[str, str, str], Any] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.router(scope, receive, send)
            return
        answer: Any = self._answer_for(scope) if self.heads.admit(scope["path"]) else _ELSEWHERE
        if answer is _ELSEWHERE:
            await self.router.default(scope, receive, send)
        elif answer is _UNSURE:
            await self.router(scope, receive, send)
        else:
            _, child_scope = answer.matches(scope)
            scope.setdefault("router", self.router)
            scope["route"] = answer
            scope.update(child_scope)
            await answer.handle(scope, receive, send)

    def _answer_for(self, scope: Scope) -> Any:
        key = (scope["method"], scope.get("root_path", ""), scope["path"])
        answer = self._answers.get(key)
        if answer is None:
            answer = self._work_out(scope)
            if len(self._answers) >= REMEMBERED_ROUTES:
                self._answers.clear()
            self._answers[key] = answer
        return answer

    def _work_out(self, scope: Scope) -> Any:
        """The first route that fully matches, as Starlette's router would pick it, else
        whether the router could still answer (a partial match, a slash redirect)."""
        matches = [route.matches(scope)[0] for route in self.router.routes]
        if Match.FULL in matches:
            return self.router.routes[matches.index(Match.FULL)]
        if Match.PARTIAL in matches:
            return _UNSURE
        path = scope["path"]
        toggled = {**scope, "path": path.rstrip("/") if path.endswith("/") else path + "/"}
        if any(route.matches(toggled)[0] is not Match.NONE for route in self.router.routes):
            return _UNSURE
        return _ELSEWHERE


class _Chaining:
    """``add_api`` that mounts the first API at a base path and chains the others behind it."""

    router: Any

    def __init__(self, app: Any) -> None:
        super().__init__(app)  # type: ignore[call-arg]
        self._chain_tails: dict[str, Any] = {}

    def _new_api(self, specification: Any, base_path: str | None,
                 arguments: dict[str, Any] | None, **kwargs: Any) -> Any:
        raise NotImplementedError

    def _entry(self, router: Any, specification: Any) -> Any:
        """What the chain calls to enter this API: its router."""
        return router

    def add_api(self, specification: Any, base_path: str | None = None,
                arguments: dict[str, Any] | None = None, **kwargs: Any) -> None:
        """Mount the API, or chain it behind the last API at its base path."""
        api = self._new_api(specification, base_path, arguments, **kwargs)
        _anchor_routes(api.router)
        previous = self._chain_tails.get(api.base_path)
        self._chain_tails[api.base_path] = api.router
        entry = self._entry(api.router, specification)
        if previous is None:
            mount = Mount(api.base_path, app=entry)
            mount.path_regex = _anchored(mount.path_regex)
            self.router.routes.append(mount)
        else:
            previous.default = entry  # fall through to the next API at this base path


class _OperationRequired:
    """The app behind the router: a request that matched no operation is a 404."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        routing = scope.get("extensions", {}).get(ROUTING_CONTEXT, {})
        if scope["type"] == "http" and routing.get("operation_id") is None:
            raise HTTPException(404, detail=NotFound.description)
        await self.app(scope, receive, send)


class ChainedRoutingMiddleware(_Chaining, RoutingMiddleware):  # type: ignore[misc]
    """Connexion routing, with every API at a shared base path reachable."""

    def __init__(self, app: ASGIApp) -> None:
        super().__init__(_OperationRequired(app))

    def _new_api(self, specification: Any, base_path: str | None,
                 arguments: dict[str, Any] | None, **kwargs: Any) -> Any:
        return RoutingAPI(specification, base_path=base_path, arguments=arguments,
                          next_app=self.app, **kwargs)

    def _entry(self, router: Any, specification: Any) -> Any:
        """The router behind a guard that skips paths none of its operations can match."""
        return _Skippable(router, _heads(specification))


DOCS_ROOT = "/docs"
"""Every API's Swagger UI and raw spec are served under this path."""


class ChainedSwaggerUIMiddleware(_Chaining, SwaggerUIMiddleware):  # type: ignore[misc]
    """Swagger UI for every API, falling through from one API to the next."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Requests outside the docs pass straight on, without walking every docs route."""
        if scope["type"] == "http" and not scope["path"].startswith(DOCS_ROOT):
            await self.app(scope, receive, send)
            return
        await super().__call__(scope, receive, send)

    def _new_api(self, specification: Any, base_path: str | None,
                 arguments: dict[str, Any] | None, **kwargs: Any) -> Any:
        return SwaggerUIAPI(specification, base_path=base_path, arguments=arguments,
                            default=self.default_fn, **kwargs)


_REPLACEMENTS = {SwaggerUIMiddleware: ChainedSwaggerUIMiddleware,
                 RoutingMiddleware: ChainedRoutingMiddleware}


def middleware_stack() -> list[type]:
    """Connexion's default stack with the chaining middlewares swapped in."""
    return [_REPLACEMENTS.get(cls, cls) for cls in ConnexionMiddleware.default_middlewares]
