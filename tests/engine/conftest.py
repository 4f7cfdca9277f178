"""Fixtures: a real engine (Valkey/Redis) for the session, emptied before each test.

Without ``redis-server``/``valkey-server`` the tests skip, unless ``EDUMOCK_REQUIRE_ENGINE=1``
(as CI sets), which makes that a failure."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.engine.cluster import ClusterServer, cluster_server
from tests.engine.server import EngineServer, binary, engine_server


def require_engine() -> None:
    """Skip (or fail, with ``EDUMOCK_REQUIRE_ENGINE=1``) without an engine server binary."""
    if binary() is None:
        reason = "needs redis-server or valkey-server (apt-get install redis-server)"
        if os.environ.get("EDUMOCK_REQUIRE_ENGINE") == "1":
            pytest.fail(f"EDUMOCK_REQUIRE_ENGINE=1 but the engine tests {reason}")
        pytest.skip(reason)


@pytest.fixture(scope="session")
def engine_session() -> Iterator[EngineServer]:
    require_engine()
    with engine_server() as server:
        yield server


@pytest.fixture
def engine(engine_session: EngineServer) -> EngineServer:
    """The session's engine, empty."""
    if not engine_session.running:  # a test that stopped it
        engine_session.start()
    engine_session.flush()
    return engine_session


@pytest.fixture(scope="session")
def cluster_session() -> Iterator[ClusterServer]:
    require_engine()
    with cluster_server() as server:
        yield server


@pytest.fixture
def cluster(cluster_session: ClusterServer) -> ClusterServer:
    """The session's 3-node Cluster, empty."""
    cluster_session.flush()
    return cluster_session
