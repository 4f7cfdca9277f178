"""The live servers the fuzzing run talks to: credentials, ids worth aiming at, a clean start."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import httpx

SDR_EDUMIS = "6004"
SDR_OPEN_RETURN = "202608"
"""August 2026 is an open Full return at FROZEN_AT."""
SDR_CLIENT = ("edumock-sdr-client", "edumock-sdr-secret")

KNOWN: dict[str, list[str]] = {}
"""Ids that exist on the platforms' server (filled once it runs); generated ids rarely do."""


@dataclass
class Target:
    """What every fuzzed call needs: where to send it and as whom; how to start afresh."""

    url: str
    http: httpx.Client = field(repr=False)
    headers: dict[str, dict[str, str]] = field(repr=False)
    snapshot: bytes = field(repr=False)
    dirty: bool = False
    seen_violations: int = 0

    def restore(self) -> None:
        """Put the world back as it was before fuzzing began (cheaper than a reset)."""
        response = self.http.put("/__admin/snapshot", content=self.snapshot,
                                 headers={"Content-Type": "application/json"})
        assert response.status_code == 200, response.text
        self.dirty = False

    def violations(self) -> list[dict[str, Any]]:
        response = self.http.get("/__admin/violations")
        assert response.status_code == 200, response.text
        return list(response.json()["violations"])


def _ok(response: httpx.Response) -> Any:
    assert response.status_code == 200, response.text
    return response.json()


def prepare(http: httpx.Client) -> tuple[dict[str, dict[str, str]], dict[str, list[str]]]:
    """Credentials per platform, and ids of records the fuzzer should sometimes hit."""
    tesla = _ok(http.post("/__admin/tokens", json={
        "platform": "tesla", "institution_id": 1, "roles": ["inst_admin"]}))
    sdr = _ok(http.post("/__admin/tokens", json={"platform": "sdr", "edumis": SDR_EDUMIS}))
    sunbird = _ok(http.post("/__admin/tokens", json={"platform": "sunbird"}))
    headers = {
        "tesla": {"Authorization": f"JWT {tesla['token']}"},
        "sdr": {"Authorization": f"Bearer {sdr['token']}"},
        "sunbird": {"Authorization": f"Bearer {sunbird['apiKey']}",
                    "x-authenticated-user-token": sunbird["userToken"]},
    }
    submission = _ok(http.post(f"/submissions/v1.0/token/{SDR_OPEN_RETURN}", headers={
        **headers["sdr"], "EID": SDR_EDUMIS}))
    batches = _ok(http.get("/__admin/state/sunbird/batches"))["records"]
    sections = _ok(http.get("/__admin/state/sunbird/sections"))["records"]
    pages = _ok(http.get("/__admin/state/sunbird/pages"))["records"]
    known = {
        "submissionToken": [submission["submissionToken"]],
        "batchId": [batch["batchId"] for batch in batches[:3]],
        "courseId": sorted({batch["courseId"] for batch in batches})[:2],
        "userId": [sunbird["userId"]],
        "sectionId": [section["id"] for section in sections[:2]],
        "pageName": [page["name"] for page in pages[:2]],
    }
    return headers, known


class AdminTarget(Target):
    """A server of its own for fuzzing the admin API, whose calls move clocks, add faults and
    drop worlds: it is reset whole, never shared with the platforms' run."""

    def restore(self) -> None:
        """Regenerate the default world, drop the others, forget faults, journal and counts."""
        for method, path, body in (("POST", "/__admin/reset", {"seed": 42, "allWorlds": True}),
                                   ("DELETE", "/__admin/faults", None),
                                   ("DELETE", "/__admin/requests", None),
                                   ("DELETE", "/__admin/coverage", None)):
            response = self.http.request(method, path, json=body)
            assert response.status_code in (200, 204), response.text
        self.dirty = False
