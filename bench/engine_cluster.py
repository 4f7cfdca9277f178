"""One sandbox on three stores in the same run: memory, one Redis/Valkey server (unix socket)
and a 3-node Cluster (loopback TCP). Prints the median and p95 of a TeSLA learner page (a
read: one version round trip) and of a learner creation (a write: lease, version read,
commit, release), and how 30 worlds spread over the Cluster's nodes.

Run by hand: ``.venv/bin/python bench/engine_cluster.py`` (needs ``redis-server``).
"""

from __future__ import annotations

import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.engine.cluster import cluster_server
from tests.engine.server import engine_server

from edumock.settings import Settings
from edumock.testing import ThreadedServer

LEARNERS = "/api/v2/institution/1/learner/"
FROZEN = "2026-08-10T09:30:00+00:00"


def _timed(action: Callable[[int], None], rounds: int) -> tuple[float, float]:
    timings = []
    for n in range(rounds):
        started = time.perf_counter()
        action(n)
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return statistics.median(timings), timings[int(len(timings) * 0.95) - 1]


def measure(store: str | None, rounds: int) -> dict[str, tuple[float, float]]:
    """Page read and learner write latencies (ms) through one server on ``store``."""
    settings = Settings(platforms=("tesla",), store=store,
                        start_time=datetime.fromisoformat(FROZEN))
    with ThreadedServer(settings) as server, \
            httpx.Client(base_url=server.url, timeout=30) as http:
        minted = http.post("/__admin/tokens", json={
            "platform": "tesla", "roles": ["inst_admin", "data_admin"], "institution_id": 1})
        headers = {"Authorization": f"JWT {minted.json()['token']}"}
        http.get(LEARNERS, headers=headers)

        def read(_n: int) -> None:
            assert http.get(LEARNERS, headers=headers).status_code == 200

        def write(n: int) -> None:
            body = {"uid": f"bench{n}", "email": f"bench{n}@pu1.ac.nz", "first_name": "Ana",
                    "last_name": "Ngata"}
            assert http.post(LEARNERS, json=body, headers=headers).status_code == 201
        return {"page": _timed(read, rounds), "create": _timed(write, rounds)}


def spread(url: str, node_of: Callable[[str], int]) -> Counter[int]:
    """How many of 30 worlds each node holds, after one request in each."""
    with ThreadedServer(Settings(platforms=("tesla",), store=url)) as server:
        for n in range(30):
            httpx.get(server.url + "/__admin/snapshot", headers={"X-Edumock-World": f"ci-{n}"})
    return Counter(node_of(f"edumock:{{ci-{n}}}:versions") for n in range(30))


def main(rounds: int = 300) -> None:
    """Print every figure."""
    with engine_server() as single, cluster_server() as cluster:
        figures = {"memory": measure(None, rounds), "one server": measure(single.url, rounds),
                   "3-node cluster": measure(cluster.url, rounds)}
        held = spread(cluster.url, cluster.node_of)
    for name, measured in figures.items():
        print(f"{name:<15} learner page median {measured['page'][0]:.2f} ms "
              f"(p95 {measured['page'][1]:.2f}); create median {measured['create'][0]:.2f} ms "
              f"(p95 {measured['create'][1]:.2f}) over {rounds} requests")
    print("30 worlds on the cluster's nodes: " + ", ".join(
        f"{count}" for _port, count in sorted(held.items())))


if __name__ == "__main__":
    main()
