"""``edumock proxy``: a validating proxy in front of any implementation of a platform.

Every exchange is forwarded and judged; each is printed as it happens, and on shutdown
(Ctrl+C, SIGTERM, or ``--max-requests``) the summary and reports follow. With ``--refuse``
a request that breaks the contract is answered by the platform's own error renderer, so
the refusal looks like the platform's (DRF for TeSLA, the envelope for Sunbird...).
"""

from __future__ import annotations

import argparse
import json
import signal
import socket
import threading
from pathlib import Path
from types import FrameType
from typing import Any
from urllib.parse import urlsplit

import httpx
import uvicorn

from edumock.cli.conformance import (
    add_common_options,
    contract_for,
    finish,
    guarded,
    platform_named,
    require_report_formats,
)
from edumock.conformance.exchange import Exchange
from edumock.conformance.findings import Finding
from edumock.conformance.har import write_har
from edumock.conformance.proxy import Answer, RenderRefusal, ValidatingProxy
from edumock.conformance.usage import UsageError
from edumock.contract.operations import Operations, child
from edumock.errors import ErrorContext, Failure, FailureKind, ParameterInvalid, SchemaIssue
from edumock.platform import Platform
from edumock.world.clock import real_utc_now


def register(commands: Any) -> None:
    """Add the ``proxy`` subcommand."""
    parser = commands.add_parser(
        "proxy", help="forward to an upstream server, judging every exchange",
        description="Forward every request to the upstream and return its answer unchanged, "
                    "judging each exchange against the platform's spec. Stop with Ctrl+C "
                    "(or --max-requests) for the summary. Exit 0: everything conformed; 1: "
                    "something did not; 2: the proxy could not start.")
    parser.add_argument("--upstream", required=True, metavar="URL",
                        help="base URL of the server to forward to")
    add_common_options(parser)
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=8081, help="port to listen on")
    parser.add_argument("--refuse", action="store_true",
                        help="answer a request that breaks the contract with the platform's "
                             "error instead of forwarding it")
    parser.add_argument("--har", type=Path, default=None, metavar="FILE",
                        help="also save every exchange to this HAR file")
    parser.add_argument("--max-requests", type=int, default=None, metavar="N",
                        help="stop after N exchanges")
    parser.add_argument("--timeout", type=float, default=60.0, metavar="SECONDS",
                        help="how long to wait for the upstream (default 60)")
    parser.set_defaults(run=guarded(run))


def run(args: argparse.Namespace) -> int:
    """Check the upstream and port, serve until stopped, then report."""
    require_report_formats(args.report)
    platform = platform_named(args.platform)
    contract = contract_for(platform.name)
    upstream = reachable(args.upstream)
    _port_free(args.host, args.port)
    server: uvicorn.Server | None = None

    def listener(exchange: Exchange, findings: list[Finding]) -> None:
        print(line(exchange, findings), flush=True)
        if server is not None and args.max_requests and exchange.index >= args.max_requests:
            server.should_exit = True

    proxy = ValidatingProxy(upstream, contract, refuse=args.refuse,
                            render_refusal=refusal_renderer(platform, contract),
                            listener=listener, timeout=args.timeout)
    server = uvicorn.Server(uvicorn.Config(
        proxy.app, host=args.host, port=args.port, log_level="warning", lifespan="on",
        server_header=False, date_header=False))
    mode = "refusing contract-breaking requests" if args.refuse else "forwarding everything"
    print(f"edumock proxy: http://{args.host}:{args.port} -> {upstream} ({platform.name}, "
          f"{len(contract.operations)} operations, {mode}); Ctrl+C stops and reports",
          flush=True)
    _serve(server, f"{args.host}:{args.port}")
    report = proxy.finish()
    if args.har is not None:
        write_har(report.exchanges, args.har)
        print(f"HAR written: {args.har}")
    return finish(report, args)


def reachable(url: str) -> str:
    """``url`` when it is an http(s) URL that answers at all; a usage error otherwise."""
    split = urlsplit(url)
    if split.scheme not in ("http", "https") or not split.netloc:
        raise UsageError(f"--upstream {url!r} is not an http:// or https:// URL")
    try:
        httpx.request("HEAD", url, timeout=10.0)
    except httpx.HTTPError as error:
        raise UsageError(f"the upstream {url} is unreachable ({type(error).__name__}: "
                         f"{error or 'no answer'})") from None
    return url.rstrip("/")


def _port_free(host: str, port: int) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((host, port))
        except OSError as error:
            raise UsageError(f"cannot listen on {host}:{port}: {error.strerror}") from None


def _serve(server: uvicorn.Server, where: str) -> None:
    """Run uvicorn; a stop signal ends the run here instead of killing the process, so the
    summary and reports still follow."""
    if threading.current_thread() is not threading.main_thread():
        _run(server, where)
        return
    stops = (signal.SIGINT, signal.SIGTERM)
    previous = {stop: signal.signal(stop, _stopped) for stop in stops}
    try:
        _run(server, where)
    finally:
        for stop, handler in previous.items():
            signal.signal(stop, handler)


def _run(server: uvicorn.Server, where: str) -> None:
    try:
        server.run()
    except SystemExit:  # uvicorn exits when it cannot bind
        raise UsageError(f"cannot listen on {where}") from None


def _stopped(signum: int, frame: FrameType | None) -> None:
    """uvicorn re-raises the stop signal after shutting down; it has done its work."""


def line(exchange: Exchange, findings: list[Finding]) -> str:
    """``#3 GET /path?q -> 200  conforms`` (or the rules broken, a refusal, an outage)."""
    target = exchange.path + (f"?{q}" if (q := urlsplit(exchange.url).query) else "")
    if exchange.notes.get("upstream_error"):
        verdict = "upstream did not answer"
    else:
        rules = ", ".join(dict.fromkeys(f.rule for f in findings))
        verdict = f"{len(findings)} finding(s): {rules}" if findings else "conforms"
        if exchange.notes.get("refused"):
            verdict = f"refused, {verdict}"
    return f"#{exchange.index} {exchange.method} {target} -> {exchange.status}  {verdict}"


# -- refusals in the platform's own format ---------------------------------------------
_PRECEDENCE = ("path-declared", "method-declared", "parameter", "request-content-type",
               "request-body")


def refusal_renderer(platform: Platform, contract: Operations) -> RenderRefusal:
    """Render the first broken request rule (in the order a server checks them) the way the
    platform's own error renderer does."""

    def render(findings: list[Finding], exchange: Exchange) -> Answer:
        failure = failure_for(findings, exchange, contract)
        headers = {key.lower(): value for key, value in exchange.request_headers}
        answer = platform.render_error(failure, ErrorContext(exchange.path, headers,
                                                             real_utc_now()))
        if isinstance(answer.body, str | bytes) and answer.media_type.startswith("text/"):
            body = answer.body.encode() if isinstance(answer.body, str) else answer.body
        else:
            body = b"" if answer.body is None else json.dumps(answer.body).encode()
        target = contract.resolve(exchange.method, exchange.path)
        extra = platform.answer_headers(target, answer.status) if (
            platform.answer_headers is not None and target.allowed) else {}
        return answer.status, [("content-type", answer.media_type),
                               *{**answer.headers, **extra}.items()], body

    return render


def failure_for(findings: list[Finding], exchange: Exchange, contract: Operations) -> Failure:
    """The neutral failure a server would have raised for these request findings."""
    first = min(findings, key=lambda f: _PRECEDENCE.index(f.rule))
    base: dict[str, Any] = {"method": exchange.method, "path": exchange.path}
    operation, allowed = contract.match(exchange.method, exchange.path)
    if first.rule == "path-declared" or (operation is None and not allowed):
        return Failure(FailureKind.ROUTE_NOT_FOUND, 404, "Not Found", **base)
    if first.rule == "method-declared" or operation is None:
        return Failure(FailureKind.METHOD_NOT_ALLOWED, 405, "Method Not Allowed",
                       allowed_methods=contract.resolve(exchange.method, exchange.path).allowed,
                       **base)
    if first.rule == "parameter":
        param = next(p for p in operation.parameters if first.schema_location == p.schema_at
                     or first.schema_location.startswith(p.schema_at + "/"))
        if first.message.startswith("required "):
            detail = f"Missing {param.location} parameter '{param.name}'"
        else:
            detail = first.message.removeprefix(f"{param.location} parameter {param.name}: ")
        invalid = ParameterInvalid(param.location, param.name, detail,
                                   missing=first.message.startswith("required "))
        return Failure(FailureKind.PARAMETER_INVALID, 400, detail, parameter=invalid, **base)
    if first.rule == "request-content-type":
        media = exchange.request_header("content-type") or ""
        return Failure(FailureKind.MEDIA_TYPE_UNSUPPORTED, 415,
                       f"Invalid Content-type ({media})", media_type=media, **base)
    if not exchange.request_body.strip():
        return Failure(FailureKind.BODY_MISSING, 400, "Request body must not be empty", **base)
    try:
        body = json.loads(exchange.request_body)
    except ValueError as error:
        return Failure(FailureKind.BODY_MALFORMED, 400, str(error), **base)
    issues = tuple(_issue(f, operation.request_body or {}, child(operation.at, "requestBody"))
                   for f in findings if f.rule == "request-body")
    return Failure(FailureKind.BODY_INVALID, 400, issues[0].message if issues else "invalid body",
                   issues=issues, body=body, **base)


def _issue(finding: Finding, request_body: dict[str, Any], at: str) -> SchemaIssue:
    """A body finding as the schema issue the sandbox's validator would have produced."""
    path: list[str | int] = []
    for part in finding.json_path.removeprefix("$").replace("]", "").replace("[", ".[").split("."):
        if part:
            path.append(int(part[1:]) if part.startswith("[") else part)
    pointer = [p.replace("~1", "/").replace("~0", "~")
               for p in finding.schema_location.removeprefix(at).split("/") if p]
    expected: Any = request_body
    for part in pointer:
        try:
            expected = expected[int(part)] if isinstance(expected, list) else expected[part]
        except (KeyError, IndexError, TypeError, ValueError):
            expected = None
            break
    schema_at = pointer.index("schema") + 1 if "schema" in pointer else len(pointer)
    keyword = pointer[-1] if pointer else ""
    return SchemaIssue(tuple(path), finding.message, keyword,
                       tuple(int(p) if p.isdigit() else p for p in pointer[schema_at:]),
                       expected)
