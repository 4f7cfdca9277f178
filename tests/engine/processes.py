"""``edumock serve`` processes started for a test, on free loopback ports."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from edumock.testing.server import free_port

EDUMOCK = str(Path(sys.executable).with_name("edumock"))
FROZEN = "2026-08-10T09:30:00+00:00"


@contextmanager
def serving(store: str, *extra: str) -> Iterator[str]:
    """An ``edumock serve --store`` process (frozen clock, seed 42); its base URL."""
    with served(store, *extra) as (url, _process):
        yield url


@contextmanager
def served(store: str, *extra: str) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """Like :func:`serving`, with the process too (to kill it)."""
    port = free_port()
    process = subprocess.Popen(
        [EDUMOCK, "serve", "--port", str(port), "--store", store, "--freeze-time", FROZEN,
         *extra], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(url + "/__admin/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise RuntimeError(f"edumock serve did not start: {process.communicate()[1]}")
            time.sleep(0.05)
        yield url, process
    finally:
        if process.poll() is None:
            process.terminate()
        try:
            process.communicate(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()
