"""Refuse request bodies over ``max_body_bytes`` with a 413, before they are read whole.

A declared ``Content-Length`` over the limit is refused at once, without
reading a byte of the body (the server never delivers more than it declares).
A body of unknown length (``Transfer-Encoding: chunked``) is read here, and
refused as soon as the bytes received pass the limit; one within it is handed
on as received, with its length declared, so validators that look for a body
by its ``Content-Length`` see it. The refusal is raised inside the error
router, so each platform answers it in its own format.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from edumock.errors import BodyTooLarge

_LENGTH_HEADERS = (b"content-length", b"transfer-encoding")


def declared_length(scope: Scope) -> int | None:
    """The request's ``Content-Length`` as a number, or None when absent or unreadable."""
    for name, value in scope.get("headers", []):
        if name.lower() == b"content-length":
            try:
                length = int(value)
            except ValueError:
                return None
            return length if length >= 0 else None
    return None


def _framed(scope: Scope) -> bool:
    """Whether the request says how its body is framed. With neither ``Content-Length`` nor
    ``Transfer-Encoding`` an HTTP/1.1 request has no body at all (RFC 9112, 6.3)."""
    return any(name.lower() in _LENGTH_HEADERS for name, _ in scope.get("headers", []))


class BodyLimitMiddleware:
    """413 for a body over ``limit`` bytes, declared or received."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not _framed(scope):
            await self.app(scope, receive, send)
            return
        declared = declared_length(scope)
        if declared is not None:
            if declared > self.limit:
                raise BodyTooLarge(self.limit)
            await self.app(scope, receive, send)
            return
        messages, size = await self._read_within_limit(receive)
        headers = [(k, v) for k, v in scope.get("headers", []) if k.lower() not in _LENGTH_HEADERS]
        headers.append((b"content-length", str(size).encode("latin-1")))
        await self.app({**scope, "headers": headers}, _replay(messages, receive), send)

    async def _read_within_limit(self, receive: Receive) -> tuple[list[Message], int]:
        """Every message of a body of unknown length, stopping at the first byte too many."""
        messages: list[Message] = []
        size = 0
        while True:
            message = await receive()
            messages.append(message)
            if message["type"] != "http.request":
                return messages, size
            size += len(message.get("body", b""))
            if size > self.limit:
                raise BodyTooLarge(self.limit)
            if not message.get("more_body", False):
                return messages, size


def _replay(messages: list[Message], receive: Receive) -> Receive:
    """``receive`` that first hands out ``messages``, then waits on the server as usual."""
    pending = list(messages)

    async def replayed() -> Message:
        if pending:
            return pending.pop(0)
        return await receive()

    return replayed
