"""Consumer coverage: operations, documented statuses and refusals a client exercised and
never did, kept beyond the journal's cap, per world; and ``edumock coverage`` reports."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import httpx
import pytest

from edumock.cli import main
from edumock.settings import Settings
from edumock.testing import ThreadedServer
from tests.conftest import FROZEN_AT

TOKEN = "/submissions/v1.0/token/{returnId}"


def sdr(client: Any) -> dict[str, str]:
    minted = client.post("/__admin/tokens", json={"platform": "sdr", "edumis": "6004"}).json()
    return {"Authorization": f"Bearer {minted['token']}", "EID": minted["edumis"]}


def operation(data: dict[str, Any], platform: str, method: str, path: str) -> dict[str, Any]:
    return next(op for op in data["platforms"][platform]["operations"]
                if op["method"] == method and op["path"] == path)


def test_a_declined_token_never_met_shows_as_a_status_never_seen(client):
    headers = sdr(client)
    assert client.post("/submissions/v1.0/token/202608", headers=headers).status_code == 200
    data = client.get("/__admin/coverage").json()
    token = operation(data, "sdr", "POST", TOKEN)
    assert token["calls"] == 1 and token["statuses"] == {"200": 1}
    assert "429" in token["statusesNeverSeen"] and "200" not in token["statusesNeverSeen"]
    summary = data["platforms"]["sdr"]["summary"]
    assert summary["operationsExercised"] == 1 and summary["statusesExercised"] == 1


def test_refusals_are_counted_by_the_platforms_own_code(client):
    headers = sdr(client)
    client.post("/submissions/v1.0/token/202604", headers=headers)  # a closed return: R2
    client.post("/api/course/v1/batch/create", json={"request": {}})  # no user token
    data = client.get("/__admin/coverage").json()
    assert data["platforms"]["sdr"]["refusals"] == {"R2": 1}
    assert sum(data["platforms"]["sunbird"]["refusals"].values()) == 1
    token = operation(data, "sdr", "POST", TOKEN)
    assert token["statuses"] == {"409": 1}


def test_coverage_outlives_the_journal_and_is_per_world(client):
    headers = sdr(client)
    for _ in range(3):
        client.get("/submissions/v1.0/returns", headers=headers)
    client.delete("/__admin/requests")
    data = client.get("/__admin/coverage", params={"platform": "sdr"}).json()
    assert list(data["platforms"]) == ["sdr"]
    assert operation(data, "sdr", "GET", "/submissions/v1.0/returns")["calls"] == 3
    other = client.get("/__admin/coverage", headers={"X-Edumock-World": "other"}).json()
    assert operation(other, "sdr", "GET", "/submissions/v1.0/returns")["calls"] == 0
    client.delete("/__admin/coverage")
    cleared = client.get("/__admin/coverage").json()
    assert operation(cleared, "sdr", "GET", "/submissions/v1.0/returns")["calls"] == 0


@pytest.fixture(scope="module")
def live():
    with ThreadedServer(Settings(start_time=FROZEN_AT, platforms=("sdr",))) as server:
        yield server


def test_the_coverage_command_writes_reports_and_judges_a_threshold(live, tmp_path: Path,
                                                                    capsys):
    minted = httpx.post(f"{live.url}/__admin/tokens",
                        json={"platform": "sdr", "edumis": "6004"}).json()
    httpx.get(f"{live.url}/submissions/v1.0/returns",
              headers={"Authorization": f"Bearer {minted['token']}", "EID": "6004"})
    reports = [tmp_path / "c.json", tmp_path / "c.xml", tmp_path / "c.html"]
    args = ["coverage", "--url", live.url, *[a for r in reports for a in ("--report", str(r))]]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "sdr: 1 of 16 operations" in out and "never saw" in out
    data = json.loads(reports[0].read_text())
    assert operation(data, "sdr", "GET", "/submissions/v1.0/returns")["calls"] == 1
    suite = ET.parse(reports[1]).getroot().find("testsuite")
    assert suite is not None and int(suite.get("skipped", 0)) == int(suite.get("tests", 0)) - 1
    assert "data-operation=" in reports[2].read_text()
    assert main(["coverage", "--url", live.url, "--fail-under", "50"]) == 1
    assert main(["coverage", "--url", "http://127.0.0.1:1"]) == 2
    assert main(["coverage", "--url", live.url, "--report", str(tmp_path / "x.pdf")]) == 2
