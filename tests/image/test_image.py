"""The container image, built through the Docker daemon and driven over HTTP: its size, the
admin key it insists on, the README's sessions, its health check and a clean stop.

Select with ``-m image``; without Docker or debootstrap these skip, unless
``EDUMOCK_REQUIRE_DOCKER=1`` (as CI sets)."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Iterator

import httpx
import pytest

from edumock.testing.server import free_port
from tests.image.docker import KEY, Built, docker, health_status, stop, wait_for

pytestmark = pytest.mark.image

ADMIN = {"X-Edumock-Admin-Key": KEY}
FROZEN = "2026-08-10T09:30:00+00:00"  # an SDR return window is open


def start(image: Built, port: int, *options: str) -> str:
    """A detached container on the host's network, serving on ``port``."""
    name = f"edumock-test-{port}"
    docker("run", "--detach", "--name", name, "--network", "host", "-e", f"EDUMOCK_PORT={port}",
           *options, image.tag)
    return name


@pytest.fixture(scope="module")
def served(image: Built) -> Iterator[tuple[str, str]]:
    """A running container (its name and base URL), with an admin key and a frozen clock."""
    port = free_port()
    name = start(image, port, "-e", f"EDUMOCK_ADMIN_KEY={KEY}", "-e",
                 f"EDUMOCK_FREEZE_TIME={FROZEN}", "--health-interval", "1s")
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for(f"{base}/__admin/health", ADMIN)
        yield name, base
    finally:
        docker("rm", "--force", name, check=False)


def test_size_and_build_time(image: Built):
    dependencies = "cached" if image.dependencies_cached else "installed"
    print(f"image {image.tag}: {image.size_bytes / 1e6:.0f} MB, built in "  # noqa: T201
          f"{image.seconds:.1f} s (dependencies {dependencies})")
    assert image.size_bytes < 300e6


def test_without_an_admin_key_it_refuses_to_start_and_says_why(image: Built):
    result = subprocess.run(
        ["docker", "run", "--rm", "--network", "host", "-e", f"EDUMOCK_PORT={free_port()}",
         image.tag], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "EDUMOCK_ADMIN_KEY" in result.stderr


def test_health_needs_the_admin_key(served):
    _, base = served
    health = httpx.get(f"{base}/__admin/health", headers=ADMIN)
    assert health.status_code == 200
    assert health.json()["platforms"] == ["sdr", "tesla", "sunbird"]
    assert health.json()["now"].startswith("2026-08-10T09:30")
    if "version" in health.json():
        assert isinstance(health.json()["version"], str)
    assert httpx.get(f"{base}/__admin/health").status_code == 401
    wrong = httpx.get(f"{base}/__admin/health", headers={"X-Edumock-Admin-Key": "guess"})
    assert wrong.status_code == 403


def test_the_readme_sdr_session(served):
    _, base = served
    creds = httpx.post(f"{base}/__admin/tokens", headers=ADMIN,
                       json={"platform": "sdr", "edumis": "6004"}).json()
    assert creds["token"]
    granted = httpx.post(f"{base}/oauth2/access_token", auth=("edumock-sdr-client",
                         "edumock-sdr-secret"), data={"grant_type": "client_credentials",
                                                      "org_id": "6004"})
    headers = {"Authorization": f"Bearer {granted.json()['access_token']}", "EID": "6004"}
    with httpx.Client(base_url=f"{base}/submissions/v1.0", headers=headers) as sdr:
        returns = sdr.get("/returns", params={"includeIndicative": "true"}).json()["results"]
        opened = next(r["returnId"] for r in returns if r["windowStatus"] == "Open")
        submission = sdr.post(f"/token/{opened}").json()["submissionToken"]
        learner = {"localId": "L1", "studentIdentificationCode": "S1001",
                   "nationalStudentNumber": 123456789, "gender": "F",
                   "dateOfBirth": "2001-04-12", "nameIdCode": "NGATA", "ethnicity": ["211"]}
        uploaded = sdr.put("/learners", json={"submissionToken": submission,
                                              "content": [learner]})
        assert uploaded.status_code == 200, uploaded.text
        assert sdr.post(f"/validate/{submission}").status_code == 200
        assert httpx.post(f"{base}/__admin/clock", headers=ADMIN,
                          json={"advance": 60}).status_code == 200
        findings = sdr.get(f"/validation/{submission}")
        assert findings.status_code == 200, findings.text
        assert sdr.delete(f"/token/{submission}/delete").status_code == 204


def test_a_tesla_list_with_a_minted_token(served):
    _, base = served
    token = httpx.post(f"{base}/__admin/tokens", headers=ADMIN, json={
        "platform": "tesla", "institution_id": 1, "roles": ["inst_admin"]}).json()["token"]
    page = httpx.get(f"{base}/api/v2/institution/1/learner/", params={"limit": 5},
                     headers={"Authorization": f"JWT {token}"})
    assert page.status_code == 200, page.text
    assert page.json()["count"] > 0 and len(page.json()["results"]) == 5


def test_it_runs_unprivileged_and_its_health_check_passes(served):
    name, _ = served
    assert docker("exec", name, "python3", "-c", "import os; print(os.getuid())") == "10001"
    deadline = time.monotonic() + 30
    while health_status(name) != "healthy" and time.monotonic() < deadline:
        time.sleep(0.5)
    assert health_status(name) == "healthy"


def test_sigterm_stops_it_cleanly_within_5_seconds(image: Built):
    port = free_port()
    name = start(image, port, "-e", f"EDUMOCK_ADMIN_KEY={KEY}")
    try:
        wait_for(f"http://127.0.0.1:{port}/__admin/health", ADMIN)
        stopped, exit_code = stop(name)
        assert stopped < 5
        assert exit_code == "0"
    finally:
        docker("rm", "--force", name, check=False)
