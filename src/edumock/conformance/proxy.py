"""The validating proxy: forward every request to the upstream, return its answer untouched,
and judge the exchange on the way.

The client gets the upstream's status, headers and body bytes exactly as sent (compressed
bodies stay compressed); only hop-by-hop headers, which belong to each connection, are
dropped. The checker sees the decoded body. One :class:`Checker` lives as long as the proxy,
so pagination is followed across calls; a lock keeps concurrent calls from interleaving in
it. With ``refuse``, a request that breaks the request-side rules is answered by the
platform's own error renderer (passed in by the composition root) and never forwarded.
"""

from __future__ import annotations

import threading
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import replace

import httpx
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import Receive, Scope, Send

from edumock.conformance.checker import Checker
from edumock.conformance.exchange import Exchange, Headers
from edumock.conformance.findings import Finding
from edumock.conformance.report import Report
from edumock.contract.operations import Operations
from edumock.world.clock import real_utc_now

HOP_BY_HOP = frozenset({"connection", "keep-alive", "proxy-authenticate", "proxy-authorization",
                        "proxy-connection", "te", "trailer", "trailers", "transfer-encoding",
                        "upgrade"})
"""Headers that describe one connection, not the message (RFC 9110 section 7.6.1)."""

REQUEST_RULES = frozenset({"path-declared", "method-declared", "parameter",
                           "request-content-type", "request-body"})
"""The rules a request can break before any answer exists: what ``refuse`` acts on."""

Answer = tuple[int, list[tuple[str, str]], bytes]
"""Status, headers and body of an answer the proxy makes itself."""

RenderRefusal = Callable[[list[Finding], Exchange], Answer]
"""Renders the platform's own error for a refused request."""

Listener = Callable[[Exchange, list[Finding]], None]
"""Told of every recorded exchange and its findings, in the order they are recorded."""

_NO_BODY_STATUSES = frozenset({204, 304})


def end_to_end(raw: list[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
    """``raw`` without hop-by-hop headers, nor the ones a ``Connection`` header names."""
    named = {token.strip().lower() for key, value in raw if key.lower() == b"connection"
             for token in value.split(b",")}
    return [(key, value) for key, value in raw
            if key.decode("latin-1").lower() not in HOP_BY_HOP and key.lower() not in named]


def _text_pairs(raw: list[tuple[bytes, bytes]]) -> Headers:
    return tuple((key.decode("latin-1"), value.decode("latin-1")) for key, value in raw)


def decoded_body(headers: Headers, raw: bytes) -> bytes:
    """The body as the checker reads it: its content coding undone (raw if that fails)."""
    coding = next((value for key, value in headers if key.lower() == "content-encoding"), "")
    if coding.strip().lower() in ("", "identity"):
        return raw
    try:
        return httpx.Response(200, headers=[("content-encoding", coding)], content=raw).content
    except httpx.DecodingError:
        return raw


class ValidatingProxy:
    """An ASGI app (:attr:`app`) forwarding to ``upstream`` and judging against ``contract``."""

    def __init__(self, upstream: str, contract: Operations, *, refuse: bool = False,
                 render_refusal: RenderRefusal | None = None, listener: Listener | None = None,
                 timeout: float = 60.0) -> None:
        if refuse and render_refusal is None:
            raise ValueError("refusing requests needs the platform's error renderer")
        self.upstream = upstream.rstrip("/")
        self.refuse = refuse
        self.report = Report(contract.platform, f"proxy to {self.upstream}", contract)
        self._render_refusal = render_refusal
        self._listener = listener
        self._timeout = timeout
        self._checker = Checker(contract)
        self._screen = Checker(contract)
        self._lock = threading.Lock()
        self._finished = False
        self._client: httpx.AsyncClient | None = None
        self.app = Starlette(routes=[Route("/{path:path}", _Endpoint(self._handle))],
                             lifespan=self._lifespan)

    @asynccontextmanager
    async def _lifespan(self, app: Starlette) -> AsyncIterator[None]:
        yield
        if self._client is not None:
            await self._client.aclose()
            self._client = None

    def finish(self) -> Report:
        """The report so far, with the findings only the traffic as a whole shows."""
        with self._lock:
            if not self._finished:
                self.report.findings.extend(self._checker.finish())
                self._finished = True
            return self.report

    # -- one call -----------------------------------------------------------
    async def _handle(self, request: Request) -> Response:
        begun = time.monotonic()
        body = await request.body()
        draft = Exchange(0, request.method, str(request.url), 0,
                         _text_pairs(list(request.headers.raw)), body,
                         started=real_utc_now().isoformat(timespec="milliseconds"))
        if self.refuse:
            broken = [f for f in self._screen.check(draft) if f.rule in REQUEST_RULES]
            if broken and self._render_refusal is not None:
                status, given, payload = self._render_refusal(broken, draft)
                refused = replace(draft, status=status, response_headers=tuple(given),
                                  response_body=payload, label="refused by the proxy",
                                  notes={"refused": True, "time_ms": _ms(begun)})
                await run_in_threadpool(self._record, refused, broken)
                raw = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in given]
                return _response(status, raw, payload, request.method)
        try:
            status, raw_headers, raw_body = await self._forward(request, body)
        except httpx.HTTPError as error:
            message = (f"edumock proxy: the upstream {self.upstream} did not answer "
                       f"({type(error).__name__}: {error})\n")
            failed = replace(draft, status=502, label="upstream unreachable",
                             response_headers=(("content-type", "text/plain; charset=utf-8"),),
                             response_body=message.encode(),
                             notes={"upstream_error": message.strip(), "time_ms": _ms(begun)})
            await run_in_threadpool(self._record, failed, [])
            return Response(message, 502, media_type="text/plain")
        headers = _text_pairs(raw_headers)
        answered = replace(draft, status=status, response_headers=headers,
                           response_body=decoded_body(headers, raw_body), label="proxied",
                           notes={"time_ms": _ms(begun)})
        await run_in_threadpool(self._record, answered, None)
        return _response(status, end_to_end(raw_headers), raw_body, request.method)

    async def _forward(self, request: Request, body: bytes
                       ) -> tuple[int, list[tuple[bytes, bytes]], bytes]:
        """Send the request on as received; the answer's status, raw headers and raw bytes."""
        if self._client is None:
            self._client = httpx.AsyncClient(timeout=self._timeout, follow_redirects=False)
        target = self.upstream + request.scope.get("raw_path", request.url.path.encode()
                                                   ).decode("latin-1")
        if request.scope.get("query_string"):
            target += "?" + request.scope["query_string"].decode("latin-1")
        sent = [(key, value) for key, value in end_to_end(list(request.headers.raw))
                if key.lower() != b"host"]
        outgoing = httpx.Request(request.method, target, headers=sent, content=body)
        answer = await self._client.send(outgoing, stream=True)
        try:
            raw = b"".join([chunk async for chunk in answer.aiter_raw()])
        finally:
            await answer.aclose()
        return answer.status_code, list(answer.headers.raw), raw

    def _record(self, exchange: Exchange, findings: list[Finding] | None) -> None:
        """Number the exchange, judge it (unless ``findings`` were settled before it was
        answered), keep it, and tell the listener."""
        with self._lock:
            index = len(self.report.exchanges) + 1
            exchange = replace(exchange, index=index)
            if findings is None:
                findings = self._checker.check(exchange)
            else:
                findings = [replace(f, exchange=index, exchange_label=exchange.describe())
                            for f in findings]
            self.report.exchanges.append(exchange)
            self.report.findings.extend(findings)
            if exchange.notes.get("upstream_error") is None:
                operation = self._checker.operation_for(exchange)
                if operation is not None:
                    self.report.operation_of[index] = operation.key
            if self._listener is not None:
                self._listener(exchange, findings)


class _Endpoint:
    """An ASGI endpoint, so the route takes every method (including ones no spec knows)."""

    def __init__(self, handle: Callable[[Request], Awaitable[Response]]) -> None:
        self._handle = handle

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = await self._handle(Request(scope, receive))
        await response(scope, receive, send)


def _ms(begun: float) -> int:
    return round((time.monotonic() - begun) * 1000)


def _response(status: int, raw: list[tuple[bytes, bytes]], body: bytes, method: str) -> Response:
    """A response carrying exactly these headers and bytes (a length added when none came)."""
    response = Response(body, status)
    headers = list(raw)
    if (not any(key.lower() == b"content-length" for key, _ in headers)
            and status not in _NO_BODY_STATUSES and status >= 200 and method != "HEAD"):
        headers.append((b"content-length", str(len(body)).encode()))
    response.raw_headers = headers
    return response
