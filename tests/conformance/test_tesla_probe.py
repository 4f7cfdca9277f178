"""The TeSLA probe reaches every operation of the institution API against edumock, with no
finding; a read-only run sends only GETs; a deliberately invalid request is judged by its
answer only."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator

import httpx
import pytest

from edumock.cli.conformance import contract_for
from edumock.conformance.probe_client import ProbeClient
from edumock.settings import Settings
from edumock.testing import ThreadedServer
from tests.conformance.test_probe import headlines, probe
from tests.conftest import FROZEN_AT


@pytest.fixture(scope="module")
def server() -> Iterator[ThreadedServer]:
    with ThreadedServer(Settings(start_time=FROZEN_AT)) as live:
        yield live


def test_the_probe_reaches_every_operation_and_most_statuses(server):
    """Run with ``-s`` to see the time and the coverage."""
    started = time.monotonic()
    report = probe("tesla", server.url)
    elapsed = time.monotonic() - started
    coverage = report.coverage()
    sys.stdout.write(f"tesla probe: {len(report.exchanges)} exchanges in {elapsed:.1f} s; "
                     f"operations {coverage['exercised']}/{coverage['declared']}; statuses "
                     f"{coverage['statusesReached']}/{coverage['statusesDocumented']}\n")
    assert report.conforms, headlines(report)
    assert coverage["ratio"] >= 0.9, coverage["never"]
    assert coverage["never"] == []
    # Of the 756 documented statuses, 405 on a declared operation, 415 and 400 on GET and
    # DELETE, and 403 on the views anyone may call cannot be provoked (docs/tesla.md).
    assert coverage["statusesReached"] >= 460


def test_every_resource_group_lives_and_the_run_leaves_nothing_behind(server):
    before = httpx.get(f"{server.url}/__admin/health").json()
    report = probe("tesla", server.url)
    assert report.conforms, headlines(report)
    steps = {e.label for e in report.exchanges}
    for life in ("send/delete the category", "instructor life/delete",
                 "user life/delete the UI option", "user life/delete", "vle life/delete",
                 "group life/unlink", "consent life/delete the document", "consent life/delete",
                 "activity life/delete", "consent of a learner/reject",
                 "other institutions and methods/GET a learner's consent"):
        assert life in steps, life
    cleaned = [e for e in report.exchanges if e.label.startswith("clean-up/")]
    assert all(e.status == 204 for e in cleaned), [(e.label, e.status) for e in cleaned]
    after = httpx.get(f"{server.url}/__admin/health").json()
    assert after["responseViolations"] == before["responseViolations"] == 0


def test_the_probe_sees_each_checked_filter_refuse_a_value(server):
    report = probe("tesla", server.url, read_only=True)
    assert report.conforms, headlines(report)
    refused = {e.label.removeprefix("filters refused/filter "): (e.status, e.url.split("?")[1])
               for e in report.exchanges if e.label.startswith("filters refused/")}
    assert refused == {
        "learner by id=abc": (400, "id=abc"),
        "send by institution=abc": (400, "institution=abc"),
        "group by parent=abc": (400, "parent=abc"),
        "group_course by vle_id=abc": (400, "vle_id=abc"),
        "report by identity_level__gte=abc": (400, "identity_level__gte=abc"),
        "report_request by instruments=abc": (400, "instruments=abc"),
    }


def test_a_read_only_run_sends_only_safe_methods_and_finds_nothing(server):
    report = probe("tesla", server.url, read_only=True)
    assert report.conforms, headlines(report)
    assert {e.method for e in report.exchanges} == {"GET", "HEAD", "OPTIONS"}
    reached = report.coverage()["operations"]
    gets = [op.key for op in contract_for("tesla").operations if op.method == "GET"]
    missing = [key for key in gets if key not in reached]
    assert missing == [], missing


def test_a_deliberately_invalid_request_is_judged_by_its_answer_only():
    def answer(request: httpx.Request) -> httpx.Response:
        if request.headers.get("content-type") == "text/plain":
            return httpx.Response(415, json={"detail": "Unsupported media type"})
        return httpx.Response(299, json={})

    contract = contract_for("tesla")
    path = "/api/v2/institution/1/group/"
    with ProbeClient(contract, "http://tesla.invalid",
                     transport=httpx.MockTransport(answer)) as client:
        client.call("wrong media type", "POST", path, json={}, invalid=True,
                    headers={"Content-Type": "text/plain"})
        assert client.report.findings == []
        client.call("undeclared status", "POST", path, json=[], invalid=True)
        assert [f.rule for f in client.report.findings] == ["response-status"]
        client.call("not marked", "POST", path, json=[])
        assert "request-body" in {f.rule for f in client.report.findings}
