"""Shared fixtures: an app per test with a frozen clock, and its in-process client."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from edumock.app import EdumockApp
from edumock.settings import Settings
from edumock.testing import build_app

FROZEN_AT = datetime(2026, 8, 10, 9, 30, tzinfo=UTC)
"""Every test world starts here: August 2026 is an open Full return for SDR."""


@pytest.fixture
def settings() -> Settings:
    return Settings(start_time=FROZEN_AT)


@pytest.fixture
def app(settings: Settings) -> Iterator[EdumockApp]:
    app = build_app(settings)
    yield app
    violations = list(app.sandbox.violations)
    assert not violations, f"responses broke our own spec: {violations}"


@pytest.fixture
def client(app: EdumockApp):
    with app.test_client() as test_client:
        yield test_client
