"""Shared fixtures: an app per test with a frozen clock, and its in-process client."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml

from edumock.app import EdumockApp
from edumock.contract import schema_check
from edumock.settings import Settings, specs_dir
from edumock.testing import build_app

FROZEN_AT = datetime(2026, 8, 10, 9, 30, tzinfo=UTC)
"""Every test world starts here: August 2026 is an open Full return for SDR."""


@pytest.fixture(autouse=True, scope="session")
def _crosscheck_validators() -> Iterator[None]:
    """Every value jsonschema-rs accepts is also checked by Python jsonschema, and a
    disagreement fails the test: the whole suite proves the fast path gives Python's verdicts."""
    schema_check.CROSSCHECK = True
    yield
    schema_check.CROSSCHECK = False


@pytest.fixture
def broken_specs(tmp_path: Path) -> Path:
    """The specs with an example for the TeSLA learner list that breaks its own schema (a
    ``Prefer: code=200`` answer then violates the contract)."""
    folder = tmp_path / "specs"
    shutil.copytree(specs_dir(), folder)
    spec = yaml.safe_load((folder / "tesla.yaml").read_text())
    learners = "/api/v2/institution/{parent_lookup_institution_id}/learner/"
    media = spec["paths"][learners]["get"]["responses"]["200"]["content"]["application/json"]
    media["example"] = {"count": "many"}
    (folder / "tesla.yaml").write_text(yaml.safe_dump(spec, sort_keys=False))
    return folder


@pytest.fixture
def settings() -> Settings:
    return Settings(start_time=FROZEN_AT)


@pytest.fixture(scope="session")
def shared_app() -> EdumockApp:
    """One app for the session: building Connexion's middleware is the slow part."""
    return build_app(Settings(start_time=FROZEN_AT))


@pytest.fixture
def app(shared_app: EdumockApp) -> Iterator[EdumockApp]:
    """The shared app with every world regenerated from seed 42 and the clock at FROZEN_AT."""
    shared_app.sandbox.reset_all(seed=42)
    shared_app.sandbox.violations.clear()
    yield shared_app
    violations = list(shared_app.sandbox.violations)
    assert not violations, f"responses broke our own spec: {violations}"


@pytest.fixture
def client(app: EdumockApp):
    with app.test_client() as test_client:
        yield test_client
