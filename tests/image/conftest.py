"""The image tests build the Dockerfile once per session on a cached Debian base."""

from __future__ import annotations

import pytest

from tests.image.docker import Built, build, require


@pytest.fixture(scope="session")
def image() -> Built:
    """The built image (Docker and debootstrap required)."""
    require()
    return build()
