"""What the probe promises every platform's scenarios: a read-only run writes nothing, a run
removes the records it made, login options come in pairs, and coverage counts statuses."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from types import SimpleNamespace
from typing import Any

import httpx
import pytest

from edumock.cli import main
from edumock.cli.conformance import contract_for
from edumock.conformance.probe import run_probe
from edumock.conformance.probe_client import ProbeClient
from edumock.settings import Settings
from edumock.testing import ThreadedServer
from tests.conftest import FROZEN_AT

LEARNERS = "/api/v2/institution/1/learner/"


@pytest.fixture(scope="module")
def server() -> Iterator[ThreadedServer]:
    with ThreadedServer(Settings(start_time=FROZEN_AT)) as live:
        yield live


def _authenticate(probe: ProbeClient, token: str | None,
                  extra: Mapping[str, str]) -> dict[str, str]:
    minted = probe.mint({"platform": "tesla", "roles": ["inst_admin"], "institution_id": 1})
    return {"Authorization": f"JWT {minted['token']}"}


def _learner(probe: ProbeClient) -> dict[str, Any]:
    uid = probe.unique("fw")
    return {"uid": uid, "email": f"{uid}@pu1.ac.nz"}


def _list_then_create(probe: ProbeClient) -> None:
    probe.require_status(probe.call("list", "GET", LEARNERS), 200, "list")
    created = probe.require_status(probe.call("create", "POST", LEARNERS,
                                              json=_learner(probe)), 201, "create")
    probe.created(f"{LEARNERS}{created['id']}/")
    probe.expect(False, "after the create", "a read-only run never gets here")


def _create_and_delete(probe: ProbeClient) -> None:
    created = probe.require_status(probe.call("create", "POST", LEARNERS,
                                              json=_learner(probe)), 201, "create")
    path = f"{LEARNERS}{created['id']}/"
    probe.created(path)
    probe.expect_status(probe.call("delete", "DELETE", path), 204, "delete")


def _module(*scenarios: Any) -> Any:
    return SimpleNamespace(SCENARIOS=list(scenarios), authenticate=_authenticate)


def _count(server: ThreadedServer) -> int:
    token = httpx.post(f"{server.url}/__admin/tokens", json={
        "platform": "tesla", "roles": ["inst_admin"], "institution_id": 1}).json()["token"]
    page = httpx.get(f"{server.url}{LEARNERS}", params={"limit": 1},
                     headers={"Authorization": f"JWT {token}"})
    return int(page.json()["count"])


def test_a_read_only_run_stops_each_scenario_at_its_first_write(server) -> None:
    before = _count(server)
    report = run_probe(contract_for("tesla"), _module(("reads", _list_then_create)),
                       server.url, None, {}, read_only=True)
    assert report.conforms, [f.headline() for f in report.findings]
    assert {e.method for e in report.exchanges} == {"GET"}
    assert _count(server) == before


def test_records_a_run_made_are_deleted_at_its_end_unless_a_step_did(server) -> None:
    before = _count(server)
    report = run_probe(contract_for("tesla"), _module(("made", _list_then_create),
                                                      ("made and deleted", _create_and_delete)),
                       server.url, None, {})
    deletes = [e for e in report.exchanges
               if e.method == "DELETE" and not e.label.endswith("without credentials")]
    assert [e.label.split("/")[0] for e in deletes] == ["made and deleted", "clean-up"]
    assert all(e.status == 204 for e in deletes)
    assert _count(server) == before
    assert [f.message for f in report.findings] == [
        "made/after the create: a read-only run never gets here"]


def test_coverage_counts_documented_statuses_answered(server) -> None:
    report = run_probe(contract_for("tesla"), _module(("made and deleted", _create_and_delete)),
                       server.url, None, {})
    coverage = report.coverage()
    assert coverage["statusesDocumented"] > coverage["statusesReached"] >= 3
    assert "201" in str(coverage["operations"])


@pytest.mark.parametrize(("extra", "message"), [
    (["--username", "a@b.c"], "--username and --password go together"),
    (["--client-secret", "s"], "--client-id and --client-secret go together"),
    (["--token", "t", "--username", "u", "--password", "p"], "either --token or a login"),
])
def test_login_options_come_in_pairs(capsys, extra: list[str], message: str) -> None:
    assert main(["probe", "--platform", "tesla", "--base-url", "http://127.0.0.1:9",
                 *extra]) == 2
    assert message in capsys.readouterr().err


def test_a_refused_method_counts_as_the_paths_documented_405(server) -> None:
    def wrong_method(probe: ProbeClient) -> None:
        probe.call("put the list", "PUT", LEARNERS, json={})

    report = run_probe(contract_for("tesla"), _module(("wrong method", wrong_method)),
                       server.url, None, {})
    coverage = report.coverage()
    assert coverage["exercised"] == 0
    assert coverage["statusesReached"] == sum(
        1 for op in report.contract.declared_at(LEARNERS) if "405" in op.responses)
    assert coverage["statusesReached"] >= 1
