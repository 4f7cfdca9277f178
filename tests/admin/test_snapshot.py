"""Snapshots: a world exported and restored behaves exactly as it was (records, next ids,
clock, tokens), into the same world, another one, or a new server started from the file."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx

from edumock.testing.server import free_port

LEARNERS = "/api/v2/institution/1/learner/"


def tesla(client: Any, world: str | None = None) -> dict[str, str]:
    scope = {"X-Edumock-World": world} if world else {}
    token = client.post("/__admin/tokens", headers=scope, json={
        "platform": "tesla", "institution_id": 1, "roles": ["inst_admin"]}).json()["token"]
    return {"Authorization": f"JWT {token}", **scope}


def create(client: Any, headers: dict[str, str], uid: str) -> dict[str, Any]:
    domain = client.get("/api/v2/institution/1/", headers=headers).json()["mail_domain"]
    response = client.post(LEARNERS, headers=headers, json={"email": f"{uid}@{domain}",
                                                            "uid": uid})
    assert response.status_code == 201, response.text
    return dict(response.json())


def test_restoring_continues_exactly_from_the_snapshot(client):
    headers = tesla(client)
    client.post("/__admin/clock", json={"advance": 120})
    snapshot = client.get("/__admin/snapshot").json()
    first = create(client, headers, "after-snapshot")
    sunbird_token = client.post("/__admin/tokens", json={"platform": "sunbird"}).json()
    assert client.put("/__admin/snapshot", json=snapshot).status_code == 200
    assert client.get("/__admin/snapshot").json() == snapshot
    again = create(client, headers, "after-snapshot")  # the token minted before still works
    assert again["id"] == first["id"]  # ids continue from the same place
    assert client.get("/__admin/clock").json()["offsetSeconds"] == 120
    assert sunbird_token["apiKey"] == client.post(
        "/__admin/tokens", json={"platform": "sunbird"}).json()["apiKey"]


def test_a_snapshot_moves_into_another_world(client):
    create(client, tesla(client), "moved")
    snapshot = client.get("/__admin/snapshot").json()
    restored = client.put("/__admin/snapshot", json=snapshot,
                          headers={"X-Edumock-World": "copy"})
    assert restored.status_code == 200 and restored.json()["name"] == "copy"
    copied = client.get(LEARNERS, headers=tesla(client, "copy"), params={"search": "moved"})
    assert copied.json()["count"] == 1


def test_a_snapshot_that_does_not_fit_changes_nothing(client):
    before = client.get("/__admin/snapshot").json()
    wrong = dict(before, stores={"moodle": {}})
    response = client.put("/__admin/snapshot", json=wrong)
    assert response.status_code == 400 and "moodle" in response.json()["detail"]
    assert client.put("/__admin/snapshot", json=dict(before, format=9)).status_code == 400
    assert client.get("/__admin/snapshot").json() == before


def test_serve_starts_from_a_snapshot_file(client, tmp_path: Path):
    create(client, tesla(client), "from-file")
    snapshot = client.get("/__admin/snapshot").json()
    state = tmp_path / "state.json"
    state.write_text(json.dumps(snapshot), encoding="utf-8")
    port = free_port()
    edumock = str(Path(sys.executable).with_name("edumock"))
    server = subprocess.Popen([edumock, "serve", "--port", str(port), "--platform", "sdr",
                               "tesla", "sunbird", "--state", str(state)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10) as http:
            for _ in range(200):
                try:
                    if http.get("/__admin/health").status_code == 200:
                        break
                except httpx.TransportError:
                    time.sleep(0.02)
            assert http.get("/__admin/snapshot").json()["stores"] == snapshot["stores"]
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_serve_refuses_a_snapshot_it_cannot_read(tmp_path: Path):
    state = tmp_path / "state.json"
    state.write_text("[1, 2]", encoding="utf-8")
    edumock = str(Path(sys.executable).with_name("edumock"))
    done = subprocess.run([edumock, "serve", "--port", str(free_port()), "--state", str(state)],
                          capture_output=True, text=True, timeout=30)
    assert done.returncode == 2 and "is not a snapshot" in done.stderr
