"""The landing page at / and each platform's Swagger UI and raw spec under /docs/, also as a
real headless browser renders them."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from edumock.registry import PLATFORMS
from edumock.settings import Settings
from edumock.testing import ThreadedServer
from tests.browser import chromium, headless
from tests.conftest import FROZEN_AT

__all__ = ["chromium"]


def test_the_landing_page_lists_platforms_seed_and_worlds(client):
    client.get("/__admin/health", headers={"X-Edumock-World": "team-a"})
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    text = page.text
    for platform in PLATFORMS:
        assert f"id='platform-{platform.name}'" in text
        for prefix in platform.path_prefixes:
            assert f"href='{prefix}'" in text
        for docs in platform.docs_paths:
            assert f"href='{docs}'" in text and f"href='{docs}openapi.json'" in text
    assert "<b id=seed>42</b>" in text and "<code>team-a</code>" in text
    assert client.get("/__admin/requests").json()["requests"] == []  # not journaled


@pytest.mark.parametrize(("docs", "title"), [
    *((docs, platform.title.split()[0]) for platform in PLATFORMS
      for docs in platform.docs_paths),
    ("/docs/admin/", "edumock")])
def test_each_spec_has_its_swagger_ui_and_raw_spec(client, docs: str, title: str):
    ui = client.get(docs)
    assert ui.status_code == 200 and "swagger-ui" in ui.text
    spec = client.get(f"{docs}openapi.json").json()
    assert spec["info"]["title"].startswith(title) and spec["paths"]


@pytest.fixture(scope="module")
def live():
    with ThreadedServer(Settings(start_time=FROZEN_AT)) as server:
        yield server


def test_the_pages_in_a_headless_browser(chromium: str, live: ThreadedServer, tmp_path: Path):
    dom = headless(chromium, tmp_path / "profile", "--dump-dom", f"{live.url}/")
    assert dom.count("<tr id=\"platform-") == len(PLATFORMS)
    assert "X-Edumock-World" in dom
    shot = tmp_path / "landing.png"
    headless(chromium, tmp_path / "profile", f"--screenshot={shot}", "--window-size=1200,900",
             "--hide-scrollbars", f"{live.url}/")
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", data[16:24]) == (1200, 900) and len(data) > 10_000
    swagger = headless(chromium, tmp_path / "profile", "--virtual-time-budget=5000",
                       "--dump-dom", f"{live.url}/docs/tesla/")
    assert "opblock" in swagger and "/api/v2/institution/" in swagger
