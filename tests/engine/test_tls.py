"""A shared sandbox on an engine reached over TLS (``rediss://``): the writer's own socket
handling reads TLS records, which may hold less or more than one reply."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from edumock.settings import Settings
from edumock.testing import ThreadedServer
from tests.conftest import FROZEN_AT
from tests.engine.conftest import require_engine
from tests.engine.server import tls_engine_server
from tests.engine.test_shared_state import LEARNERS, _token
from tests.engine.test_writer import check_mixed_replies


@pytest.fixture(scope="module")
def tls_url() -> Iterator[str]:
    require_engine()
    with tls_engine_server() as url:
        yield url


def test_the_writer_reads_every_reply_over_tls_whole_and_in_order(tls_url: str):
    check_mixed_replies(tls_url)


def test_a_sandbox_on_a_tls_engine_serves_and_journals(tls_url: str):
    with ThreadedServer(Settings(start_time=FROZEN_AT, store=tls_url)) as server, \
            httpx.Client(base_url=server.url) as client:
        headers = _token(client)
        for _ in range(3):
            assert client.get(LEARNERS, headers=headers).status_code == 200
        journal = client.get("/__admin/requests", params={"path": LEARNERS}).json()
    assert [entry["status"] for entry in journal["requests"]] == [200] * 3
    assert journal["requests"][0]["responseBody"].startswith('{"count":')
