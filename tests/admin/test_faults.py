"""Faults: errors in each platform's own format, the next N / Nth / a seeded fraction of
calls, latency, a dropped connection and a slow body; faulted calls change nothing."""

from __future__ import annotations

import time
from typing import Any

import httpx
import pytest

from edumock.settings import Settings
from edumock.testing import ThreadedServer
from tests.conftest import FROZEN_AT

LEARNERS = "/api/v2/institution/1/learner/"


def tesla(client: Any) -> dict[str, str]:
    token = client.post("/__admin/tokens", json={
        "platform": "tesla", "institution_id": 1, "roles": ["inst_admin"]}).json()["token"]
    return {"Authorization": f"JWT {token}"}


def add(client: Any, **fault: Any) -> dict[str, Any]:
    response = client.post("/__admin/faults", json=fault)
    assert response.status_code == 201, response.text
    return dict(response.json())


def test_a_status_fault_answers_in_the_platforms_own_format_then_stops(client):
    add(client, platform="tesla", method="GET", path=LEARNERS, status=503, times=1,
        headers={"Retry-After": "5"})
    first = client.get(LEARNERS, headers=tesla(client))
    assert first.status_code == 503 and first.headers["retry-after"] == "5"
    assert set(first.json()) == {"detail"}  # DRF's error body
    assert client.get(LEARNERS, headers=tesla(client)).status_code == 200
    listed = client.get("/__admin/faults").json()["faults"]
    assert listed[0]["fired"] == 1 and listed[0]["exhausted"] is True


def test_sunbird_and_sdr_faults_use_their_envelopes(client):
    add(client, platform="sunbird", status=500)
    add(client, platform="sdr", status=502)
    sunbird = client.post("/api/course/v1/batch/list", json={"request": {}})
    assert sunbird.status_code == 500 and sunbird.json()["responseCode"] == "SERVER_ERROR"
    sdr = client.get("/submissions/v1.0/returns")
    assert sdr.status_code == 502  # TEC's problem document, with its errorCode
    assert sdr.headers["content-type"].startswith("application/problem+json")
    assert sdr.json()["status"] == 502 and "errorCode" in sdr.json()


def test_a_faulted_write_changes_nothing(client):
    domain = client.get("/api/v2/institution/1/", headers=tesla(client)).json()["mail_domain"]
    before = len(client.get("/__admin/state/tesla/users").json()["records"])
    add(client, method="POST", path="/api/v2/institution/{id}/learner/", status=500)
    response = client.post(LEARNERS, headers=tesla(client),
                           json={"email": f"f1@{domain}", "uid": "f1"})
    assert response.status_code == 500
    assert len(client.get("/__admin/state/tesla/users").json()["records"]) == before
    entry = client.get("/__admin/requests", params={"method": "POST"}).json()["requests"][-1]
    assert entry["verdict"] == "fault" and entry["changes"] == []


def test_only_the_nth_call_fails(client):
    add(client, path="/api/v2/institution/*", method="GET", status=500, nth=2)
    statuses = [client.get(LEARNERS, headers=tesla(client)).status_code for _ in range(4)]
    assert statuses == [200, 500, 200, 200]


def test_a_fraction_is_reproducible_for_a_seed(client):
    def run() -> list[int]:
        client.post("/__admin/reset")
        add(client, platform="tesla", status=500, fraction=0.5)
        return [client.get(LEARNERS, headers=tesla(client)).status_code for _ in range(12)]

    first = run()
    assert first == run()
    assert 0 < first.count(500) < 12


def test_faults_are_per_world_and_can_be_removed(client):
    fault = add(client, platform="tesla", status=500)
    scoped = {"X-Edumock-World": "calm", **tesla(client)}
    assert client.get(LEARNERS, headers=scoped).status_code == 200
    assert client.delete(f"/__admin/faults/{fault['id']}").status_code == 204
    assert client.delete(f"/__admin/faults/{fault['id']}").status_code == 404
    assert client.get(LEARNERS, headers=tesla(client)).status_code == 200
    add(client, platform="tesla", status=500)
    assert client.delete("/__admin/faults").json() == {"cleared": 1}


def test_a_fault_needs_an_effect_and_one_trigger(client):
    assert client.post("/__admin/faults", json={"platform": "tesla"}).status_code == 400
    both = client.post("/__admin/faults", json={"status": 500, "times": 1, "nth": 2})
    assert both.status_code == 400 and "at most one" in both.json()["detail"]


@pytest.fixture(scope="module")
def live():
    with ThreadedServer(Settings(start_time=FROZEN_AT, platforms=("tesla",))) as server:
        yield server


def test_latency_drop_and_slow_body_on_a_live_server(live):
    with httpx.Client(base_url=live.url, timeout=10) as http:
        http.delete("/__admin/faults")
        http.post("/__admin/faults", json={"path": "/api/v2/*", "latency": 300, "times": 1})
        started = time.perf_counter()
        http.get(LEARNERS)
        assert time.perf_counter() - started >= 0.3
        http.post("/__admin/faults", json={"path": "/api/v2/*", "drop": True, "times": 1})
        with pytest.raises(httpx.RemoteProtocolError):
            http.get(LEARNERS)
        http.post("/__admin/faults", json={"path": "/api/v2/*", "slowBodyMs": 400,
                                           "times": 1})
        started = time.perf_counter()
        slow = http.get(LEARNERS)
        assert time.perf_counter() - started >= 0.35 and slow.status_code == 403
        assert slow.json() == http.get(LEARNERS).json()  # the body itself is unchanged
