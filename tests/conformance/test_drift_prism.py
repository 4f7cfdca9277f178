"""Drift against a stateless mock: Prism 5 mocking the same spec answers every step from the
spec's examples, so the probe's lives (create, read back, refuse a duplicate) drift from
edumock's, and ``edumock drift`` says where."""

from __future__ import annotations

import importlib
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from edumock.cli.conformance import contract_for, platform_named
from edumock.conformance.drift import Side, run_drift
from edumock.settings import Settings, specs_dir
from edumock.testing import ThreadedServer
from edumock.testing.server import free_port
from tests.conftest import FROZEN_AT

PRISM = "@stoplight/prism-cli@5"
CACHE = Path.home() / ".cache" / "edumock" / "prism"

pytestmark = pytest.mark.skipif(shutil.which("npm") is None,
                                reason="npm (Node.js) is needed to install Prism")


def _prism() -> Path:
    """Prism's command, installed once into the user's cache folder."""
    command = CACHE / "node_modules" / ".bin" / "prism"
    if not command.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--silent", "--no-audit", "--no-fund", PRISM],
                       cwd=CACHE, check=True, capture_output=True, timeout=600)
    return command


@contextmanager
def prism(spec: str) -> Iterator[str]:
    """Prism mocking one of the specs, on a free loopback port."""
    port = free_port()
    server = subprocess.Popen([str(_prism()), "mock", str(specs_dir() / spec), "-p",
                               str(port), "-h", "127.0.0.1"], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(f"{url}/", timeout=2)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("Prism did not start") from None
                time.sleep(0.2)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_a_stateless_mock_drifts_from_the_sandbox() -> None:
    module = importlib.import_module(str(platform_named("sdr").probe))
    with prism("sdr.yaml") as mock, ThreadedServer(Settings(start_time=FROZEN_AT)) as sandbox:
        minted = httpx.post(f"{sandbox.url}/__admin/tokens", json={"platform": "sdr"}).json()
        report = run_drift(
            contract_for("sdr"), module,
            Side(mock, token="prism-token", headers={"EID": str(minted["edumis"])}),
            Side(sandbox.url), run_id="prism1")
    assert not report.conforms
    paths = {finding.json_path for finding in report.findings}
    assert "$status" in paths or "$step" in paths, paths
    assert all(finding.rule == "drift" for finding in report.findings)


def test_sunbird_drifts_from_a_stateless_mock_too() -> None:
    """Sunbird's probe signs in with a gateway key and a user token."""
    module = importlib.import_module(str(platform_named("sunbird").probe))
    with prism("sunbird-course.yaml") as mock, \
            ThreadedServer(Settings(start_time=FROZEN_AT)) as sandbox:
        minted = httpx.post(f"{sandbox.url}/__admin/tokens", json={"platform": "sunbird"})
        token = minted.json()
        report = run_drift(
            contract_for("sunbird"), module,
            Side(mock, token=str(token["apiKey"]),
                 headers={"x-authenticated-user-token": str(token["userToken"])}),
            Side(sandbox.url), run_id="prism2")
    assert not report.conforms
    assert {f.json_path for f in report.findings} & {"$status", "$step"}
