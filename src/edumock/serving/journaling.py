"""Journal every platform request: what came in, what went out, and what it changed.

Sits outside the error router, so refusals are journaled exactly as the
client received them. An entry is written before the last byte of its answer
is sent, so a test that verifies right after a call always finds it. Admin
and docs calls are not journaled: they drive the sandbox rather than exercise
a platform; the exception is an admin call that puts records in place or removes
them (its handler names the platform), journaled with the verdict ``admin`` so the
journal tells what state a test arranged. The same facts feed the sandbox's metrics, and the
console request log (``serving/request_log.py``) writes its line from the same entry.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from edumock.errors import StoreUnavailable
from edumock.serving.request_log import console_log
from edumock.serving.routing import context_of, target_of
from edumock.serving.sandbox import Sandbox, is_sandbox_path
from edumock.world.coverage import CoverageNote
from edumock.world.journal import (
    ADMIN_CHANGE_KEY,
    CHANGES_KEY,
    FAULT_KEY,
    OUTCOME_KEY,
    PROBLEMS_KEY,
    REFUSAL_KEY,
    TRANSACTIONS_KEY,
    verdict,
)
from edumock.world.registry import WORLD_HEADER

logger = logging.getLogger("edumock.journal")


def _text(chunks: list[bytes], limit: int) -> str:
    data = b"".join(chunks)
    cut = data[:limit].decode("utf-8", errors="replace")
    return cut + (f"… ({len(data) - limit} more bytes)" if len(data) > limit else "")


class JournalMiddleware:
    """Record each HTTP exchange in its world's journal."""

    def __init__(self, app: ASGIApp, sandbox: Sandbox) -> None:
        self.app = app
        self.sandbox = sandbox
        self.log = console_log(sandbox.settings.request_log)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        context = context_of(scope)
        admin = is_sandbox_path(path)
        limit = self.sandbox.settings.journal_body_limit
        sent: list[bytes] = []
        received: list[bytes] = []
        status = [500]
        recorded = [False]
        started = time.perf_counter()

        async def record() -> None:
            if recorded[0]:
                return
            recorded[0] = True
            seconds = time.perf_counter() - started
            self._count(context, path, admin, status[0], seconds)
            if admin and ADMIN_CHANGE_KEY not in context:
                return
            try:
                await self._record(scope, context, status[0], received, sent, seconds * 1000)
            except StoreUnavailable:  # the answer (a 503) goes out all the same
                logger.warning("%s %s not journaled: the state store is unreachable",
                               scope["method"], path)

        async def receive_logged() -> Message:
            message = await receive()
            if message["type"] == "http.request" and sum(map(len, received)) <= limit:
                received.append(message.get("body", b""))
            return message

        async def send_logged(message: Message) -> None:
            if message["type"] == "http.response.start":
                status[0] = int(message["status"])
            elif message["type"] == "http.response.body":
                if sum(map(len, sent)) <= limit:
                    sent.append(message.get("body", b""))
                if not message.get("more_body", False):
                    await record()  # before the client can see the end of the answer
            await send(message)

        try:
            await self.app(scope, receive_logged, send_logged)
        finally:
            await record()

    def _count(self, context: dict[str, Any], path: str, admin: bool, status: int,
               seconds: float) -> None:
        """The request in the sandbox's metrics (admin calls only for their transactions)."""
        target = target_of(context)
        platform = target.platform if target else None
        if not admin and platform is None:
            platform = self.sandbox.operations.owner_of(path)
        metrics = self.sandbox.metrics
        committed, rolled_back = context.get(TRANSACTIONS_KEY, (0, 0))
        metrics.store_transactions(platform or "admin", committed, rolled_back)
        if not admin:
            metrics.request(platform, target.operation_id if target else None, status,
                            seconds, context.get(OUTCOME_KEY), context.get(REFUSAL_KEY),
                            FAULT_KEY in context)

    async def _record(self, scope: Scope, context: dict[str, Any], status: int,
                      received: list[bytes], sent: list[bytes], duration_ms: float) -> None:
        headers = {k.decode("latin-1").lower(): v.decode("latin-1")
                   for k, v in scope.get("headers", [])}
        world = context.get("world")
        if world is None:
            name = headers.get(WORLD_HEADER, "").strip() or "default"
            world = self.sandbox.world_if_exists(name)
            if world is None:
                return
        method, path = scope["method"], scope["path"]
        target = target_of(context)
        platform = target.platform if target else None
        operation_id = target.operation_id if target else None
        limit = self.sandbox.settings.journal_body_limit
        changes = [change.to_json() for change in context.get(CHANGES_KEY, [])]
        admin = context.get(ADMIN_CHANGE_KEY)
        note = None
        if admin is None:
            note = CoverageNote(platform, operation_id, status, context.get(REFUSAL_KEY))
        else:  # consumer coverage counts only what the client under test called
            platform = str(admin)
        fields = {
            "time": world.clock.now().isoformat(), "world": world.name, "platform": platform,
            "operation_id": operation_id, "method": method, "path": path,
            "query": scope.get("query_string", b"").decode("latin-1"), "status": status,
            "verdict": "admin" if admin is not None else verdict(context.get(OUTCOME_KEY),
                                                                 status),
            "duration_ms": round(duration_ms, 3), "request_headers": headers,
            "request_body": _text(received, limit), "response_body": _text(sent, limit),
            "changes": changes, "problems": list(context.get(PROBLEMS_KEY, []))}
        entry = await world.journal.record_async(fields, world.coverage, note)
        if self.log is not None:
            self.log.write(entry, context.get(REFUSAL_KEY))
