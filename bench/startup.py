"""Cold start of ``edumock serve`` with every platform: launch to the first 200s.

Two figures per start. *Health*: launch to the first 200 on ``/__admin/health``
(imports, spec loading, routes). *First data*: launch until each platform has
answered one real call with data (an SDR return list, a TeSLA learner page, a
Sunbird batch search), each behind a freshly minted credential. Worlds fill
their stores on first use, so this figure includes fixture generation at the
default sizes. The whole run (all five starts) uses a fresh spec cache folder
only for the first start, as a new machine would.
"""

from __future__ import annotations

import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from edumock.testing.server import free_port

EDUMOCK = str(Path(sys.executable).with_name("edumock"))


def _until_healthy(base: str, started: float) -> float:
    while time.perf_counter() - started < 30:
        try:
            if httpx.get(f"{base}/__admin/health", timeout=2).status_code == 200:
                return time.perf_counter() - started
        except httpx.TransportError:
            time.sleep(0.003)
    raise RuntimeError("edumock did not become healthy within 30 s")


def _first_data(http: httpx.Client) -> None:
    """One real call per platform, each answered 200 with data."""
    sdr = http.post("/__admin/tokens", json={"platform": "sdr", "edumis": "6004"}).json()
    reply = http.get("/submissions/v1.0/returns", params={"includeIndicative": "true"},
                     headers={"Authorization": f"Bearer {sdr['token']}", "EID": "6004"})
    assert reply.status_code == 200 and reply.json()["results"], reply.text
    tesla = http.post("/__admin/tokens", json={"platform": "tesla", "institution_id": 1,
                                               "roles": ["inst_admin"]}).json()
    reply = http.get("/api/v2/institution/1/learner/", params={"limit": "10"},
                     headers={"Authorization": f"JWT {tesla['token']}"})
    assert reply.status_code == 200 and reply.json()["results"], reply.text
    sunbird = http.post("/__admin/tokens", json={"platform": "sunbird"}).json()
    reply = http.post("/api/course/v1/batch/list", json={"request": {"filters": {}}},
                      headers={"Authorization": f"Bearer {sunbird['apiKey']}",
                               "x-authenticated-user-token": sunbird["userToken"]})
    assert reply.status_code == 200 and reply.json()["result"]["response"]["count"], reply.text


def one_start(cache: Path) -> tuple[float, float]:
    """Seconds from launch to health, and to every platform's first data answer."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    environment = {**os.environ, "EDUMOCK_CACHE_DIR": str(cache)}
    started = time.perf_counter()
    process = subprocess.Popen([EDUMOCK, "serve", "--port", str(port)], env=environment,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        healthy = _until_healthy(base, started)
        with httpx.Client(base_url=base, timeout=10) as http:
            _first_data(http)
        return healthy, time.perf_counter() - started
    finally:
        process.terminate()
        process.wait(timeout=10)


def main(runs: int = 5) -> None:
    """Print each start and the medians of the warm starts."""
    # As an installed package has it: sources compiled (``make bytecode``), even where the
    # environment keeps Python from writing bytecode itself.
    compileall.compile_dir(str(Path(__file__).resolve().parents[1] / "src"), quiet=1)
    with tempfile.TemporaryDirectory() as folder:
        times = [one_start(Path(folder)) for _ in range(runs + 1)]
    print("start  health s  first data s")
    for index, (healthy, data) in enumerate(times):
        label = "new" if index == 0 else str(index)
        print(f"{label:>5}  {healthy:8.3f}  {data:12.3f}")
    warm = times[1:]
    print(f"cold start, median of {runs} (spec cache warm): health "
          f"{statistics.median(h for h, _ in warm):.3f} s, first data from every platform "
          f"{statistics.median(d for _, d in warm):.3f} s")
    print(f"first start on a new machine (no spec cache): health {times[0][0]:.3f} s, "
          f"first data {times[0][1]:.3f} s")


if __name__ == "__main__":
    main()
