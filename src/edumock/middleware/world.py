"""Put the sandbox and the request's world into Connexion's context.

Handlers and security functions then receive ``sandbox``, ``world``,
``request_url`` (the absolute URL the client used, for links such as
pagination) and ``request_headers`` (lower-cased names) as arguments:
Connexion passes the context keys a function names, so no code reads global
state.
"""

from __future__ import annotations

from starlette.datastructures import URL
from starlette.types import ASGIApp, Receive, Scope, Send

from edumock.sandbox import Sandbox


class WorldMiddleware:
    """Attach ``sandbox`` and ``world`` to every HTTP request's context."""

    def __init__(self, app: ASGIApp, sandbox: Sandbox) -> None:
        self.app = app
        self.sandbox = sandbox

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            context = scope.setdefault("extensions", {}).setdefault("connexion_context", {})
            context["sandbox"] = self.sandbox
            context["world"] = self.sandbox.world()
            context["request_url"] = str(URL(scope=scope))
            context["request_headers"] = {
                key.decode("latin-1").lower(): value.decode("latin-1")
                for key, value in scope.get("headers", [])}
        await self.app(scope, receive, send)
