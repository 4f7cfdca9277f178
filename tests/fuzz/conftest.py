"""Fixtures of the fuzzing run: one live server for the platforms, one for the admin API, a
clean start per operation and no response-contract violation left behind."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from edumock.settings import Settings
from edumock.testing import ThreadedServer
from tests.conftest import FROZEN_AT
from tests.fuzz.live import KNOWN, AdminTarget, Target, prepare


def _clean_run(target: Target) -> Iterator[Target]:
    """Restore what the previous operation changed; afterwards, no new violation."""
    if target.dirty:
        target.restore()
    yield target
    violations = target.violations()
    new = violations[target.seen_violations:]
    target.seen_violations = len(violations)
    assert not new, f"responses broke our own spec: {new}"


@pytest.fixture(scope="session")
def fuzz_server() -> Iterator[Target]:
    """One server for the whole run (per xdist worker), its state snapshotted once prepared."""
    with ThreadedServer(Settings(start_time=FROZEN_AT)) as server, \
            httpx.Client(base_url=server.url, timeout=30) as http:
        headers, known = prepare(http)
        KNOWN.update(known)
        snapshot = http.get("/__admin/snapshot").content
        target = Target(server.url, http, headers, snapshot)
        target.seen_violations = len(target.violations())
        yield target


@pytest.fixture
def target(fuzz_server: Target) -> Iterator[Target]:
    """The server as prepared, whatever the previous operation changed; afterwards, no response
    of ours may have broken our own spec."""
    yield from _clean_run(fuzz_server)


@pytest.fixture(scope="session")
def admin_server() -> Iterator[AdminTarget]:
    """A server of its own: admin calls move clocks, add faults and drop worlds."""
    with ThreadedServer(Settings(start_time=FROZEN_AT)) as server, \
            httpx.Client(base_url=server.url, timeout=30) as http:
        target = AdminTarget(server.url, http, {}, b"")
        target.seen_violations = len(target.violations())
        yield target


@pytest.fixture
def admin_target(admin_server: AdminTarget) -> Iterator[AdminTarget]:
    """The admin server as started; afterwards, no response of ours broke our own spec."""
    yield from _clean_run(admin_server)
