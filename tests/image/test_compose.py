"""deploy/compose.yaml's topology run for real: two edumock workers sharing their worlds through
Valkey/Redis. No bridge network is guaranteed here, so the test runs the same services on the
host's network (free ports instead of the service's name), and the Redis image is a Debian
base with redis-server under Valkey's names, since no registry is reachable."""

from __future__ import annotations

import copy
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

from edumock.testing.server import free_port
from tests.image import bases
from tests.image.docker import KEY, ROOT, Built, docker, require, stop, wait_for

pytestmark = pytest.mark.image

COMPOSE = ROOT / "deploy" / "compose.yaml"
ADMIN = {"X-Edumock-Admin-Key": KEY}
FROZEN = "2026-08-10T09:30:00+00:00"


def on_host_network(compose: dict[str, Any], port: int, store_port: int) -> dict[str, Any]:
    """The compose file with every service on the host's network, on the given ports."""
    on_host = copy.deepcopy(compose)
    services = on_host["services"]
    for service in services.values():
        service["network_mode"] = "host"
        service.pop("ports", None)
        service.pop("build", None)
    valkey = services["valkey"]
    valkey["command"] = [str(store_port) if part == "6379" else part for part in
                         valkey["command"]]
    valkey["healthcheck"]["test"] = [str(store_port) if part == "6379" else part for part in
                                     valkey["healthcheck"]["test"]]
    environment = services["edumock"]["environment"]
    assert environment["EDUMOCK_STORE"] == "redis://valkey:6379/0"
    environment["EDUMOCK_STORE"] = f"redis://127.0.0.1:{store_port}/0"
    environment["EDUMOCK_PORT"] = str(port)
    environment["EDUMOCK_FREEZE_TIME"] = FROZEN
    return on_host


@pytest.fixture(scope="module")
def topology(image: Built, tmp_path_factory: pytest.TempPathFactory
             ) -> Iterator[tuple[list[str], str]]:
    """The compose project up (its docker-compose command and edumock's base URL)."""
    require("docker-compose")
    bases.ensure(bases.REDIS)
    port, store_port = free_port(), free_port()
    folder: Path = tmp_path_factory.mktemp("compose")
    compose = yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))
    (folder / "compose.yaml").write_text(yaml.safe_dump(on_host_network(compose, port,
                                                                        store_port)))
    command = ["docker-compose", "--project-name", f"edumock-test-{port}", "--file",
               str(folder / "compose.yaml")]
    environment = {**os.environ, "EDUMOCK_IMAGE": image.tag, "EDUMOCK_ADMIN_KEY": KEY,
                   "VALKEY_IMAGE": bases.REDIS.tag}
    try:
        up = subprocess.run([*command, "up", "--detach"], env=environment, capture_output=True,
                            text=True, timeout=180)
        assert up.returncode == 0, up.stderr
        base = f"http://127.0.0.1:{port}"
        wait_for(f"{base}/__admin/health", ADMIN)
        yield [*command], base
    finally:
        subprocess.run([*command, "down", "--timeout", "10"], env=environment,
                       capture_output=True, timeout=120)


def container(command: list[str], service: str) -> str:
    """The id of a service's container."""
    return subprocess.run([*command, "ps", "--quiet", service], capture_output=True, text=True,
                          env={**os.environ, "EDUMOCK_ADMIN_KEY": KEY},
                          check=True).stdout.strip()


def test_two_workers_serve_one_sandbox_from_the_store(topology):
    command, base = topology
    health = httpx.get(f"{base}/__admin/health", headers=ADMIN).json()
    assert health["store"] != "memory"
    processes = docker("top", container(command, "edumock")).splitlines()[1:]
    assert len(processes) >= 3, processes  # the supervisor and its two workers
    moved = httpx.post(f"{base}/__admin/clock", headers=ADMIN, json={"advance": 3600})
    assert moved.status_code == 200
    # Each read on a connection of its own, so both workers answer some of them.
    seen = {httpx.get(f"{base}/__admin/clock", headers=ADMIN).json()["now"] for _ in range(20)}
    assert seen == {moved.json()["now"]}
    assert moved.json()["now"].startswith("2026-08-10T10:30")


def test_the_workers_stop_on_sigterm_within_5_seconds(topology):
    command, _ = topology
    edumock = container(command, "edumock")
    stopped, exit_code = stop(edumock)
    assert stopped < 5
    assert exit_code == "0"
