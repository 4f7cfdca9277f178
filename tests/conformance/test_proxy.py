"""``edumock proxy``: answers pass through byte for byte, every exchange is judged, ``--refuse``
answers in the platform's own format without forwarding, and an absent upstream is reported."""

from __future__ import annotations

import base64
import gzip
import json
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from edumock.cli import main
from edumock.cli.conformance import contract_for, platform_named
from edumock.cli.proxy import refusal_renderer
from edumock.conformance.har import load_har
from edumock.conformance.proxy import ValidatingProxy
from edumock.settings import Settings
from edumock.testing.server import ThreadedServer, free_port
from tests.conftest import FROZEN_AT

EDUMOCK = str(Path(sys.executable).with_name("edumock"))
GZIPPED = gzip.compress(b'{"greeting": "kia ora", "padding": "' + b"x" * 600 + b'"}', mtime=0)


class Served:
    """An ASGI app under uvicorn in a thread, adding no headers of its own."""

    def __init__(self, app: Any) -> None:
        self.port = free_port()
        self.server = uvicorn.Server(uvicorn.Config(
            app, host="127.0.0.1", port=self.port, log_level="warning",
            server_header=False, date_header=False))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> Served:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            assert time.monotonic() < deadline, "server did not start"
            time.sleep(0.01)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


class Echo:
    """An upstream that counts calls and answers with what it received."""

    def __init__(self) -> None:
        self.calls = 0
        self.app = Starlette(routes=[Route("/compressed", self.compressed),
                                     Route("/{path:path}", self.echo,
                                           methods=["GET", "POST", "PATCH", "DELETE"])])

    async def echo(self, request: Request) -> Response:
        self.calls += 1
        body = await request.body()
        return JSONResponse({
            "method": request.method, "path": request.scope["raw_path"].decode(),
            "query": request.scope["query_string"].decode(),
            "headers": [[k.decode(), v.decode()] for k, v in request.headers.raw],
            "body": base64.b64encode(body).decode()})

    async def compressed(self, request: Request) -> Response:
        response = Response(GZIPPED, media_type="application/json",
                            headers={"content-encoding": "gzip", "keep-alive": "timeout=5"})
        response.raw_headers += [(b"set-cookie", b"a=1; Path=/"), (b"set-cookie", b"b=2")]
        return response


@pytest.fixture(scope="module")
def upstream() -> Iterator[ThreadedServer]:
    with ThreadedServer(Settings(start_time=FROZEN_AT)) as server:
        yield server


@pytest.fixture
def sandbox(upstream: ThreadedServer) -> Iterator[httpx.Client]:
    """A client of the real upstream, its worlds reset to seed 42."""
    with httpx.Client(base_url=upstream.url) as client:
        assert client.post("/__admin/reset", json={"seed": 42}).status_code in (200, 204)
        yield client


@pytest.fixture
def echo() -> Iterator[tuple[Echo, Served]]:
    upstream = Echo()
    with Served(upstream.app) as served:
        yield upstream, served


def proxy_for(url: str, platform: str = "tesla", refuse: bool = False) -> ValidatingProxy:
    contract = contract_for(platform)
    return ValidatingProxy(url, contract, refuse=refuse,
                           render_refusal=refusal_renderer(platform_named(platform), contract))


def tesla_headers(sandbox: httpx.Client) -> dict[str, str]:
    minted = sandbox.post("/__admin/tokens", json={"platform": "tesla", "institution_id": 1,
                                                   "roles": ["inst_admin"]})
    return {"Authorization": f"JWT {minted.json()['token']}"}


def end_to_end(response: httpx.Response) -> list[tuple[str, str]]:
    return [(k, v) for k, v in response.headers.multi_items() if k != "date"]


def test_answers_come_back_byte_for_byte(upstream: ThreadedServer, sandbox: httpx.Client):
    auth = tesla_headers(sandbox)
    calls: list[tuple[str, str, dict[str, Any]]] = [
        ("GET", "/api/v2/institution/1/", {"headers": auth}),
        ("GET", "/api/v2/institution/1/instructor/?limit=2&offset=2", {"headers": auth}),
        ("DELETE", "/api/v2/institution/1/", {"headers": auth}),
        ("GET", "/api/v2/institution/1/nonexistent/", {"headers": auth}),
        ("POST", "/api/v2/institution/1/learner/",
         {"headers": auth, "json": {"uid": "p1", "email": "not-an-email"}}),
        ("GET", "/api/v2/institution/1/", {"headers": {"Authorization": "JWT forged"}}),
    ]
    proxy = proxy_for(upstream.url)
    with Served(proxy.app) as served, httpx.Client() as client:
        for method, path, options in calls:
            direct = client.request(method, upstream.url + path, **options)
            proxied = client.request(method, served.url + path, **options)
            assert proxied.status_code == direct.status_code, path
            assert proxied.content == direct.content, path
            assert end_to_end(proxied) == end_to_end(direct), path
        first = client.get(upstream.url + "/api/v2/institution/1/", headers=auth).content
    report = proxy.finish()
    assert [e.status for e in report.exchanges] == [200, 200, 405, 404, 400, 401]
    assert report.exchanges[0].response_body == first
    assert report.exchanges[5].response_header("www-authenticate") == "JWT"
    assert [(f.exchange, f.rule) for f in report.findings] == [
        (3, "method-declared"), (4, "path-declared"), (5, "request-body")]


def test_requests_are_forwarded_as_sent(echo: tuple[Echo, Served]):
    upstream, served = echo
    proxy = proxy_for(served.url)
    body = bytes(range(256))
    with Served(proxy.app) as front, httpx.Client() as client:
        answer = client.patch(
            front.url + "/api/v2/a%20b/?x=1&x=2&y=%C3%A9", content=body,
            headers={"X-Custom": "kept", "Content-Type": "application/octet-stream",
                     "TE": "trailers", "Connection": "keep-alive, X-Hop", "X-Hop": "dropped"})
    seen = answer.json()
    headers = dict(seen["headers"])
    assert (seen["method"], seen["path"], seen["query"]) == ("PATCH", "/api/v2/a%20b/",
                                                             "x=1&x=2&y=%C3%A9")
    assert base64.b64decode(seen["body"]) == body
    assert headers["x-custom"] == "kept"
    assert headers["content-type"] == "application/octet-stream"
    assert headers["content-length"] == "256"
    assert headers["host"] == f"127.0.0.1:{served.port}"
    assert not {"te", "connection", "x-hop"} & set(headers)
    assert upstream.calls == 1
    assert proxy.finish().exchanges[0].request_body == body


def test_compressed_answers_pass_untouched_and_are_judged_decoded(echo: tuple[Echo, Served]):
    _, served = echo
    proxy = proxy_for(served.url)
    with Served(proxy.app) as front, httpx.Client() as client:
        with client.stream("GET", served.url + "/compressed") as direct:
            direct_raw = b"".join(direct.iter_raw())
        with client.stream("GET", front.url + "/compressed") as proxied:
            proxied_raw = b"".join(proxied.iter_raw())
            cookies = proxied.headers.get_list("set-cookie")
            keep_alive = proxied.headers.get("keep-alive")
            coding = proxied.headers["content-encoding"]
    assert direct_raw == proxied_raw == GZIPPED
    assert coding == "gzip"
    assert cookies == ["a=1; Path=/", "b=2"]
    assert direct.headers.get("keep-alive") == "timeout=5" and keep_alive is None
    recorded = proxy.finish().exchanges[0]
    assert recorded.response_body == gzip.decompress(GZIPPED)
    assert recorded.response_json()["greeting"] == "kia ora"


def test_a_request_breaking_the_contract_is_forwarded_and_flagged(echo: tuple[Echo, Served]):
    upstream, served = echo
    proxy = proxy_for(served.url)
    with Served(proxy.app) as front, httpx.Client() as client:
        answer = client.post(front.url + "/api/v2/institution/1/learner/",
                             json={"uid": "p2", "email": "not-an-email"})
    assert upstream.calls == 1 and answer.json()["method"] == "POST"
    report = proxy.finish()
    body_findings = [f for f in report.findings if f.rule == "request-body"]
    assert [(f.exchange, f.json_path) for f in body_findings] == [(1, "$.email")]
    assert report.exchanges[0].label == "proxied" and not report.exchanges[0].notes.get(
        "refused")


def test_refuse_answers_like_the_platform_without_forwarding(upstream: ThreadedServer,
                                                             sandbox: httpx.Client,
                                                             echo: tuple[Echo, Served]):
    counter, served = echo
    auth = tesla_headers(sandbox)
    bad = {"uid": "p3", "email": "not-an-email"}
    path = "/api/v2/institution/1/learner/"
    proxy = proxy_for(served.url, refuse=True)
    with Served(proxy.app) as front, httpx.Client() as client:
        refused = client.post(front.url + path, json=bad, headers=auth)
        wrong_type = client.post(front.url + path, content=b"uid=p3",
                                 headers={**auth, "Content-Type": "text/plain"})
        wrong_method = client.delete(front.url + "/api/v2/institution/1/", headers=auth)
        unknown = client.get(front.url + "/api/v2/institution/1/nonexistent/", headers=auth)
        assert counter.calls == 0
        client.get(front.url + "/api/v2/institution/1/", headers=auth)
        assert counter.calls == 1
        for mine, method, url, options in [
                (refused, "POST", path, {"json": bad}),
                (wrong_type, "POST", path, {"content": b"uid=p3",
                                            "headers": {**auth, "Content-Type": "text/plain"}}),
                (wrong_method, "DELETE", "/api/v2/institution/1/", {}),
                (unknown, "GET", "/api/v2/institution/1/nonexistent/", {})]:
            options.setdefault("headers", auth)
            real = sandbox.request(method, url, **options)
            assert (mine.status_code, mine.content) == (real.status_code, real.content)
            assert mine.headers["content-type"] == real.headers["content-type"]
            assert mine.headers.get("allow") == real.headers.get("allow")
    assert refused.json() == {"email": ["Enter a valid email address."]}
    report = proxy.finish()
    first = report.exchanges[0]
    assert first.notes["refused"] is True and first.label == "refused by the proxy"
    assert [(f.exchange, f.rule) for f in report.findings[:4]] == [
        (1, "request-body"), (2, "request-content-type"), (3, "method-declared"),
        (4, "path-declared")]
    assert {f.exchange for f in report.findings[4:]} == {5}, "the echo's answers break the spec"


def test_an_sdr_parameter_refusal_is_its_problem_document(sandbox: httpx.Client):
    minted = sandbox.post("/__admin/tokens", json={"platform": "sdr", "edumis": "6004"})
    auth = {"Authorization": f"Bearer {minted.json()['token']}", "EID": "6004"}
    path = "/submissions/v1.0/returns?page=1&pageSize=500"
    proxy = proxy_for("http://127.0.0.1:9", "sdr", refuse=True)
    with Served(proxy.app) as front, httpx.Client() as client:
        mine = client.get(front.url + path, headers=auth)
    real = sandbox.get(path, headers=auth)
    assert (mine.status_code, mine.content) == (real.status_code, real.content)
    assert mine.headers["content-type"] == "application/problem+json"
    assert mine.json()["errors"] == {"returnId": None, "submissionToken": None, "content": None,
                                     "$.pageSize": ["500 is greater than the maximum of 100"]}


def test_a_sunbird_refusal_is_its_envelope(sandbox: httpx.Client):
    minted = sandbox.post("/__admin/tokens", json={"platform": "sunbird"}).json()
    auth = {"Authorization": f"Bearer {minted['apiKey']}",
            "x-authenticated-user-token": minted["userToken"]}
    proxy = proxy_for("http://127.0.0.1:9", "sunbird", refuse=True)
    with Served(proxy.app) as front, httpx.Client() as client:
        mine = client.post(front.url + "/api/course/v1/batch/create", json=["x"], headers=auth)
    real = sandbox.post("/api/course/v1/batch/create", json=["x"], headers=auth)
    assert mine.status_code == real.status_code == 400
    ours, theirs = mine.json(), real.json()
    assert ours.pop("ts") and theirs.pop("ts")
    assert ours == theirs
    assert ours["params"]["err"] == "INVALID_REQUESTED_DATA"


def test_an_upstream_that_stops_answering_gets_502_and_a_note():
    gone = f"http://127.0.0.1:{free_port()}"
    proxy = proxy_for(gone)
    with Served(proxy.app) as front, httpx.Client() as client:
        answer = client.get(front.url + "/api/v2/institution/1/")
    assert answer.status_code == 502
    assert answer.headers["content-type"].startswith("text/plain")
    assert f"the upstream {gone} did not answer" in answer.text
    report = proxy.finish()
    assert report.findings == [] and report.operation_of == {}
    assert "ConnectError" in report.exchanges[0].notes["upstream_error"]


def test_an_unreachable_or_malformed_upstream_exits_2(capsys):
    gone = f"http://127.0.0.1:{free_port()}"
    assert main(["proxy", "--upstream", gone, "--platform", "tesla"]) == 2
    assert f"edumock proxy: the upstream {gone} is unreachable" in capsys.readouterr().err
    assert main(["proxy", "--upstream", "ftp://example.org", "--platform", "tesla"]) == 2
    assert "is not an http:// or https:// URL" in capsys.readouterr().err


def test_a_port_in_use_exits_2(upstream: ThreadedServer, capsys):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code = main(["proxy", "--upstream", upstream.url, "--platform", "tesla",
                     "--port", str(port)])
    assert code == 2
    assert f"cannot listen on 127.0.0.1:{port}" in capsys.readouterr().err


def wait_for_port(port: int) -> None:
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.02)
    raise AssertionError(f"nothing listens on {port}")


def test_a_session_prints_each_exchange_and_reports_at_the_end(
        upstream: ThreadedServer, sandbox: httpx.Client, tmp_path: Path, capsys):
    auth = tesla_headers(sandbox)
    port = free_port()
    har, report = tmp_path / "session.har", tmp_path / "report.json"
    codes: list[int] = []
    session = threading.Thread(target=lambda: codes.append(main([
        "proxy", "--upstream", upstream.url, "--platform", "tesla", "--port", str(port),
        "--max-requests", "3", "--har", str(har), "--report", str(report)])))
    session.start()
    wait_for_port(port)
    with httpx.Client(base_url=f"http://127.0.0.1:{port}", headers=auth) as client:
        client.get("/api/v2/institution/1/")
        client.get("/api/v2/institution/1/instructor/?limit=2")
        client.delete("/api/v2/institution/1/")
    session.join(timeout=15)
    assert codes == [1]
    out = capsys.readouterr().out
    assert f"edumock proxy: http://127.0.0.1:{port} -> {upstream.url} (tesla" in out
    assert "#1 GET /api/v2/institution/1/ -> 200  conforms" in out
    assert "#2 GET /api/v2/institution/1/instructor/?limit=2 -> 200  conforms" in out
    assert "#3 DELETE /api/v2/institution/1/ -> 405  1 finding(s): method-declared" in out
    assert f"HAR written: {har}" in out and f"report written: {report}" in out
    assert json.loads(report.read_text(encoding="utf-8"))["exchanges"] == 3
    assert [e.status for e in load_har(har).exchanges] == [200, 200, 405]
    assert main(["check", "--platform", "tesla", str(har)]) == 1
    assert "DELETE is not declared for this path" in capsys.readouterr().out


def test_the_installed_command_reports_when_stopped_by_a_signal(upstream: ThreadedServer,
                                                                sandbox: httpx.Client):
    auth = tesla_headers(sandbox)
    port = free_port()
    process = subprocess.Popen(
        [EDUMOCK, "proxy", "--upstream", upstream.url, "--platform", "tesla",
         "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        wait_for_port(port)
        answer = httpx.get(f"http://127.0.0.1:{port}/api/v2/institution/1/", headers=auth)
        assert answer.status_code == 200
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=15)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 0, err
    assert "#1 GET /api/v2/institution/1/ -> 200  conforms" in out
    assert "1 exchanges judged" in out
