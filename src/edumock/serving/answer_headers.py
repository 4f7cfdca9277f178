"""Headers a platform's server puts on every answer to a request its declared paths take
(``Platform.answer_headers``), handler answers and refusals alike: it sits outside the error
router, so the refusals rendered there get them too. A path no spec declares gets none."""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from edumock.serving.routing import context_of, target_of
from edumock.serving.sandbox import Sandbox


class AnswerHeadersMiddleware:
    """Add the owning platform's answer headers to the response's start."""

    def __init__(self, app: ASGIApp, sandbox: Sandbox) -> None:
        self.app = app
        self.sandbox = sandbox
        self._any = any(p.answer_headers is not None for p in sandbox.platforms)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not self._any:
            await self.app(scope, receive, send)
            return
        context = context_of(scope)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                target = target_of(context)
                platform = self.sandbox.platform(target.platform) if (
                    target is not None and target.platform and target.allowed) else None
                if target is not None and platform is not None and platform.answer_headers:
                    extra = platform.answer_headers(target, int(message["status"]))
                    if extra:
                        message = {**message, "headers": list(message.get("headers", []))}
                        headers = MutableHeaders(scope=message)
                        for name, value in extra.items():
                            headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)
