"""A new platform needs only its own spec, fixtures, package and a Platform value: the tiny
one in ``tiny_platform.py`` is served by the shared app with no edit to shared code."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from connexion.exceptions import ResolverError

from edumock.app import create_app
from edumock.serving.sandbox import ADMIN_SPEC
from edumock.settings import Settings, specs_dir
from tests.conftest import FROZEN_AT
from tests.core import tiny_platform


@pytest.fixture
def client(tmp_path: Path) -> Iterator[Any]:
    specs, fixtures = tiny_platform.write_files(tmp_path, specs_dir() / ADMIN_SPEC)
    settings = Settings(specs_dir=specs, fixtures_dir=fixtures, start_time=FROZEN_AT)
    app = create_app(settings, [tiny_platform.platform()])
    with app.test_client() as test_client:
        yield test_client
    assert not app.sandbox.violations, list(app.sandbox.violations)


def test_a_request_reaches_its_handler_over_the_fixtures_it_built(client):
    gadgets = client.get("/tiny/gadgets/").json()["gadgets"]
    assert len(gadgets) == 3  # one explicit record, two generated from the seed
    assert {"id": "sprocket", "name": "The named sprocket"} in gadgets
    reply = client.get("/tiny/gadgets/sprocket")
    assert reply.status_code == 200 and reply.headers["content-type"] == "application/json"
    assert reply.json() == {"id": "sprocket", "name": "The named sprocket"}


def test_its_own_error_and_core_failures_render_in_its_format(client):
    missing = client.get("/tiny/gadgets/nothing")
    assert missing.status_code == 404
    assert missing.json() == {"tinyError": "no gadget nothing", "status": 404,
                              "path": "/tiny/gadgets/nothing"}
    unrouted = client.get("/tiny/widgets/")
    assert unrouted.status_code == 404 and unrouted.json()["status"] == 404
    assert unrouted.json()["path"] == "/tiny/widgets/"


def test_the_admin_api_sees_it_like_any_platform(client):
    assert client.get("/__admin/health").json()["platforms"] == ["tiny"]
    state = client.get("/__admin/state/tiny").json()
    assert state["collections"] == {"gadgets": 3}
    client.post("/__admin/reset", json={"seed": 7})
    again = client.get("/tiny/gadgets/").json()["gadgets"]
    assert len(again) == 3 and {"id": "sprocket", "name": "The named sprocket"} in again


def test_an_operation_its_table_lacks_stops_the_app_at_start(tmp_path: Path):
    spec = tiny_platform.SPEC.replace("gadgets.read", "gadgets.inspect")
    specs, fixtures = tiny_platform.write_files(tmp_path, specs_dir() / ADMIN_SPEC, spec)
    settings = Settings(specs_dir=specs, fixtures_dir=fixtures, start_time=FROZEN_AT)
    app = create_app(settings, [tiny_platform.platform()])
    with pytest.raises(ResolverError, match=r"'gadgets\.inspect'.*tests\.core\.tiny_platform"), \
            app.test_client() as test_client:
        test_client.get("/tiny/gadgets/")


def test_a_handlers_module_without_a_table_is_named(tmp_path: Path):
    specs, fixtures = tiny_platform.write_files(tmp_path, specs_dir() / ADMIN_SPEC)
    settings = Settings(specs_dir=specs, fixtures_dir=fixtures, start_time=FROZEN_AT)
    app = create_app(settings, [tiny_platform.platform(handlers="tests.core")])
    with pytest.raises(ResolverError, match=r"tests\.core defines no HANDLERS"), \
            app.test_client() as test_client:
        test_client.get("/tiny/gadgets/")
