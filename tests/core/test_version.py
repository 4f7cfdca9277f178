"""``edumock --version``, and the same version in ``/__admin/health`` and on the landing page,
read from a real ``edumock`` process."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.request
from importlib.metadata import version
from pathlib import Path

from edumock.testing.server import free_port

EDUMOCK = str(Path(sys.executable).with_name("edumock"))
INSTALLED = version("edumock")


def test_version_prints_the_installed_version_and_exits_0():
    done = subprocess.run([EDUMOCK, "--version"], capture_output=True, text=True, timeout=30)
    assert done.returncode == 0
    assert done.stdout == f"edumock {INSTALLED}\n"
    assert INSTALLED[0].isdigit()


def _get(url: str, deadline: float) -> bytes:
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as reply:
                body: bytes = reply.read()
                return body
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def test_a_running_server_names_its_version_in_health_and_on_its_landing_page():
    port = free_port()
    process = subprocess.Popen([EDUMOCK, "serve", "--port", str(port), "--platform", "sdr"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        base = f"http://127.0.0.1:{port}"
        health = json.loads(_get(f"{base}/__admin/health", time.monotonic() + 20))
        landing = _get(f"{base}/", time.monotonic() + 5).decode()
        violations = json.loads(_get(f"{base}/__admin/violations", time.monotonic() + 5))
        spec = json.loads(_get(f"{base}/docs/admin/openapi.json", time.monotonic() + 5))
    finally:
        process.terminate()
        process.communicate(timeout=10)
    assert health["version"] == INSTALLED
    assert f"<small class=muted id=version>{INSTALLED}</small>" in landing
    assert violations == {"violations": []}
    answer = spec["paths"]["/__admin/health"]["get"]["responses"]["200"]
    assert answer["content"]["application/json"]["schema"]["properties"]["version"] == {
        "type": "string", "description": "The installed edumock's version"}
