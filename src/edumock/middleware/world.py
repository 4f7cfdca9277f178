"""Put the sandbox and the request's world into Connexion's context.

The world is the one the ``X-Edumock-World`` header names (created on first
use), else the default world. Handlers and security functions then receive
``sandbox``, ``world``,
``request_url`` (the absolute URL the client used, for links such as
pagination) and ``request_headers`` (lower-cased names) as arguments:
Connexion passes the context keys a function names, so no code reads global
state.
"""

from __future__ import annotations

from urllib.parse import quote

from starlette.datastructures import URL
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Receive, Scope, Send

from edumock.errors import ParameterInvalid
from edumock.sandbox import WORLD_HEADER, Sandbox, WorldNameInvalid
from edumock.world import World

_PATH_SAFE = "/:@&+$,-_.!~*'()"
"""What Django leaves unescaped in a URL path it builds (``escape_uri_path``)."""


def request_url(scope: Scope) -> str:
    """The absolute URL of the request with its path percent-encoded, so links built from it
    (DRF's ``next`` and ``previous``) are URIs even when the path carries other characters."""
    path = quote(scope.get("root_path", "") + scope["path"], safe=_PATH_SAFE)
    return str(URL(scope=scope).replace(path=path))


class WorldMiddleware:
    """Attach ``sandbox`` and ``world`` to every HTTP request's context."""

    def __init__(self, app: ASGIApp, sandbox: Sandbox) -> None:
        self.app = app
        self.sandbox = sandbox

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            context = scope.setdefault("extensions", {}).setdefault("connexion_context", {})
            headers = {key.decode("latin-1").lower(): value.decode("latin-1")
                       for key, value in scope.get("headers", [])}
            context["sandbox"] = self.sandbox
            context["request_url"] = request_url(scope)
            context["request_headers"] = headers
            context["world"] = self._world(headers.get(WORLD_HEADER))
            self._refuse_undeclared_method(scope["method"], scope.get("path", ""))
        await self.app(scope, receive, send)

    def _refuse_undeclared_method(self, method: str, path: str) -> None:
        """The router answers HEAD wherever GET is declared, and lets an overlapping template
        answer for a fixed path (PUT on ``ic/current/`` reached ``ic/{id}/``); a platform's
        spec declares no HEAD and its router tries the fixed route first, so both are refused
        like any undeclared method."""
        if self.sandbox.owner_of(path) is None:
            return
        allowed = self.sandbox.operations.methods_for(path)
        if allowed and method not in allowed:
            raise HTTPException(405, headers={"Allow": ", ".join(allowed)})

    def _world(self, name: str | None) -> World:
        """The world the request names (the default world when it names none)."""
        if name is None or not name.strip():
            return self.sandbox.world()
        try:
            return self.sandbox.world(name.strip())
        except WorldNameInvalid as error:
            raise ParameterInvalid("header", "X-Edumock-World", str(error),
                                   missing=False) from None
