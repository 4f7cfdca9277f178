"""Each worker of ``serve --workers N`` listens on a socket of its own, bound to the shared
port with ``SO_REUSEPORT``, so the kernel spreads new connections over the workers.

With one listening socket shared by every worker (uvicorn's way), the worker that wakes
first accepts every connection waiting, until the backlog is empty. A client pool that
opens its connections at once (a load test, a CI job's HTTP session pool) then lands whole
on one worker while the others idle: measured here, 16 connections opened together went
16 to 0 or 14 to 2 in most tries. With a socket per worker the kernel picks the worker for
each new connection by a hash of its addresses, so each worker gets its share on average.

The parent keeps a socket bound to the port but not listening: the port is reserved (taken
by another program, the start fails at once, as before) and no connection waits on it.
Where ``SO_REUSEPORT`` does not spread connections (outside Linux), uvicorn's shared socket
is used as before.
"""

from __future__ import annotations

import socket
import sys
from typing import Any

import uvicorn
from uvicorn.supervisors import multiprocess


def available() -> bool:
    """Whether the kernel spreads connections over sockets sharing a port (Linux does)."""
    return sys.platform.startswith("linux") and hasattr(socket, "SO_REUSEPORT")


def _bound(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    try:
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    return sock


class _OwnListenerProcess(multiprocess.Process):
    """A uvicorn worker that serves on a listening socket of its own, on the port of the
    parent's reserving socket."""

    def target(self, sockets: list[socket.socket] | None = None) -> None:  # pragma: no cover
        reserved = (sockets or [])[0]
        host, port = reserved.getsockname()[:2]
        listener = _bound(host, port)
        listener.listen(self.config.backlog)
        super().target([listener])


def run_workers(config: uvicorn.Config) -> None:
    """Serve ``config.workers`` uvicorn workers, each on its own listening socket."""
    try:
        reserved = _bound(config.host, config.port)
    except OSError as error:
        uvicorn.config.logger.error(error)
        sys.exit(1)
    config.port = reserved.getsockname()[1]
    shared_process: Any = multiprocess.Process
    multiprocess.Process = _OwnListenerProcess  # type: ignore[misc]
    try:
        multiprocess.Multiprocess(config, sockets=[reserved]).run()
    finally:
        multiprocess.Process = shared_process  # type: ignore[misc]
        reserved.close()
