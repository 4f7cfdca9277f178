"""A real 3-node Redis/Valkey Cluster on loopback ports, started for the tests: three
``redis-server --cluster-enabled yes`` joined with ``CLUSTER MEET`` and given a third of the
16,384 slots each. Persistence is off unless a test stops and restarts a node."""

from __future__ import annotations

import random
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import redis

from tests.engine.server import binary

SLOTS = 16384


class ClusterServer:
    """Three running cluster nodes; ``url`` is what ``serve --store`` takes."""

    def __init__(self, executable: str, folder: Path, ports: list[int], *,
                 persistent: bool = False) -> None:
        self.executable = executable
        self.folder = folder
        self.ports = ports
        self.persistent = persistent
        self.url = f"redis+cluster://127.0.0.1:{ports[0]}"
        self.processes = {port: self._start(port) for port in ports}

    def stop(self, port: int) -> None:
        """Stop one node (its slots go unserved)."""
        process = self.processes.pop(port)
        process.terminate()
        process.wait(10)

    def start(self, port: int) -> None:
        """Start a stopped node again: it takes up its slots from its cluster config (with
        its data if persistence is on)."""
        self.processes[port] = self._start(port)
        for node in self.nodes():
            _wait(lambda n=node: n.cluster("INFO")["cluster_state"] == "ok", "node rejoin")

    def _start(self, port: int) -> subprocess.Popen[bytes]:
        return subprocess.Popen(
            [self.executable, "--port", str(port), "--bind", "127.0.0.1",
             "--cluster-enabled", "yes", "--cluster-config-file",
             str(self.folder / f"nodes-{port}.conf"), "--save", "",
             "--appendonly", "yes" if self.persistent else "no", "--appendfsync", "always",
             "--appendfilename", f"appendonly-{port}.aof", "--appenddirname", f"aof-{port}",
             "--dir", str(self.folder), "--logfile", ""],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def close(self) -> None:
        for port in list(self.processes):
            self.stop(port)

    def nodes(self) -> list[redis.Redis]:
        """A plain client of each node (it sees only the keys that node holds)."""
        return [redis.Redis(port=port, decode_responses=True) for port in self.ports]

    def node_of(self, key: str) -> int:
        """The port of the node serving ``key``'s slot."""
        slot = self.nodes()[0].cluster("KEYSLOT", key)
        for start, end, (_host, port, *_rest), *_replicas in self.nodes()[0].execute_command(
                "CLUSTER SLOTS"):
            if start <= slot <= end:
                return int(port)
        raise LookupError(f"slot {slot} is served by no node")

    def flush(self) -> None:
        for node in self.nodes():
            node.flushall()


def _free(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def cluster_port() -> int:
    """A free loopback port whose cluster bus port (10,000 above it) is free too."""
    while True:
        port = random.randrange(20000, 40000)
        if _free(port) and _free(port + 10000):
            return port


def _wait(check: object, what: str, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if check():  # type: ignore[operator]
                return
        except (redis.ConnectionError, redis.ResponseError):
            pass
        time.sleep(0.05)
    raise RuntimeError(f"cluster: {what} timed out")


@contextmanager
def cluster_server(size: int = 3, *, persistent: bool = False) -> Iterator[ClusterServer]:
    """``size`` cluster nodes sharing the slots evenly, stopped at the end; ``persistent``
    keeps every write on disk, so a node stopped and started loses nothing."""
    executable = binary()
    if executable is None:
        raise RuntimeError("no valkey-server or redis-server on PATH")
    with tempfile.TemporaryDirectory(prefix="edumock-cluster-") as folder:
        server = ClusterServer(executable, Path(folder), [cluster_port() for _ in range(size)],
                               persistent=persistent)
        try:
            _join(server)
            yield server
        finally:
            server.close()


def _join(server: ClusterServer) -> None:
    nodes = server.nodes()
    size = len(nodes)
    for node in nodes:
        _wait(node.ping, "node start")
    share = SLOTS // size
    for index, node in enumerate(nodes):
        last = SLOTS - 1 if index == size - 1 else (index + 1) * share - 1
        node.execute_command("CLUSTER ADDSLOTSRANGE", index * share, last)
        if index:
            node.execute_command("CLUSTER MEET", "127.0.0.1", server.ports[0])
    for node in nodes:
        _wait(lambda n=node: n.cluster("INFO")["cluster_state"] == "ok", "cluster state ok")
    _wait(lambda: all(len(n.cluster("NODES")) == size for n in nodes), "nodes meet")
