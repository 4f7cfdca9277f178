"""A sandbox on a shared engine (``serve --store``) against one in-memory process, in one run.

Starts Debian's redis-server (or valkey-server) on a unix socket, then measures the TeSLA
learner page (a page of 10, the default world) under ``wrk -t2 -c16`` on: one in-memory
process, one process on the engine, ``--workers 2`` on the engine, and two workers that share
nothing (each its own in-memory world: the ceiling of two processes on this machine); an SDR
upload of a full batch on the engine; and the engine's memory per default world and per 10,000 TeSLA
learners. Needs Debian's ``wrk`` and ``redis-server``.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import httpx
import redis

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from prism_compare import wrk  # noqa: E402
from sdr_upload import upload_timings  # noqa: E402
from tesla_learners import FIXTURE  # noqa: E402
from tests.engine.server import engine_server  # noqa: E402

from edumock.settings import Settings  # noqa: E402
from edumock.testing.server import free_port  # noqa: E402

EDUMOCK = str(Path(sys.executable).with_name("edumock"))
PAGE = "/api/v2/institution/1/learner/?limit=10"
WARM_UP, SECONDS, ROUNDS = 2, 8, 3


UNSHARED_PAIR = ("from edumock.cli.workers import serve_workers; from edumock.settings import "
                 "Settings; serve_workers(Settings(platforms=('tesla',), port={port}), 2)")
"""Two workers on one port, each with a private in-memory world: no state is shared, so no
mode edumock offers, but the most two processes can serve on this machine (the ceiling any
shared store is measured against)."""


@contextmanager
def serving(*extra: str, unshared_pair: bool = False) -> Iterator[str]:
    """``edumock serve`` (TeSLA only) with these options; its base URL once it answers."""
    port = free_port()
    command = ([sys.executable, "-c", UNSHARED_PAIR.format(port=port)] if unshared_pair else
               [EDUMOCK, "serve", "--port", str(port), "--platform", "tesla", "--quiet",
                *extra])
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(url + "/__admin/health").status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.05)
        yield url
    finally:
        process.terminate()
        process.wait(30)


def _headers(url: str) -> dict[str, str]:
    token = httpx.post(url + "/__admin/tokens", json={
        "platform": "tesla", "institution_id": 1, "roles": ["inst_admin"]}).json()["token"]
    return {"Authorization": f"JWT {token}"}


def used_memory(engine_url: str) -> int:
    return int(redis.Redis.from_url(engine_url).info("memory")["used_memory"])


def world_memory(engine_url: str) -> tuple[int, int]:
    """Engine bytes of the default world (every platform), and of a TeSLA world of 10,000
    learners beyond an empty TeSLA world."""
    client = redis.Redis.from_url(engine_url)
    client.flushall()
    empty = used_memory(engine_url)
    with serving("--store", engine_url):
        pass
    default_tesla = used_memory(engine_url) - empty
    client.flushall()
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "tesla.yaml").write_text(FIXTURE, encoding="utf-8")
        with serving("--store", engine_url, "--fixtures", folder):
            pass
    return default_tesla, used_memory(engine_url) - empty


def journal_memory(engine_url: str, pages: int = 400) -> tuple[int, int]:
    """Engine bytes a world's journal takes once full of learner pages (the byte budget keeps
    about 330 of them), and how many it kept."""
    redis.Redis.from_url(engine_url).flushall()
    with serving("--store", engine_url) as url, httpx.Client() as client:
        headers = _headers(url)
        client.get(url + PAGE, headers=headers)
        before = used_memory(engine_url)
        for _ in range(pages):
            client.get(url + PAGE, headers=headers)
        kept = client.get(url + "/__admin/requests", params={"path": PAGE.split("?")[0]}).json()
        return used_memory(engine_url) - before, len(kept["requests"])


def page_rates(engine_url: str) -> dict[str, float]:
    """Median req/s of each set-up over ROUNDS rounds, the set-ups taking turns in each round
    (all started at once and idle when not measured), so a busy moment of the machine does not
    land on one set-up alone."""
    setups: dict[str, tuple[tuple[str, ...], bool]] = {
        "memory": ((), False), "one": (("--store", engine_url), False),
        "two": (("--store", engine_url, "--workers", "2"), False), "ceiling": ((), True)}
    rates: dict[str, list[float]] = {name: [] for name in setups}
    with ExitStack() as stack:
        urls = {name: stack.enter_context(serving(*extra, unshared_pair=pair))
                for name, (extra, pair) in setups.items()}
        headers = {name: _headers(url) for name, url in urls.items()}
        for name, url in urls.items():
            wrk(url + PAGE, headers[name], WARM_UP)
        for _ in range(ROUNDS):
            for name, url in urls.items():
                rates[name].append(wrk(url + PAGE, headers[name], SECONDS)["rps"])
    return {name: statistics.median(values) for name, values in rates.items()}


def main() -> None:
    with engine_server() as engine:
        rates = page_rates(engine.url)
        memory, one, two, ceiling = (rates[k] for k in ("memory", "one", "two", "ceiling"))
        engine.flush()
        size, timings = upload_timings(Settings(platforms=("sdr",), store=engine.url), 30)
        default_world, big_world = world_memory(engine.url)
        journal_bytes, journal_kept = journal_memory(engine.url)
    print(f"TeSLA learner page of 10 under wrk -t2 -c16 -d{SECONDS}s, median of {ROUNDS} "
          "rounds taken in turn:")
    print(f"  one in-memory process      {memory:8.0f} req/s")
    print(f"  one process on the engine  {one:8.0f} req/s  ({one / memory:.2f}x memory; "
          f"target >= 0.70)")
    print(f"  --workers 2 on the engine  {two:8.0f} req/s  ({two / memory:.2f}x memory; "
          f"target >= 1.60)")
    print(f"  two private in-memory workers {ceiling:5.0f} req/s  ({ceiling / memory:.2f}x "
          f"memory; the ceiling of two processes here, no state shared)")
    print(f"SDR upload of {size} learners on the engine: median "
          f"{statistics.median(timings):.1f} ms, p95 {timings[int(len(timings) * 0.95) - 1]:.1f}"
          f" ms (target: median < 150 ms)")
    print(f"engine memory: default TeSLA world {default_world / 2**20:.1f} MiB; a TeSLA world "
          f"of 10,000 learners {big_world / 2**20:.1f} MiB; a journal full of learner pages "
          f"({journal_kept} entries kept by the byte budget) {journal_bytes / 2**20:.1f} MiB")


if __name__ == "__main__":
    main()
