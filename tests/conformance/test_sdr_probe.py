"""The SDR probe drives every operation of specs/sdr.yaml, stays read-only when told, and
catches a server that lets writes through while a validation runs."""

from __future__ import annotations

import importlib
import sys
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from edumock.cli.conformance import contract_for
from edumock.conformance.probe import run_probe
from edumock.conformance.probe_client import REQUEST_RULES, SAFE_METHODS, ProbeClient
from edumock.conformance.report import Report
from edumock.conformance.usage import UsageError
from edumock.platforms.sdr.models.backend import SdrBackend
from edumock.settings import Settings
from edumock.testing import ThreadedServer
from tests.conftest import FROZEN_AT

MODULE = importlib.import_module("edumock.platforms.sdr.probe")


@pytest.fixture(scope="module")
def server() -> Iterator[ThreadedServer]:
    with ThreadedServer(Settings(start_time=FROZEN_AT)) as live:
        yield live


def sdr(base_url: str, **options: Any) -> Report:
    return run_probe(contract_for("sdr"), MODULE, base_url, options.pop("token", None),
                     options.pop("headers", {}), **options)


def headlines(report: Report) -> list[str]:
    return [f.headline() for f in report.findings]


def test_the_probe_reaches_every_operation_and_nine_in_ten_documented_statuses(server):
    started = time.monotonic()
    report = sdr(server.url)
    took = time.monotonic() - started
    coverage = report.coverage()
    sys.stdout.write(f"sdr probe: {len(report.exchanges)} exchanges in {took:.1f} s; "
                     f"operations {coverage['exercised']}/{coverage['declared']}; statuses "
                     f"{coverage['statusesReached']}/{coverage['statusesDocumented']}\n")
    assert report.conforms, headlines(report)
    assert coverage["ratio"] >= 0.9 and not coverage["never"]
    assert coverage["statusesReached"] >= 0.9 * coverage["statusesDocumented"]
    statuses = coverage["operations"]
    assert {401, 404, 409, 429} <= set(statuses["POST /submissions/v1.0/token/{returnId}"])
    assert all({200, 400, 401, 415, 429} <= set(statuses[key])
               for key in statuses if key.startswith(("PUT", "DELETE /submissions/v1.0/c",
                                                      "DELETE /submissions/v1.0/l",
                                                      "DELETE /submissions/v1.0/q")))
    steps = {e.label for e in report.exchanges}
    assert {"credentials/no EID", "undeclared methods/GET /submissions/v1.0/learners",
            "refused batches/one record too many",
            "expired token/upload with the expired token"} <= steps


def test_a_read_only_run_sends_no_write_and_finds_nothing(server):
    report = sdr(server.url, read_only=True)
    assert report.conforms, headlines(report)
    assert {e.method for e in report.exchanges} <= SAFE_METHODS
    assert set(report.coverage()["operations"]) == {
        "GET /submissions/v1.0/returns", "GET /submissions/v1.0/validation/{token}"}


def test_client_credentials_get_the_run_its_token(server):
    report = sdr(server.url, credentials={"client_id": "edumock-sdr-client",
                                          "client_secret": "edumock-sdr-secret"})
    assert report.conforms, headlines(report)
    with pytest.raises(UsageError, match="refused the client credentials"):
        sdr(server.url, credentials={"client_id": "edumock-sdr-client",
                                     "client_secret": "wrong"})


def test_writes_accepted_while_a_validation_runs_fail_the_probe(server, monkeypatch):
    monkeypatch.setattr(SdrBackend, "_refuse_while_validating", lambda self, edumis: None)
    messages = [f.message for f in sdr(server.url).findings if f.rule == "workflow"]
    assert any("validate: learners upload while running: accepted while the validation "
               "was still Queued" in m for m in messages), messages


def test_a_deliberately_invalid_step_is_judged_by_its_answer_alone():
    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path.startswith("/submissions/v1.0/validation/"):
            return httpx.Response(418, json={"detail": "teapot"})
        return httpx.Response(405, json={"detail": "no"}, headers={"Allow": "PUT, DELETE"})

    with ProbeClient(contract_for("sdr"), "http://sdr.invalid",
                     transport=httpx.MockTransport(answer)) as client:
        client.call("wrong method on purpose", "GET", "/submissions/v1.0/learners",
                    invalid=True)
        assert client.report.findings == []
        client.call("wrong method by mistake", "GET", "/submissions/v1.0/learners")
        assert [f.rule for f in client.report.findings] == ["method-declared"]
        before = len(client.report.findings)
        client.call("a token too long", "GET", f"/submissions/v1.0/validation/{'x' * 200}",
                    invalid=True)
        rules = {f.rule for f in client.report.findings[before:]}
        assert "response-status" in rules and not rules & REQUEST_RULES


def test_a_path_refusing_an_undeclared_method_otherwise_than_405_fails_the_probe():
    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/learners"):
            return httpx.Response(405, json={"status": 405}, headers={"Allow": "PUT"})
        return httpx.Response(404, json={"status": 404})

    with ProbeClient(contract_for("sdr"), "http://sdr.invalid",
                     transport=httpx.MockTransport(answer)) as client:
        MODULE.undeclared_methods(client)
    messages = [f.message for f in client.report.findings]
    paths = {op.template for op in contract_for("sdr").operations}
    assert len([m for m in messages if "expected status 405, got 404" in m]) == len(paths) - 1
    assert any(m.startswith("GET /submissions/v1.0/learners: the Allow header 'PUT' does not "
                            "name DELETE, PUT") for m in messages), messages
