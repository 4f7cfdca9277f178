"""Run edumock inside a test process: in-process app, or uvicorn in a background thread."""

from __future__ import annotations

import socket
import threading
import time
from types import TracebackType

import uvicorn

from edumock.app import EdumockApp, create_app
from edumock.registry import select
from edumock.settings import Settings


def build_app(settings: Settings | None = None) -> EdumockApp:
    """The app for ``settings`` (defaults: every platform, seed 42)."""
    settings = settings or Settings()
    return create_app(settings, select(settings.platforms))


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        port: int = probe.getsockname()[1]
        return port


class ThreadedServer:
    """uvicorn serving an edumock app on a free loopback port, in a daemon thread."""

    def __init__(self, settings: Settings | None = None, app: EdumockApp | None = None) -> None:
        settings = settings or Settings()
        self.host = settings.host
        self.port = free_port(self.host)
        self.app = app or build_app(settings)
        config = uvicorn.Config(self.app, host=self.host, port=self.port, log_level="warning",
                                lifespan="off")
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, daemon=True)

    @property
    def url(self) -> str:
        """Base URL, e.g. ``http://127.0.0.1:54321``."""
        return f"http://{self.host}:{self.port}"

    def start(self, timeout: float = 10.0) -> ThreadedServer:
        """Start serving and wait until the socket accepts requests."""
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("edumock server did not start")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        """Stop serving and wait for the thread to end."""
        self._server.should_exit = True
        self._thread.join(timeout=10)

    def __enter__(self) -> ThreadedServer:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.stop()
