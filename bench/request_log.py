"""What the request log costs: a TeSLA learner page of 10 under ``wrk -t2 -c16``, served by
``edumock serve`` with its request log on (written to a file, as a service manager or a
container runtime would collect it) and with ``--quiet``.

Both servers run side by side and wrk alternates between them in short rounds (each going
first in every other round), so the shared machine's drift from one minute to the next falls
on both alike; each round's pair gives one cost, and the median of those is the figure. As a
check free of that drift, the same line is also written in a loop here and its time set
against the time one request takes. Needs Debian's ``wrk`` on the PATH.
"""

from __future__ import annotations

import compileall
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import IO, Any

import httpx

from edumock.serving.request_log import RequestLog
from edumock.testing.server import free_port
from edumock.world.journal import JournalEntry

sys.path.insert(0, str(Path(__file__).resolve().parent))

from prism_compare import FROZEN, SHAPES, wait_for, wrk

EDUMOCK = str(Path(sys.executable).with_name("edumock"))
ROUNDS = 10
SECONDS = 3
WARM_UP = 2
LINES = 20_000
BUDGET = 0.05
"""The most throughput the log may cost."""


def start(options: list[str], stdout: int | IO[Any]) -> tuple[subprocess.Popen[bytes], str]:
    """An ``edumock serve`` with ``options``, its console to ``stdout``; and its base URL."""
    port = free_port()
    server = subprocess.Popen([EDUMOCK, "serve", "--port", str(port), "--freeze-time", FROZEN,
                               *options], stdout=stdout, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    wait_for(f"{base}/__admin/health", {}, time.perf_counter())
    return server, base


def last_entry(base: str) -> JournalEntry:
    """The server's last journal entry, as the log was handed it."""
    shown = httpx.get(f"{base}/__admin/requests").json()["requests"][-1]
    return JournalEntry(
        id=shown["id"], time=shown["time"], world=shown["world"], platform=shown["platform"],
        operation_id=shown["operationId"], method=shown["method"], path=shown["path"],
        query=shown["query"], status=shown["status"], verdict=shown["verdict"],
        duration_ms=shown["durationMs"], request_headers=shown["requestHeaders"],
        request_body=shown["requestBody"], response_body=shown["responseBody"])


def line_cost(entry: JournalEntry, folder: Path) -> dict[str, float]:
    """Microseconds to format and write one line to a file, text and JSON."""
    costs = {}
    with (folder / "loop.log").open("w") as out:
        for style in ("text", "json"):
            log = RequestLog(style, out)
            started = time.perf_counter()
            for _ in range(LINES):
                log.write(entry)
            costs[style] = (time.perf_counter() - started) / LINES * 1e6
    return costs


def measure(targets: dict[str, tuple[str, dict[str, str]]]) -> dict[str, list[float]]:
    """Requests/s of each target, round after round, who goes first alternating."""
    rates: dict[str, list[float]] = {name: [] for name in targets}
    order = list(targets)
    for round_number in range(ROUNDS):
        for name in order if round_number % 2 == 0 else order[::-1]:
            url, headers = targets[name]
            rates[name].append(wrk(url, headers, SECONDS)["rps"])
    return rates


def main() -> None:
    """Measure both servers and print both figures, the cost, and the line's own time."""
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is needed (Debian's wrk package)")
    compileall.compile_dir(str(Path(__file__).resolve().parents[1] / "src"), quiet=1)
    page = SHAPES[0].path
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        log_path = folder / "console.log"
        with log_path.open("wb") as console:
            servers = {"log on (to a file)": start([], console),
                       "--quiet": start(["--quiet"], subprocess.DEVNULL)}
            try:
                targets = {}
                for server_name, (_, base) in servers.items():
                    token = httpx.post(f"{base}/__admin/tokens", json={
                        "platform": "tesla", "institution_id": 1,
                        "roles": ["inst_admin"]}).json()["token"]
                    headers = {"Authorization": f"JWT {token}"}
                    wrk(base + page, headers, WARM_UP)
                    targets[server_name] = (base + page, headers)
                rates = measure(targets)
                entry = last_entry(servers["log on (to a file)"][1])
            finally:
                for server, _ in servers.values():
                    server.terminate()
                    server.wait(timeout=10)
        lines = sum(1 for _ in log_path.open("rb"))
        costs = line_cost(entry, folder)
    on_rates, off_rates = rates.values()
    paired = [1 - on / off for on, off in zip(on_rates, off_rates, strict=True)]
    print(f"TeSLA learner page of 10, wrk -t2 -c16, {ROUNDS} alternating rounds of {SECONDS}s")
    for server_name, figures in rates.items():
        print(f"{server_name:20}{statistics.median(figures):>7.0f} req/s median (rounds: "
              f"{', '.join(f'{rate:.0f}' for rate in figures)})")
    cost = statistics.median(paired)
    print(f"log lines written: {lines}; cost of the log, median of the rounds' pairs: "
          f"{cost:+.1%} (pairs from {min(paired):+.1%} to {max(paired):+.1%}; "
          f"{'within' if cost <= BUDGET else 'over'} the {BUDGET:.0%} budget)")
    request_us = 1e6 / statistics.median(off_rates)
    print(f"one line formatted and written, in a loop: text {costs['text']:.1f} us, json "
          f"{costs['json']:.1f} us; one request takes {request_us:.0f} us, so the line is "
          f"{costs['text'] / request_us:.1%} (text) or {costs['json'] / request_us:.1%} (json)")


if __name__ == "__main__":
    main()
