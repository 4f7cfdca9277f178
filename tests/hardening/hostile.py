"""What the hostile-input tests share: credentials, each platform's error shape, and the proof
that a refused request changed nothing (the world's whole snapshot, before and after)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from tests.platforms.sdr.conftest import EDUMIS, OPEN_RETURN

TESLA_LEARNERS = "/api/v2/institution/1/learner/"
SDR_LEARNERS = "/submissions/v1.0/learners"
SUNBIRD_ENROL = "/api/course/v1/enrol"
ADMIN_CLOCK = "/__admin/clock"
PROBLEM_KEYS = {"type", "title", "status", "detail", "instance", "errorCode", "errorCodes",
                "errors"}
ENVELOPE_KEYS = {"id", "ver", "ts", "params", "responseCode", "result"}


@dataclass
class Callers:
    """Valid credentials for every platform, minted before any snapshot is taken."""

    tesla: dict[str, str]
    sdr: dict[str, str]
    submission_token: str
    sunbird: dict[str, str]
    sunbird_user: str


def callers(client: Any) -> Callers:
    """An institution-1 admin, an SDR organisation with a live submission token, a Sunbird
    user."""
    def mint(claims: dict[str, Any]) -> dict[str, Any]:
        response = client.post("/__admin/tokens", json=claims)
        assert response.status_code == 200, response.text
        return dict(response.json())

    tesla = mint({"platform": "tesla", "institution_id": 1, "roles": ["inst_admin"]})
    sdr = mint({"platform": "sdr", "edumis": EDUMIS})
    sdr_headers = {"Authorization": f"Bearer {sdr['token']}", "EID": EDUMIS}
    token = client.post(f"/submissions/v1.0/token/{OPEN_RETURN}", headers=sdr_headers)
    assert token.status_code == 200, token.text
    sunbird = mint({"platform": "sunbird"})
    return Callers(
        tesla={"Authorization": f"JWT {tesla['token']}"}, sdr=sdr_headers,
        submission_token=str(token.json()["submissionToken"]),
        sunbird={"Authorization": f"Bearer {sunbird['apiKey']}",
                 "x-authenticated-user-token": sunbird["userToken"]},
        sunbird_user=str(sunbird["userId"]))


def snapshot(client: Any) -> dict[str, Any]:
    """The request's world: every platform's records, the random stream and the clock."""
    response = client.get("/__admin/snapshot")
    assert response.status_code == 200, response.text
    return dict(response.json())


@contextmanager
def unchanged(client: Any) -> Iterator[None]:
    """Fail unless the world is exactly as it was, naming the collections that differ."""
    before = snapshot(client)
    yield
    after = snapshot(client)
    if after == before:
        return
    changed = [f"{platform}.{name}" for platform, store in after["stores"].items()
               for name in set(store) | set(before["stores"].get(platform, {}))
               if store.get(name) != before["stores"].get(platform, {}).get(name)]
    others = [key for key in after if key != "stores" and after[key] != before.get(key)]
    raise AssertionError(f"a refused request changed the world: {changed + others}")


def drf_error(response: Any, status: int) -> dict[str, Any]:
    """A DRF error: ``{"detail": ...}`` or field → list of messages (nested for nested)."""
    assert response.status_code == status, (response.status_code, response.text[:300])
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert isinstance(body, dict) and body
    assert isinstance(body.get("detail"), str) or all(
        isinstance(value, list | dict) for value in body.values()), body
    return dict(body)


def sdr_problem(response: Any, status: int, code: str) -> dict[str, Any]:
    """SDR's RFC 7807 problem document with TEC's error code."""
    assert response.status_code == status, (response.status_code, response.text[:300])
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert set(body) == PROBLEM_KEYS, body
    assert body["status"] == status and body["errorCode"] == code, body
    assert body["errorCodes"] == [code] and body["type"].endswith("#" + code)
    return dict(body)


def sunbird_error(response: Any, status: int, code: str,
                  response_code: str = "CLIENT_ERROR") -> dict[str, Any]:
    """Sunbird's envelope with an error code and an empty result."""
    assert response.status_code == status, (response.status_code, response.text[:300])
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert set(body) == ENVELOPE_KEYS, body
    assert body["params"]["err"] == code and body["params"]["errmsg"], body
    assert body["responseCode"] == response_code and body["result"] == {}
    return dict(body)


def admin_problem(response: Any, status: int) -> dict[str, Any]:
    """The admin API's problem+json."""
    assert response.status_code == status, (response.status_code, response.text[:300])
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status and body["detail"], body
    return dict(body)


@dataclass
class AsgiExchange:
    """What an app answered to a hand-driven request, and how much of the body it pulled."""

    status_code: int = 0
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    pulled: int = 0

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")

    def json(self) -> Any:
        return json.loads(self.body)


def drive(app: Any, method: str, path: str, headers: Sequence[tuple[str, str]],
          chunks: Sequence[bytes], *, endless: bool = False) -> AsgiExchange:
    """Call the ASGI app directly, handing out the body one chunk per ``receive``. With
    ``endless`` the body never ends: only a server that stops reading can answer."""
    exchange = AsgiExchange()
    pieces = list(chunks) or [b""]
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
             "method": method, "scheme": "http", "path": path, "raw_path": path.encode(),
             "root_path": "", "query_string": b"", "server": ("testserver", 80),
             "client": ("127.0.0.1", 50000),
             "headers": [(k.lower().encode("latin-1"), v.encode("latin-1"))
                         for k, v in [("host", "testserver"), *headers]]}

    async def receive() -> dict[str, Any]:
        index = exchange.pulled
        exchange.pulled += 1
        if endless or index < len(pieces):
            return {"type": "http.request", "body": pieces[index % len(pieces)],
                    "more_body": endless or index < len(pieces) - 1}
        await asyncio.sleep(3600)  # a finished body: nothing more until the client leaves
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            exchange.status_code = message["status"]
            exchange.headers = {k.decode("latin-1"): v.decode("latin-1")
                                for k, v in message.get("headers", [])}
        elif message["type"] == "http.response.body":
            exchange.body += message.get("body", b"")

    asyncio.run(asyncio.wait_for(app(scope, receive, send), timeout=30))
    return exchange
