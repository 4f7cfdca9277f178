"""Put the sandbox and the request's world into Connexion's context, then refuse a request
no operation takes (404, or 405 naming the path's methods), so the refusal is journaled in
the world it was sent to.

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
from edumock.serving.framework import framework_answer
from edumock.serving.gate import run_gate
from edumock.serving.routing import PATH_SAFE, context_of, target_of
from edumock.serving.sandbox import Sandbox
from edumock.world import World
from edumock.world.registry import WORLD_HEADER, WorldNameInvalid

NOT_FOUND = ("The requested URL was not found on the server. If you entered the URL manually "
             "please check your spelling and try again.")
"""The detail of a 404 for a path no spec declares (what clients have always been sent)."""


def request_url(scope: Scope) -> str:
    """The absolute URL of the request with its path percent-encoded, so links built from it
    (DRF's ``next`` and ``previous``) are URIs even when the path carries other characters."""
    path = quote(scope.get("root_path", "") + scope["path"], safe=PATH_SAFE)
    return str(URL(scope=scope).replace(path=path))


class WorldMiddleware:
    """Attach ``sandbox`` and ``world`` to every HTTP request's context."""

    def __init__(self, app: ASGIApp, sandbox: Sandbox) -> None:
        self.app = app
        self.sandbox = sandbox

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            context = context_of(scope)
            headers = {key.decode("latin-1").lower(): value.decode("latin-1")
                       for key, value in scope.get("headers", [])}
            context["sandbox"] = self.sandbox
            context["request_url"] = request_url(scope)
            context["request_headers"] = headers
            context["world"] = self._world(headers.get(WORLD_HEADER))
            target = target_of(context)
            if target is None or target.operation is None:
                allowed = target.allowed if target else ()
                if allowed:
                    run_gate(self.sandbox, scope, context, authenticated=False)
                    answer = framework_answer(self.sandbox, scope, context)
                    if answer is not None:
                        await answer(scope, receive, send)
                        return
                    raise HTTPException(405, headers={"Allow": ", ".join(allowed)})
                raise HTTPException(404, detail=NOT_FOUND)
        await self.app(scope, receive, send)

    def _world(self, name: str | None) -> World:
        """The world the request names (the default world when it names none)."""
        if name is None or not name.strip():
            return self.sandbox.world()
        try:
            return self.sandbox.world(name.strip())
        except WorldNameInvalid as error:
            raise ParameterInvalid("header", "X-Edumock-World", str(error),
                                   missing=False) from None
