"""The methods a platform's web framework answers on every path its specs declare, though the
specs do not (``Platform.framework_methods``).

The operation table routes a ``HEAD`` to the path's ``GET``, so it runs everything the ``GET``
runs (credentials, the gate, the handler, journal and coverage under the ``GET``'s operation);
:class:`HeadMiddleware` then drops the body, as an HTTP server does for every answer to a
``HEAD``. No operation takes an ``OPTIONS``: :func:`framework_answer` answers it after the
platform's gate has let the caller through, with the platform's description of the view.
"""

from __future__ import annotations

from typing import Any

from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from edumock.platform import GateRequest
from edumock.serving.jsonify import JSONIFIER
from edumock.serving.routing import target_of
from edumock.serving.sandbox import Sandbox


def framework_answer(sandbox: Sandbox, scope: Scope, context: dict[str, Any]) -> Response | None:
    """The platform's own answer to a method its framework takes on this path and no operation
    declares (None: there is none, so the method is refused)."""
    target = target_of(context)
    if target is None or not target.platform or not target.by_framework(scope["method"]):
        return None
    platform = sandbox.platform(target.platform)
    if platform is None or platform.describe is None or scope["method"] != "OPTIONS":
        return None
    body = platform.describe(GateRequest(target, scope["method"], context["world"],
                                         context.get("request_headers", {}),
                                         context["request_url"], None))
    return Response(JSONIFIER.dumps(body), 200, media_type="application/json")


class HeadMiddleware:
    """Answer a ``HEAD`` with the status and headers its ``GET`` would get, and no body."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def send_without_body(message: Message) -> None:
            if message["type"] == "http.response.body" and message.get("body"):
                message = {**message, "body": b""}
            await send(message)

        await self.app(scope, receive, send_without_body)
