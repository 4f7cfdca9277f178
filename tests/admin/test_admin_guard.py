"""The admin API answers only on loopback unless an admin key guards it; serving elsewhere
without one is refused at start."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from edumock.cli import main
from edumock.serving.admin_guard import is_loopback
from edumock.settings import Settings
from edumock.testing import build_app
from edumock.testing.server import free_port


@pytest.fixture(scope="module")
def guarded():
    app = build_app(Settings(admin_key="s3cret", platforms=("tesla",)))
    with app.test_client() as client:
        yield client


def test_admin_calls_need_the_key(guarded):
    missing = guarded.post("/__admin/tokens", json={"platform": "tesla", "institution_id": 1})
    assert missing.status_code == 401
    assert missing.headers["content-type"] == "application/problem+json"
    wrong = guarded.get("/__admin/state/tesla", headers={"X-Edumock-Admin-Key": "guess"})
    assert wrong.status_code == 403
    right = guarded.get("/__admin/state/tesla", headers={"X-Edumock-Admin-Key": "s3cret"})
    assert right.status_code == 200


def test_the_platforms_and_docs_need_no_key(guarded):
    assert guarded.get("/api/v2/institution/1/learner/").status_code == 403  # DRF anonymous
    assert guarded.get("/").status_code == 200
    assert guarded.get("/docs/tesla/openapi.json").status_code == 200


def test_without_a_key_the_admin_api_is_open_as_served_on_loopback(client):
    assert client.get("/__admin/health").status_code == 200


def test_serving_beyond_loopback_without_a_key_is_refused(capsys):
    assert main(["serve", "--host", "0.0.0.0", "--port", str(free_port())]) == 2
    error = capsys.readouterr().err
    assert "--admin-key" in error and "0.0.0.0" in error


def test_serving_beyond_loopback_with_a_key_guards_the_admin_api():
    port = free_port("0.0.0.0")
    edumock = str(Path(sys.executable).with_name("edumock"))
    server = subprocess.Popen([edumock, "serve", "--host", "0.0.0.0", "--port", str(port),
                               "--platform", "sdr", "--admin-key", "k-123"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10) as http:
            for _ in range(250):
                try:
                    http.get("/")
                    break
                except httpx.TransportError:
                    time.sleep(0.02)
            assert http.get("/__admin/health").status_code == 401
            assert http.get("/__admin/health",
                            headers={"X-Edumock-Admin-Key": "k-123"}).status_code == 200
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.mark.parametrize(("host", "loopback"), [
    ("127.0.0.1", True), ("127.1.2.3", True), ("::1", True), ("localhost", True),
    ("0.0.0.0", False), ("192.168.1.5", False), ("::", False), ("example.org", False)])
def test_which_hosts_are_loopback(host: str, loopback: bool):
    assert is_loopback(host) is loopback
