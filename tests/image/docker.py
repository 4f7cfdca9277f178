"""Helpers for the image tests: skip (or fail in CI) without Docker, build the image once per
session, run containers on the host's network and wait for them."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from tests.image import bases

ROOT = Path(__file__).resolve().parents[2]
TAG = "edumock:tests"
KEY = "image-test-key"
REQUIRE_VARIABLE = "EDUMOCK_REQUIRE_DOCKER"


def require(*programs: str) -> None:
    """Skip (or fail, with ``EDUMOCK_REQUIRE_DOCKER=1``) unless the programs and a Docker
    daemon are there."""
    missing = [program for program in ("docker", "debootstrap", *programs)
               if shutil.which(program) is None]
    if missing:
        reason = f"needs {', '.join(missing)} (apt-get install docker.io debootstrap)"
    elif subprocess.run(["docker", "info"], capture_output=True).returncode != 0:
        reason = "needs a running Docker daemon (docker info fails)"
    elif os.geteuid() != 0 and not all(bases.image_exists(b.tag) for b in bases.ALL):
        reason = "needs root once, to build the Debian bases (python -m tests.image.bases)"
    else:
        return
    if os.environ.get(REQUIRE_VARIABLE) == "1":
        pytest.fail(f"{REQUIRE_VARIABLE}=1 but the image tests {reason}")
    pytest.skip(reason)


@dataclass(frozen=True)
class Built:
    """The image the tests run, and what building it cost."""

    tag: str
    seconds: float
    size_bytes: int
    dependencies_cached: bool


def build() -> Built:
    """``docker build`` of the repository's Dockerfile on the debootstrapped Debian base."""
    bases.ensure(bases.PYTHON)
    started = time.monotonic()
    result = subprocess.run(
        ["docker", "build", "--tag", TAG, "--build-arg", f"BASE={bases.PYTHON.tag}",
         "--network", "host", str(ROOT)], capture_output=True, text=True)
    seconds = time.monotonic() - started
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    size = int(docker("image", "inspect", "--format", "{{.Size}}", TAG))
    install = re.search(r"pip install --quiet -r requirements.txt\n ---> (Using cache)?",
                        result.stdout)
    return Built(TAG, seconds, size, bool(install and install.group(1)))


def docker(*arguments: str, check: bool = True) -> str:
    """A docker command's standard output."""
    result = subprocess.run(["docker", *arguments], capture_output=True, text=True)
    if check:
        assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def wait_for(url: str, headers: dict[str, str], seconds: float = 30) -> httpx.Response:
    """The first answer at ``url`` (the server may still be starting)."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            return httpx.get(url, headers=headers, timeout=5)
        except httpx.TransportError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def stop(container: str) -> tuple[float, str]:
    """``docker stop`` (SIGTERM, up to 30 s before SIGKILL): the seconds it took, printed,
    and the container's exit code."""
    started = time.monotonic()
    docker("stop", "--time", "30", container)
    stopped = time.monotonic() - started
    print(f"docker stop {container} took {stopped:.2f} s")  # noqa: T201
    return stopped, docker("inspect", "--format", "{{.State.ExitCode}}", container)


def health_status(container: str) -> str:
    """What Docker's HEALTHCHECK last said of the container."""
    return docker("inspect", "--format", "{{.State.Health.Status}}", container)
