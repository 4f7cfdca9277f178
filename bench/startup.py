"""Cold start of ``edumock serve``: wall time from launch to the first 200 on /__admin/health."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from edumock.testing.server import free_port

EDUMOCK = str(Path(sys.executable).with_name("edumock"))


def one_start() -> float:
    """Seconds from process launch to the first successful health check."""
    port = free_port()
    started = time.perf_counter()
    process = subprocess.Popen([EDUMOCK, "serve", "--port", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/__admin/health") as reply:
                    if reply.status == 200:
                        return time.perf_counter() - started
            except OSError:
                time.sleep(0.005)
    finally:
        process.terminate()
        process.wait(timeout=10)


def main(runs: int = 5) -> None:
    """Print each run and the median."""
    times = [one_start() for _ in range(runs)]
    for index, seconds in enumerate(times, start=1):
        print(f"run {index}: {seconds:.3f} s")
    print(f"cold start to first 200, median of {runs}: {statistics.median(times):.3f} s")


if __name__ == "__main__":
    main()
