"""``serve --workers 2`` spreads connections opened at once over its workers (each worker
listens on a socket of its own, ``cli/reuse_port.py``), and a taken port still fails the
start at once."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

from tests.engine.processes import EDUMOCK, served
from tests.engine.server import EngineServer

CONNECTIONS = 16


def _socket_inodes(pid: int) -> set[int]:
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = fd.readlink().name
        except OSError:
            continue  # closed meanwhile
        if target.startswith("socket:["):
            inodes.add(int(target[len("socket:["):-1]))
    return inodes


def _children(pid: int) -> list[int]:
    return [int(child) for task in Path(f"/proc/{pid}/task").iterdir()
            for child in (task / "children").read_text().split()]


def _server_side_inodes(server_port: int) -> dict[int, int]:
    """The inode of the server's end of each loopback connection, by the client's port."""
    found = {}
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        local_port = int(fields[1].split(":")[1], 16)
        remote_port = int(fields[2].split(":")[1], 16)
        if local_port == server_port and fields[3] == "01":  # ESTABLISHED
            found[remote_port] = int(fields[9])
    return found


def _workers_holding(url: str, workers: list[int]) -> list[int]:
    """Open CONNECTIONS connections at once, ask one question on each, and count the
    connections each worker holds."""
    port = int(url.rsplit(":", 1)[1])
    clients = [socket.create_connection(("127.0.0.1", port)) for _ in range(CONNECTIONS)]
    try:
        for client in clients:
            client.sendall(b"GET /__admin/health HTTP/1.1\r\nHost: x\r\n\r\n")
        for client in clients:
            assert client.recv(65536).startswith(b"HTTP/1.1 200")
        by_client_port = _server_side_inodes(port)
        inodes = [by_client_port[client.getsockname()[1]] for client in clients]
        held = [_socket_inodes(pid) for pid in workers]
        return [sum(inode in mine for inode in inodes) for mine in held]
    finally:
        for client in clients:
            client.close()


def test_connections_opened_at_once_are_spread_over_the_workers(engine: EngineServer):
    with served(engine.url, "--workers", "2") as (url, process):
        workers = [pid for pid in _children(process.pid)  # not multiprocessing's helpers
                   if b"spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes()]
        assert len(workers) == 2
        spreads = [_workers_holding(url, workers) for _ in range(3)]
    for spread in spreads:
        assert sum(spread) == CONNECTIONS
        assert sum(1 for held in spread if held > 0) == 2, spreads


def test_a_taken_port_stops_the_workers_start_with_one_error(engine: EngineServer):
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        done = subprocess.run([EDUMOCK, "serve", "--port", str(port), "--store", engine.url,
                               "--workers", "2"], capture_output=True, text=True, timeout=60)
    assert done.returncode != 0
    assert "in use" in done.stderr


def test_a_workers_start_up_heap_is_frozen_as_a_single_process_is():
    probe = ("import gc, os; from edumock.cli.workers import SETTINGS_VARIABLE, settings_json, "
             "worker_app; from edumock.settings import Settings; "
             "os.environ[SETTINGS_VARIABLE] = settings_json(Settings(platforms=('sdr',))); "
             "worker_app(); print(gc.get_freeze_count(), gc.isenabled())")
    frozen, collecting = subprocess.run([sys.executable, "-c", probe], capture_output=True,
                                        text=True, check=True).stdout.split()
    assert int(frozen) > 10_000  # the app and its world, not a handful of objects
    assert collecting == "True"
