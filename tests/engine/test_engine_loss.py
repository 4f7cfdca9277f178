"""Losing the engine while serving: every request answers 503 in its platform's format,
nothing is half-written, and service resumes on its own when the engine is back."""

from __future__ import annotations

import httpx

from edumock.testing import ThreadedServer
from tests.engine.conftest import require_engine
from tests.engine.server import engine_server
from tests.engine.test_shared_state import LEARNERS, _learner, _settings, _token


def test_a_lost_engine_is_503_in_each_platforms_format_and_service_resumes():
    require_engine()
    with engine_server(persistent=True) as engine, \
            ThreadedServer(_settings(engine.url)) as server, \
            httpx.Client(base_url=server.url, timeout=30) as client:
        headers = _token(client)
        assert client.post(LEARNERS, json=_learner("kept1"), headers=headers).status_code == 201
        engine.stop()

        tesla = client.post(LEARNERS, json=_learner("lost1"), headers=headers)
        assert (tesla.status_code, tesla.json()) == (
            503, {"detail": "sandbox state store unavailable"})
        sunbird = client.get("/api/course/v1/batch/read/0130")
        assert sunbird.status_code == 503
        assert sunbird.json()["responseCode"] == "SERVICE_UNAVAILABLE"
        assert sunbird.json()["params"]["err"] == "SERVICE_UNAVAILABLE"
        sdr = client.get("/submissions/v1.0/returns")
        assert sdr.status_code == 503 and sdr.json()["status"] == 503
        assert sdr.json()["detail"] == "sandbox state store unavailable"
        health = client.get("/__admin/health")
        assert health.status_code == 503
        assert health.headers["content-type"].startswith("application/problem+json")

        engine.start()
        assert client.get("/__admin/health").json()["store"] == "engine"
        listed = client.get(LEARNERS, params={"search": "kept1 lost1"}, headers=headers)
        assert listed.status_code == 200
        found = client.get(LEARNERS, params={"search": "kept1"}, headers=headers).json()
        assert found["count"] == 1
        assert client.get(LEARNERS, params={"search": "lost1"},
                          headers=headers).json()["count"] == 0
