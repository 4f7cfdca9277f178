"""Probe steps generic over a contract: every path sent a method it lacks, whose refusal counts
for the path's operations; and a failure injected into one call, on edumock only."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from edumock.cli.conformance import contract_for
from edumock.conformance import probe_sweeps as sweeps
from edumock.conformance.probe_client import ProbeClient
from edumock.conformance.report import judge
from edumock.settings import Settings
from edumock.testing import ThreadedServer
from tests.conformance import exchange
from tests.conftest import FROZEN_AT

READ = "/api/course/v1/batch/read/{batchId}"


@pytest.fixture(scope="module")
def server() -> Iterator[ThreadedServer]:
    with ThreadedServer(Settings(start_time=FROZEN_AT, platforms=("sunbird",))) as live:
        yield live


def _reached(statuses: dict[str, int]) -> int:
    """Documented statuses reached by one exchange per (path, status)."""
    traffic = [exchange(i, "POST", path, status) for i, (path, status)
               in enumerate(statuses.items(), start=1)]
    return int(judge(contract_for("sunbird"), traffic, "test").coverage()["statusesReached"])


def test_a_method_the_path_lacks_refused_404_counts_as_the_paths_404() -> None:
    assert _reached({"/api/course/v1/batch/read/42": 404}) == 1
    assert _reached({"/api/course/v1/batch/read/42": 400}) == 0
    assert _reached({"/api/course/v1/no-such-path": 404}) == 0


def test_every_path_is_sent_one_method_it_does_not_declare() -> None:
    sent: list[tuple[str, str]] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append((request.method, request.url.path))
        return httpx.Response(405)

    contract = contract_for("sdr")
    checked: list[tuple[str, tuple[str, ...]]] = []
    for read_only in (False, True):
        sent.clear()
        with ProbeClient(contract, "http://sdr.invalid", read_only=read_only,
                         transport=httpx.MockTransport(answer)) as client:
            sweeps.undeclared_methods(client, lambda template: sweeps.filled(
                                          template, lambda name: "199001"),
                                      lambda response, step, declared:
                                      checked.append((step, declared)))
            assert client.report.findings == []
        templates = {op.template for op in contract.operations}
        gets = {op.template for op in contract.operations if op.method == "GET"}
        assert len(sent) == len(templates - gets if read_only else templates)
        assert all(contract.match(method, path)[0] is None for method, path in sent)
        assert all(method == "GET" for method, _ in sent) if read_only else \
            {method for method, _ in sent} == {"GET", "POST"}
    assert ("GET /submissions/v1.0/learners", ("DELETE", "PUT")) in checked


def test_a_framework_method_is_never_sent_as_undeclared() -> None:
    """TeSLA's Django REST framework answers HEAD and OPTIONS on every path: the sweep counts
    them among the declared methods and never sends them as undeclared."""
    sent: list[str] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request.method)
        return httpx.Response(405)

    checked: list[tuple[str, ...]] = []
    with ProbeClient(contract_for("tesla"), "http://tesla.invalid",
                     transport=httpx.MockTransport(answer)) as client:
        sweeps.undeclared_methods(client, lambda template: sweeps.filled(
                                      template, lambda name: "1"),
                                  lambda response, step, declared: checked.append(declared),
                                  method_for=lambda template, declared: "OPTIONS")
    assert sent == [] and checked == []
    declared = sweeps.declared_methods(client, [
        op for op in contract_for("tesla").operations
        if op.template == "/api/v2/institution/{institution_id}/"])
    assert declared == ("GET", "HEAD", "OPTIONS", "PATCH", "PUT")


def test_an_injected_failure_meets_the_call_itself_and_is_removed(server) -> None:
    credentials = httpx.post(f"{server.url}/__admin/tokens", json={"platform": "sunbird"}).json()
    with ProbeClient(contract_for("sunbird"), server.url) as client:
        client.connect()
        client.headers = {"Authorization": f"Bearer {credentials['apiKey']}",
                          "x-authenticated-user-token": credentials["userToken"]}
        path = READ.replace("{batchId}", "42")
        answer = client.injected("read failing", "GET", path, 500)
        assert answer is not None and answer.status_code == 500
        assert answer.json()["responseCode"] == "SERVER_ERROR"
        assert [(e.label, e.status) for e in client.report.exchanges] == [
            ("read failing without credentials", 401), ("read failing", 500)]
        assert client.report.findings == []
        assert client.call("read again", "GET", path).status_code == 200
    assert httpx.get(f"{server.url}/__admin/faults").json()["faults"] == []


def test_nothing_is_injected_into_a_server_that_is_not_edumock() -> None:
    sent: list[str] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request.url.path)
        return httpx.Response(500)

    with ProbeClient(contract_for("sunbird"), "http://sunbird.invalid",
                     transport=httpx.MockTransport(answer)) as client:
        assert client.injected("read failing", "GET", READ.replace("{batchId}", "42"),
                               500) is None
        sweeps.injected_failures(client, 500, lambda name: "42", lambda operation: {},
                                 lambda response, step: None)
    assert sent == []
