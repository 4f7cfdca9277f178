"""Apply the world's faults: delay, drop, fail in the platform's format, or trickle the body.

Runs after the world is chosen and before security and validation, so a
faulted call touches no state. A dropped connection is a response that
promises a body and closes before sending it, which every HTTP client reports
as a broken connection (the server closes it when the app returns unfinished).
"""

from __future__ import annotations

import asyncio
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from edumock.serving.routing import context_of, target_of
from edumock.serving.sandbox import Sandbox, is_sandbox_path
from edumock.world.faults import InjectedFault
from edumock.world.journal import FAULT_KEY, OUTCOME_KEY

SLOW_CHUNKS = 10
SLOW_BODY_KEY = "edumock_slow_body_ms"


class FaultMiddleware:
    """Look up the request's fault, if any, and apply it."""

    def __init__(self, app: ASGIApp, sandbox: Sandbox) -> None:
        self.app = app
        self.sandbox = sandbox

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or is_sandbox_path(path):
            await self.app(scope, receive, send)
            return
        context = context_of(scope)
        world = context.get("world") or self.sandbox.world()
        target = target_of(context)
        picked = None if target is None else world.faults.pick(target, scope["method"], path)
        if picked is None:
            await self.app(scope, receive, send)
            return
        fault, latency_ms = picked
        context[FAULT_KEY] = fault.id
        if latency_ms > 0:
            await asyncio.sleep(latency_ms / 1000)
        if fault.drop:
            context[OUTCOME_KEY] = "fault"
            await self._drop(send)
            return
        if fault.status is not None:
            raise InjectedFault(fault.status, fault.headers, fault.id)
        if fault.slow_body_ms:
            context[SLOW_BODY_KEY] = float(fault.slow_body_ms)
        await self.app(scope, receive, send)

    @staticmethod
    async def _drop(send: Send) -> None:
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-type", b"application/json"),
                                (b"content-length", b"1024")]})
        await send({"type": "http.response.body", "body": b"{", "more_body": True})
        # Returning with the body unfinished makes the server close the connection.



class SlowBodyMiddleware:
    """Trickle the body of a response a ``slowBodyMs`` fault chose. It sits outside the error
    router, so refusals rendered there are slowed too; the fault is read when the body is
    sent, after the inner middleware has decided."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        context: dict[str, Any] = scope.setdefault("extensions", {}).setdefault(
            "connexion_context", {})
        await self.app(scope, receive, self._slow(send, context))

    @staticmethod
    def _slow(send: Send, context: dict[str, Any]) -> Send:
        async def trickle(message: Message) -> None:
            slow_ms = context.get(SLOW_BODY_KEY)
            if not slow_ms or message["type"] != "http.response.body" or not message.get(
                    "body"):
                await send(message)
                return
            pause = float(slow_ms) / 1000 / SLOW_CHUNKS
            body: bytes = message["body"]
            size = max(1, -(-len(body) // SLOW_CHUNKS))
            pieces = [body[i:i + size] for i in range(0, len(body), size)]
            for index, piece in enumerate(pieces):
                last = index == len(pieces) - 1
                await send({"type": "http.response.body", "body": piece,
                            "more_body": message.get("more_body", False) or not last})
                await asyncio.sleep(pause)

        return trickle
