"""The ``real_tesla`` fixture: the real TeSLA CE server, started once per test session.

Without Debian's MariaDB, Redis or MySQL client headers the tests that use it are skipped,
unless ``EDUMOCK_REQUIRE_REAL_TESLA=1`` (as CI sets), which makes them a failure."""

from __future__ import annotations

import os
from collections.abc import Iterator

import httpx
import pytest

from tests.upstream.tesla.launcher import RealTesla
from tests.upstream.tesla.launcher import real_tesla as start_real_tesla
from tests.upstream.tesla.services import DEBIAN_PACKAGES, missing_requirements

REQUIRE_VARIABLE = "EDUMOCK_REQUIRE_REAL_TESLA"


def skip_or_fail_without(missing: list[str]) -> None:
    """Skip (or fail, when ``EDUMOCK_REQUIRE_REAL_TESLA=1``) when anything is missing."""
    if not missing:
        return
    reason = (f"the real TeSLA CE server needs {', '.join(missing)} "
              f"(apt-get install {DEBIAN_PACKAGES})")
    if os.environ.get(REQUIRE_VARIABLE) == "1":
        pytest.fail(f"{REQUIRE_VARIABLE}=1 but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def real_tesla() -> Iterator[RealTesla]:
    """The running, seeded real server (base URL, institution id, credentials)."""
    skip_or_fail_without(missing_requirements())
    with start_real_tesla() as server:
        yield server


@pytest.fixture(scope="session")
def real_tesla_http(real_tesla: RealTesla) -> Iterator[httpx.Client]:
    """A client on the real server's base URL; it never follows redirects."""
    with httpx.Client(base_url=real_tesla.base_url, timeout=30,
                      follow_redirects=False) as http:
        yield http


def login(http: httpx.Client, email: str, password: str) -> str:
    """The access token ``POST /api/v2/auth/login`` answers for these credentials."""
    answer = http.post("/api/v2/auth/login", json={"email": email, "password": password})
    assert answer.status_code == 200, answer.text
    return str(answer.json()["token"]["access_token"])


@pytest.fixture(scope="session")
def admin_token(real_tesla: RealTesla, real_tesla_http: httpx.Client) -> str:
    """The institution admin's access token (valid 15 minutes)."""
    who = real_tesla.credentials
    return login(real_tesla_http, who.admin_email, who.admin_password)


@pytest.fixture(scope="session")
def global_admin_token(real_tesla: RealTesla, real_tesla_http: httpx.Client) -> str:
    """The global admin's (a superuser's) access token."""
    who = real_tesla.credentials
    return login(real_tesla_http, who.global_admin_email, who.global_admin_password)
