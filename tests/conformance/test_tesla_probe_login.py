"""``edumock probe --platform tesla --username --password`` logs in through TeSLA's own login
against edumock, as against a real server, and finds nothing."""

from __future__ import annotations

import json
from collections.abc import Iterator

import httpx
import pytest

from edumock.cli import main
from edumock.settings import Settings
from edumock.testing import ThreadedServer
from tests.conftest import FROZEN_AT


@pytest.fixture(scope="module")
def server() -> Iterator[ThreadedServer]:
    with ThreadedServer(Settings(start_time=FROZEN_AT)) as live:
        yield live


def test_the_probe_logs_in_with_a_seeded_admins_password(server, tmp_path):
    users = httpx.get(f"{server.url}/__admin/state/tesla/users").json()["records"]
    admin = next(u for u in users if u["institution_id"] == 1 and u["inst_admin"])
    # The probe deletes users, which only a data administrator may: give the admin that too.
    minted = httpx.post(f"{server.url}/__admin/tokens", json={
        "platform": "tesla", "institution_id": 1, "roles": ["inst_admin"]}).json()
    granted = httpx.patch(f"{server.url}/api/v2/institution/1/user/{admin['id']}/",
                          json={"data_admin": True},
                          headers={"Authorization": f"JWT {minted['token']}"})
    assert granted.status_code == 200, granted.text
    path = tmp_path / "probe.json"
    password = f"{admin['email'].split('@')[0]}-password"
    assert main(["probe", "--platform", "tesla", "--base-url", server.url,
                 "--username", admin["email"], "--password", password,
                 "--report", str(path)]) == 0
    report = json.loads(path.read_text())
    assert report["conforms"] and report["findings"] == []
