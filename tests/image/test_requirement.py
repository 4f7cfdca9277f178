"""Without Docker the image tests skip, unless CI's ``EDUMOCK_REQUIRE_DOCKER=1`` makes that a
failure."""

from __future__ import annotations

import pytest

from tests.image.docker import require


def test_missing_programs_skip_the_image_tests(monkeypatch):
    monkeypatch.delenv("EDUMOCK_REQUIRE_DOCKER", raising=False)
    with pytest.raises(pytest.skip.Exception, match="no-such-program"):
        require("no-such-program")


def test_ci_makes_missing_programs_a_failure(monkeypatch):
    monkeypatch.setenv("EDUMOCK_REQUIRE_DOCKER", "1")
    with pytest.raises(pytest.fail.Exception, match="EDUMOCK_REQUIRE_DOCKER=1 but"):
        require("no-such-program")
