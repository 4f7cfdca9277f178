"""Sunbird helpers: credentials, calls in the real client's shape, envelope assertions."""

from __future__ import annotations

import re
from typing import Any

import pytest

TS = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}:\d{3}\+0000$")
USER_UPLOAD = "/api/user/v1/upload"
ORG_UPLOAD = "/api/org/v1/upload"
LOCATION_UPLOAD = "/api/data/v1/bulk/location/upload"
STATUS = "/api/data/v1/upload/status/{}"
FILE_FIELDS = {USER_UPLOAD: "user", ORG_UPLOAD: "org", LOCATION_UPLOAD: "csvFile"}


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

    # bulk uploads
    def upload(self, path: str, content: bytes | str, **form: str) -> Any:
        """POST a CSV as a multipart file part named as the seed names it."""
        data = content.encode() if isinstance(content, str) else content
        return self.client.post(path, headers=self.headers(),
                                files={FILE_FIELDS[path]: ("upload.csv", data, "text/csv")},
                                data=form or None)

    def status(self, process_id: Any) -> dict[str, Any]:
        """The status entry of one process."""
        result = ok(self.get(STATUS.format(process_id)))
        assert len(result["response"]) == 1
        return dict(result["response"][0])

    def processed(self, path: str, content: bytes | str, **form: str) -> dict[str, Any]:
        """Upload, move the clock until the process completes, and return its status."""
        process_id = ok(self.upload(path, content, **form))["processId"]
        for _ in range(50):
            entry = self.status(process_id)
            if entry["status"] == "COMPLETED":
                return entry
            self.advance(5)
        raise AssertionError(f"process {process_id} never completed")

    def me(self) -> dict[str, Any]:
        return next(u for u in self.state("users") if u["id"] == self.user_id)

    def my_org(self) -> dict[str, Any]:
        """The logged-in user's root organisation (what uploads attach to)."""
        root = self.me()["rootOrgId"]
        return next(o for o in self.state("organisations") if o["id"] == root)

    def location(self, location_type: str, index: int = 0) -> dict[str, Any]:
        return [place for place in self.state("locations")
                if place["type"] == location_type][index]

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

    def complete_course(self, course: dict[str, Any], batch_id: str) -> dict[str, Any]:
        """Enrol in the batch, complete every leaf, and return the batch's enrolment entry."""
        course_id = course["identifier"]
        ok(self.post("/api/course/v1/enrol", {"courseId": course_id, "batchId": batch_id,
                                              "userId": self.user_id}))
        ok(self.patch("/api/course/v1/content/state/update", {
            "userId": self.user_id, "contents": [
                {"contentId": leaf, "batchId": batch_id, "courseId": course_id, "status": 2}
                for leaf in course["leafNodes"]]}))
        courses = ok(self.get(f"/api/course/v1/user/enrollment/list/{self.user_id}"))["courses"]
        return dict(next(c for c in courses if c["batchId"] == batch_id))

    def certificate_asset(self, signed: bool = True, titled: bool | None = None
                          ) -> dict[str, Any]:
        """A seeded certificate-template asset, with issuer and signatories or with neither
        (and, when ``titled`` is given, with or without ``data.title``)."""
        for asset in self.state("certificate_assets"):
            if ("issuer" in asset) == signed and titled in (None, "data" in asset):
                return asset
        raise AssertionError(f"no seeded asset signed={signed} titled={titled}")

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


def refused(response: Any, status: int, code: str | None, message: str | None = None
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


def client_error(response: Any, message: str) -> dict[str, Any]:
    """Assert upstream's codeless refusal (``throwClientErrorException(CLIENT_ERROR, ...)``):
    400 CLIENT_ERROR, ``err`` null, ``status`` SERVER_ERROR, that message."""
    body = refused(response, 400, None, message)
    assert body["params"]["status"] == "SERVER_ERROR", body
    return body


@pytest.fixture
def sunbird(client: Any) -> Sunbird:
    return Sunbird(client)
