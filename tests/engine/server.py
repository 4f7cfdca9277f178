"""A real Valkey/Redis server on a unix socket, started for the tests and benchmarks
(Debian's ``redis-server``, or ``valkey-server`` where installed), persistence off."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import redis

from edumock.testing.server import free_port

BINARIES = ("valkey-server", "redis-server")


def binary() -> str | None:
    """The engine server this machine has, if any."""
    return next((found for name in BINARIES if (found := shutil.which(name))), None)


class EngineServer:
    """A running engine: its URL, and stop/start to test losing it."""

    def __init__(self, executable: str, folder: Path, *, persistent: bool = False) -> None:
        self.executable = executable
        self.folder = folder
        self.persistent = persistent
        self.socket = folder / "engine.sock"
        self.url = f"unix://{self.socket}"
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def running(self) -> bool:
        return self._process is not None

    def start(self) -> None:
        self._process = subprocess.Popen(
            [self.executable, "--port", "0", "--unixsocket", str(self.socket),
             "--unixsocketperm", "700", "--save", "", "--dir", str(self.folder),
             "--appendonly", "yes" if self.persistent else "no", "--appendfsync", "always",
             "--logfile", ""], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                redis.Redis.from_url(self.url).ping()
                return
            except (redis.ConnectionError, FileNotFoundError):
                time.sleep(0.02)
        raise RuntimeError(f"{self.executable} did not start")

    def stop(self) -> None:
        if self._process is not None:
            self._process.terminate()
            self._process.wait(10)
            self._process = None

    def flush(self) -> None:
        redis.Redis.from_url(self.url).flushall()


@contextmanager
def engine_server(*, persistent: bool = False) -> Iterator[EngineServer]:
    """A started engine, stopped (and its folder removed) at the end; ``persistent`` keeps
    every write on disk, so a stop and start loses nothing."""
    executable = binary()
    if executable is None:
        raise RuntimeError("no valkey-server or redis-server on PATH")
    with tempfile.TemporaryDirectory(prefix="edumock-engine-") as folder:
        server = EngineServer(executable, Path(folder), persistent=persistent)
        server.start()
        try:
            yield server
        finally:
            server.stop()


@contextmanager
def tls_engine_server() -> Iterator[str]:
    """A started engine that speaks only TLS on a free loopback port, with a self-signed
    certificate made by ``openssl``; its ``rediss://`` URL, trusting that certificate."""
    executable = binary()
    if executable is None:
        raise RuntimeError("no valkey-server or redis-server on PATH")
    with tempfile.TemporaryDirectory(prefix="edumock-tls-engine-") as name:
        folder = Path(name)
        cert, key = folder / "engine.crt", folder / "engine.key"
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days",
                        "1", "-subj", "/CN=127.0.0.1", "-addext",
                        "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
                       check=True, capture_output=True)
        port = free_port()
        process = subprocess.Popen(
            [executable, "--port", "0", "--tls-port", str(port), "--bind", "127.0.0.1",
             "--tls-cert-file", str(cert), "--tls-key-file", str(key), "--tls-ca-cert-file",
             str(cert), "--tls-auth-clients", "no", "--save", "", "--appendonly", "no",
             "--dir", str(folder), "--logfile", ""],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        url = f"rediss://127.0.0.1:{port}/0?ssl_ca_certs={cert}"
        try:
            deadline = time.monotonic() + 10
            while True:
                try:
                    redis.Redis.from_url(url).ping()
                    break
                except (redis.ConnectionError, OSError):
                    if time.monotonic() > deadline:
                        raise RuntimeError(f"{executable} did not start with TLS") from None
                    time.sleep(0.05)
            yield url
        finally:
            process.terminate()
            process.wait(10)
