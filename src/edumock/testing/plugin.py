"""The pytest plugin (registered through an entry point: installing edumock is enough).

``edumock_server`` gives a test a live edumock on a free loopback port, its
world regenerated from the seed before the test. Servers are shared per
configuration within a test process (each pytest-xdist worker starts its
own); ``@pytest.mark.edumock(...)`` or the ``--edumock-*`` options choose
seed, platforms, fixtures and whether the test gets a server of its own.

With ``--edumock-url URL`` (or ``EDUMOCK_URL``) no server is started: every test gets a world
of its own, uniquely named, on that already-running sandbox (a shared fleet behind one
engine), and the world is deleted after the test, so many CI jobs share one sandbox without
seeing each other.

The web stack (and the handle's HTTP client) is imported when a test first asks for
``edumock_server``, not when pytest loads the plugin: a run that never uses it pays nothing.
"""

from __future__ import annotations

import itertools
import os
import re
import socket
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from edumock.settings import Settings

if TYPE_CHECKING:
    from edumock.testing.handle import Edumock
    from edumock.testing.server import ThreadedServer

_SERVERS: dict[tuple[Any, ...], ThreadedServer] = {}
_NUMBERS = itertools.count(1)
URL_VARIABLE = "EDUMOCK_URL"
ADMIN_KEY_VARIABLE = "EDUMOCK_ADMIN_KEY"


def pytest_addoption(parser: pytest.Parser) -> None:
    """``--edumock-seed``, ``--edumock-platform`` and ``--edumock-fixtures``."""
    group = parser.getgroup("edumock", "edumock fake upstream")
    group.addoption("--edumock-seed", type=int, default=None,
                    help="seed of the edumock_server fixture's worlds (default 42)")
    group.addoption("--edumock-platform", action="append", default=[],
                    help="serve only this platform (repeat for several; default all)")
    group.addoption("--edumock-fixtures", default=None,
                    help="folder of fixture files for edumock_server")
    group.addoption("--edumock-freeze-time", default=None,
                    help="freeze the sandbox clock at this ISO 8601 instant")
    group.addoption("--edumock-url", default=os.environ.get(URL_VARIABLE),
                    help="use this running sandbox (a world per test) instead of starting "
                         f"one (also {URL_VARIABLE})")


def pytest_configure(config: pytest.Config) -> None:
    """Declare the ``edumock`` marker."""
    config.addinivalue_line(
        "markers", "edumock(seed=42, platforms=[...], fixtures=DIR, freeze_time=ISO, "
                   "fresh=False): how the edumock_server fixture is set up for this test")


def pytest_unconfigure(config: pytest.Config) -> None:
    """Stop the servers this process started."""
    for server in _SERVERS.values():
        server.stop()
    _SERVERS.clear()


def _settings(request: pytest.FixtureRequest) -> tuple[Settings, bool]:
    marker = request.node.get_closest_marker("edumock")
    wanted: dict[str, Any] = dict(marker.kwargs) if marker else {}
    option = request.config.getoption
    seed = wanted.get("seed", option("--edumock-seed"))
    platforms = wanted.get("platforms") or option("--edumock-platform") or ()
    fixtures = wanted.get("fixtures", option("--edumock-fixtures"))
    frozen = wanted.get("freeze_time", option("--edumock-freeze-time"))
    settings = Settings().with_changes(
        seed=seed, platforms=tuple(platforms),
        fixtures_dir=Path(fixtures) if fixtures else None,
        start_time=datetime.fromisoformat(frozen) if isinstance(frozen, str) else frozen)
    return settings, bool(wanted.get("fresh", False))


def _world_name() -> str:
    """A world name no other test, process or host uses at the same time."""
    host = re.sub(r"[^A-Za-z0-9_.-]", "-", socket.gethostname())[:20] or "host"
    return f"pytest-{host}-{os.getpid()}-{next(_NUMBERS)}-{time.perf_counter_ns() % 10**9}"


def _shared_world(request: pytest.FixtureRequest, url: str) -> Iterator[Edumock]:
    """A uniquely named world of the running sandbox at ``url``, made from the seed and
    deleted after the test."""
    marker = request.node.get_closest_marker("edumock")
    wanted: dict[str, Any] = dict(marker.kwargs) if marker else {}
    option = request.config.getoption
    fixed = [name for name, given in (
        ("platforms", wanted.get("platforms") or option("--edumock-platform")),
        ("fixtures", wanted.get("fixtures") or option("--edumock-fixtures")),
        ("freeze_time", wanted.get("freeze_time") or option("--edumock-freeze-time"))) if given]
    if fixed:
        pytest.fail(f"edumock: {', '.join(fixed)} cannot be chosen per test on a running "
                    f"sandbox ({url}); start it with them instead", pytrace=False)
    from edumock.testing.handle import Edumock

    name = _world_name()
    handle = Edumock(url, name, os.environ.get(ADMIN_KEY_VARIABLE))
    handle.reset(seed=wanted.get("seed", option("--edumock-seed")))
    try:
        yield handle
    finally:
        handle.delete_world()
        handle.close()


@pytest.fixture
def edumock_server(request: pytest.FixtureRequest) -> Iterator[Edumock]:
    """A live edumock (``.url``) with its default world freshly generated for this test (with
    ``--edumock-url``, a world of its own on that sandbox)."""
    url = request.config.getoption("--edumock-url")
    if url:
        yield from _shared_world(request, url)
        return
    from edumock.testing.handle import Edumock
    from edumock.testing.server import ThreadedServer

    settings, fresh = _settings(request)
    key = (settings.seed, settings.platforms, str(settings.fixtures_dir), settings.start_time)
    if fresh:
        server = ThreadedServer(settings).start()
    else:
        server = _SERVERS.get(key) or ThreadedServer(settings).start()
        _SERVERS[key] = server
    handle = Edumock(server.url)
    handle.reset(seed=settings.seed, all_worlds=True)
    handle.clear_faults()
    try:
        yield handle
    finally:
        handle.close()
        if fresh:
            server.stop()
