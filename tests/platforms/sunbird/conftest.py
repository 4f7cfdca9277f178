"""Sunbird helpers: credentials, calls in the real client's shape, envelope assertions."""

from __future__ import annotations

import re
from typing import Any

import pytest

TS = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}:\d{3}\+0000$")


class Sunbird:
    """Calls Sunbird through a test client with an API key and a user token."""

    def __init__(self, client: Any, user_id: str | None = None) -> None:
        self.client = client
        self.login(user_id)

    def login(self, user_id: str | None = None) -> None:
        """Fresh credentials (for ``user_id``, else a seeded user)."""
        claims = {"platform": "sunbird", **({"userId": user_id} if user_id else {})}
        minted = self.client.post("/__admin/tokens", json=claims).json()
        self.api_key = minted["apiKey"]
        self.user_token = minted["userToken"]
        self.user_id = minted["userId"]

    def headers(self, **extra: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.api_key}",
                "x-authenticated-user-token": self.user_token, **extra}

    def post(self, path: str, request: Any, **headers: str) -> Any:
        return self.client.post(path, json={"request": request}, headers=self.headers(**headers))

    def patch(self, path: str, request: Any, **headers: str) -> Any:
        return self.client.patch(path, json={"request": request},
                                 headers=self.headers(**headers))

    def get(self, path: str, **headers: str) -> Any:
        return self.client.get(path, headers=self.headers(**headers))

    def state(self, collection: str) -> list[dict[str, Any]]:
        response = self.client.get(f"/__admin/state/sunbird/{collection}")
        assert response.status_code == 200, response.text
        return list(response.json()["records"])

    def advance(self, seconds: float) -> None:
        assert self.client.post("/__admin/clock", json={"advance": seconds}).status_code == 200

    # seeded records
    def course(self, index: int = 0) -> dict[str, Any]:
        return self.state("courses")[index]

    def batch_in_state(self, status: int) -> dict[str, Any]:
        """A seeded batch that is upcoming (0), ongoing (1) or ended (2) at FROZEN_AT."""
        for batch in self.state("batches"):
            read = self.get(f"/api/course/v1/batch/read/{batch['batchId']}").json()
            if read["result"]["response"]["status"] == status:
                return dict(read["result"]["response"])
        raise AssertionError(f"no seeded batch with status {status}")

    def enrol(self, batch: dict[str, Any], user_id: str | None = None) -> Any:
        return self.post("/api/course/v1/enrol", {
            "courseId": batch["courseId"], "batchId": batch["batchId"],
            "userId": user_id or self.user_id})


def ok(response: Any) -> dict[str, Any]:
    """Assert a success envelope and return its ``result``."""
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert set(body) == {"id", "ver", "ts", "params", "responseCode", "result"}
    assert body["responseCode"] == "OK" and body["params"]["status"] == "success"
    assert body["params"]["err"] is None and TS.match(body["ts"])
    return dict(body["result"])


def refused(response: Any, status: int, code: str, message: str | None = None
            ) -> dict[str, Any]:
    """Assert an error envelope with that HTTP status, code and (optionally) message."""
    assert response.status_code == status, response.text
    body = response.json()
    assert body["params"]["err"] == code, body
    expected = {400: "CLIENT_ERROR", 401: "CLIENT_ERROR", 404: "RESOURCE_NOT_FOUND",
                500: "SERVER_ERROR"}[status]
    assert body["responseCode"] == expected and body["result"] == {}
    if message is not None:
        assert body["params"]["errmsg"] == message
    return dict(body)


@pytest.fixture
def sunbird(client: Any) -> Sunbird:
    return Sunbird(client)
