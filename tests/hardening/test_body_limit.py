"""Bodies over ``max_body_bytes``: a 413 in the owning platform's format, before the body is read
whole, and nothing changed. A small limit keeps the module fast; the default (10 MB) is checked
by a declared length alone."""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from edumock.app import EdumockApp
from edumock.cli import build_parser
from edumock.cli.serve import settings_from
from edumock.settings import Settings
from edumock.testing import ThreadedServer, build_app
from tests.conftest import FROZEN_AT
from tests.hardening.hostile import (
    ADMIN_CLOCK,
    SDR_LEARNERS,
    SUNBIRD_ENROL,
    TESLA_LEARNERS,
    Callers,
    admin_problem,
    callers,
    drf_error,
    drive,
    sdr_problem,
    snapshot,
    sunbird_error,
    unchanged,
)

LIMIT = 4096
DEFAULT = 10 * 1024 * 1024
USER_UPLOAD = "/api/user/v1/upload"
USERS_CSV = b"NAME,EMAIL,USER_TYPE,ROLES\n"

Check = Callable[[Any], Any]
TARGETS: dict[str, tuple[str, str, Callable[[Callers], dict[str, str]], Check]] = {
    "tesla": ("POST", TESLA_LEARNERS, lambda c: c.tesla,
              lambda r: drf_error(r, 413)["detail"]),
    "sdr": ("PUT", SDR_LEARNERS, lambda c: c.sdr, lambda r: sdr_problem(r, 413, "PL1")["detail"]),
    "sunbird": ("POST", SUNBIRD_ENROL, lambda c: c.sunbird,
                lambda r: sunbird_error(r, 413, "MAX_ALLOWED_SIZE_LIMIT_EXCEED")["params"]),
    "admin": ("POST", ADMIN_CLOCK, lambda c: {}, lambda r: admin_problem(r, 413)["detail"]),
}


@pytest.fixture(scope="module")
def small() -> Iterator[EdumockApp]:
    """An app whose limit is 4 KB; it must never break its own spec either."""
    app = build_app(Settings(start_time=FROZEN_AT, max_body_bytes=LIMIT))
    yield app
    assert not list(app.sandbox.violations)


@pytest.fixture
def small_client(small: EdumockApp) -> Iterator[Any]:
    small.sandbox.reset_all(seed=42)
    with small.test_client() as client:
        yield client


def _json_of(size: int) -> bytes:
    """A JSON object of exactly ``size`` bytes."""
    return b'{"pad": "' + b"x" * (size - 11) + b'"}'


@pytest.mark.parametrize("platform", TARGETS)
def test_a_body_over_the_limit_is_refused_in_the_platforms_format(small_client: Any,
                                                                    platform: str):
    method, path, headers, check = TARGETS[platform]
    who = callers(small_client)
    with unchanged(small_client):
        response = small_client.request(
            method, path, content=_json_of(LIMIT + 1),
            headers={**headers(who), "Content-Type": "application/json"})
        shown = check(response)
    assert "4096" in str(shown)


@pytest.mark.parametrize("platform", TARGETS)
def test_a_declared_length_over_the_limit_is_refused_unread(small: EdumockApp, platform: str):
    method, path, _, check = TARGETS[platform]
    exchange = drive(small, method, path, [("content-type", "application/json"),
                                           ("content-length", str(LIMIT + 1))], [b"{}"])
    check(exchange)
    assert exchange.pulled == 0


def test_a_chunked_body_is_cut_off_once_past_the_limit(small: EdumockApp):
    exchange = drive(small, "PUT", SDR_LEARNERS, [("content-type", "application/json"),
                                                  ("transfer-encoding", "chunked")],
                     [b" " * 1000], endless=True)
    sdr_problem(exchange, 413, "PL1")
    assert exchange.pulled == LIMIT // 1000 + 1  # the chunk that passed the limit, no more


def test_bodies_within_the_limit_are_served_whole(small_client: Any, small: EdumockApp):
    who = callers(small_client)
    body = b'{"email": "edge@pu1.ac.nz", "uid": "edge"}'
    exact = body[:-1] + b" " * (LIMIT - len(body)) + b"}"
    created = small_client.post(TESLA_LEARNERS, content=exact,
                                headers={**who.tesla, "Content-Type": "application/json"})
    assert created.status_code == 201, created.text
    chunked = drive(small, "POST", TESLA_LEARNERS,
                    [*who.tesla.items(), ("content-type", "application/json"),
                     ("transfer-encoding", "chunked")],
                    [b'{"email": "chunked@pu1.ac.nz",', b' "uid": "chunked"}'])
    assert chunked.status_code == 201, chunked.text  # length unknown, body read and replayed
    assert chunked.json()["uid"] == "chunked"


def _raw(url: str, head: bytes, body: bytes = b"") -> bytes:
    """Send a request's head (and part of a body) on a socket that never finishes it, then read
    what the server answers meanwhile."""
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=5) as sock:
        sock.sendall(head + body)
        answer = b""
        while b"\r\n\r\n" not in answer or not answer.rstrip().endswith(b"}"):
            piece = sock.recv(65536)
            if not piece:
                break
            answer += piece
    return answer


def test_a_live_server_answers_before_the_body_arrives(small: EdumockApp):
    head = (f"PUT {SDR_LEARNERS} HTTP/1.1\r\nHost: edumock\r\nContent-Type: application/json\r\n"
            f"EID: 6004\r\n")
    with ThreadedServer(Settings(start_time=FROZEN_AT), app=small) as server, \
            small.test_client() as client:
        before = snapshot(client)
        declared = _raw(server.url, f"{head}Content-Length: {DEFAULT}\r\n\r\n".encode())
        chunked = _raw(server.url, f"{head}Transfer-Encoding: chunked\r\n\r\n".encode(),
                       b"".join(b"400\r\n" + b" " * 1024 + b"\r\n" for _ in range(8)))
        assert snapshot(client) == before
    for answer in (declared, chunked):
        assert answer.startswith(b"HTTP/1.1 413 "), answer[:200]
        assert b'"errorCode": "PL1"' in answer


def test_the_default_limit_is_ten_megabytes(app: EdumockApp, client: Any):
    assert Settings().max_body_bytes == DEFAULT
    who = callers(client)
    with unchanged(client):
        for platform, (method, path, headers, check) in TARGETS.items():
            exchange = drive(app, method, path, [*headers(who).items(),
                                                 ("content-type", "application/json"),
                                                 ("content-length", str(DEFAULT + 1))], [b"{}"])
            check(exchange)
            assert exchange.pulled == 0, platform
            assert "10485760" in exchange.text or "10MB" in exchange.text
    journaled = client.get("/__admin/requests", params={"status": 413}).json()["requests"]
    assert {entry["verdict"] for entry in journaled} == {"refused"} and len(journaled) == 3


def test_serve_takes_the_limit_from_the_command_line():
    args = build_parser().parse_args(["serve", "--max-body-bytes", "2048"])
    assert settings_from(args).max_body_bytes == 2048
    assert settings_from(build_parser().parse_args(["serve"])).max_body_bytes == DEFAULT


def _service_limit(client: Any, megabytes: int) -> None:
    """Lower Sunbird's own upload limit (``limits.uploadMaxMegabytes``) in this world."""
    state = snapshot(client)
    state["stores"]["sunbird"]["config"]["sunbird"]["upload_max_megabytes"] = megabytes
    assert client.put("/__admin/snapshot", json=state).status_code == 200


def test_sunbird_uploads_meet_the_transport_limit_before_the_services(app: EdumockApp,
                                                                      client: Any):
    who = callers(client)
    _service_limit(client, 1)
    row = b"Ana,ana@example.org,teacher,PUBLIC\n"
    between = USERS_CSV + row * (1024 * 1024 // len(row) + 1)  # over 1 MB, under 10 MB
    with unchanged(client):
        service = client.post(USER_UPLOAD, headers=who.sunbird,
                              files={"user": ("u.csv", between, "text/csv")})
        body = sunbird_error(service, 400, "MAX_ALLOWED_SIZE_LIMIT_EXCEED")
        assert body["params"]["errmsg"] == "Max allowed size is 1MB"
        assert body["params"]["status"] == "FAILED"  # the service's refusal
        transport = drive(app, "POST", USER_UPLOAD, [
            *who.sunbird.items(), ("content-type", "multipart/form-data; boundary=b"),
            ("content-length", str(DEFAULT + 1))], [b"--b--"])
        body = sunbird_error(transport, 413, "MAX_ALLOWED_SIZE_LIMIT_EXCEED")
        assert body["params"]["errmsg"] == "Max allowed size is 10MB"
        assert transport.pulled == 0
