"""The live workflow probe: it passes against our own server for every platform, and it
catches a server that breaks a workflow's promise, pagination, or the credentials rule."""

from __future__ import annotations

import importlib
import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from edumock.cli import main
from edumock.cli.conformance import contract_for, platform_named
from edumock.conformance.probe import run_probe
from edumock.conformance.report import Report
from edumock.conformance.usage import UsageError
from edumock.platforms.sdr.models.backend import SdrBackend
from edumock.platforms.sunbird.models import enrolments
from edumock.platforms.tesla import drf
from edumock.platforms.tesla.models.base import Resource
from edumock.registry import PLATFORMS
from edumock.settings import Settings
from edumock.testing import ThreadedServer
from edumock.testing.server import free_port
from tests.conftest import FROZEN_AT


@pytest.fixture(scope="module")
def server() -> Iterator[ThreadedServer]:
    """One live edumock with a frozen clock: the probe moves it through the admin API."""
    with ThreadedServer(Settings(start_time=FROZEN_AT)) as live:
        yield live


def probe(platform: str, base_url: str, token: str | None = None,
          headers: dict[str, str] | None = None, **options: Any) -> Report:
    module = importlib.import_module(str(platform_named(platform).probe))
    return run_probe(contract_for(platform), module, base_url, token, headers or {},
                     **options)


def headlines(report: Report) -> list[str]:
    return [f.headline() for f in report.findings]


@pytest.mark.parametrize("platform", [p.name for p in PLATFORMS if p.probe])
def test_the_probe_passes_against_our_own_server(server, platform):
    seen: list[int] = []
    report = probe(platform, server.url, progress=lambda exchange: seen.append(exchange.index))
    assert report.conforms, headlines(report)
    assert seen == [e.index for e in report.exchanges] and len(seen) >= 20
    refused = [e for e in report.exchanges if e.label.endswith("without credentials")]
    assert refused and all(e.status in (401, 403) for e in refused)
    assert report.coverage()["exercised"] >= 5
    assert httpx.get(f"{server.url}/__admin/health").json()["responseViolations"] == 0


def test_the_sunbird_probe_plays_every_workflow(server):
    report = probe("sunbird", server.url)
    assert report.conforms, headlines(report)
    steps = {e.label for e in report.exchanges}
    assert {"bulk user upload/upload: status", "enrolment and progress/read progress",
            "refused enrolment/enrol in an unknown batch"} <= steps


def test_the_tesla_probe_passes_for_an_institution_without_a_mail_domain(server):
    report = probe("tesla", server.url, params={"institution": "2"})
    assert report.conforms, headlines(report)
    assert "refused create/create" in {e.label for e in report.exchanges}


def test_the_probe_runs_again_on_the_same_server(server):
    first, second = probe("sdr", server.url), probe("sdr", server.url)
    assert first.conforms and second.conforms, headlines(first) + headlines(second)


def test_the_command_exits_0_and_writes_the_report(server, tmp_path, capsys):
    path = tmp_path / "probe.json"
    assert main(["probe", "--platform", "tesla", "--base-url", server.url,
                 "--report", str(path)]) == 0
    written = json.loads(path.read_text())
    assert written["conforms"] and written["exchanges"] >= 20
    assert "conforms" in capsys.readouterr().out


# -- a broken server is caught ----------------------------------------------------------
def test_a_delete_that_does_not_delete_fails_the_probe(server, tmp_path, monkeypatch):
    monkeypatch.setattr(Resource, "destroy", lambda self: None)
    path = tmp_path / "probe.json"
    assert main(["probe", "--platform", "tesla", "--base-url", server.url,
                 "--report", str(path)]) == 1
    findings = json.loads(path.read_text())["findings"]
    messages = [f["message"] for f in findings if f["rule"] == "workflow"]
    assert any("read the deleted: expected status 404, got 200" in m for m in messages)
    assert any("count after: count is" in m for m in messages)


def test_a_list_whose_count_is_off_breaks_pagination(server, monkeypatch):
    real = drf.paginate

    def miscounted(*args: Any, **kwargs: Any) -> dict[str, Any]:
        page = real(*args, **kwargs)
        return {**page, "count": page["count"] + 1}

    monkeypatch.setattr(drf, "paginate", miscounted)
    report = probe("tesla", server.url)
    rules = {f.rule for f in report.findings}
    assert "pagination" in rules and "workflow" in rules
    paged = {f.operation for f in report.findings if f.rule == "pagination"}
    assert "GET /api/v2/institution/{parent_lookup_institution_id}/learner/" in paged
    assert all(str(operation).startswith("GET ") for operation in paged)


def test_a_refused_batch_that_is_stored_fails_the_probe(server, monkeypatch):
    monkeypatch.setattr(SdrBackend, "_refuse_duplicates", staticmethod(lambda *args: None))
    messages = [f.message for f in probe("sdr", server.url).findings if f.rule == "workflow"]
    assert any("batch repeating a localId: expected status 400, got 200" in m
               for m in messages)
    assert any("upload after the refused batch" in m and "not acknowledged as Created" in m
               for m in messages)


def test_an_unenrolment_that_keeps_the_enrolment_fails_the_probe(server, monkeypatch):
    monkeypatch.setattr(enrolments, "unenrol", lambda store, request: {"response": "SUCCESS"})
    messages = [f.message for f in probe("sunbird", server.url).findings
                if f.rule == "workflow"]
    assert "enrolment and progress/list after unenrol: the withdrawn enrolment is still " \
           "listed" in messages
    assert any(m.startswith("enrolment and progress/unenrol again: expected status 400, got "
                            "200") for m in messages)


# -- servers that are not edumock -----------------------------------------------------
def _json(status: int, body: Any) -> httpx.Response:
    return httpx.Response(status, json=body)


def test_a_server_that_answers_without_credentials_breaks_the_auth_rule():
    institution = {"id": 1, "acronym": "X", "name": "X", "external_ic": False,
                   "mail_domain": None, "disable_vle_learner_creation": False,
                   "disable_vle_instructor_creation": False, "disable_vle_user_creation": False,
                   "allow_learner_report": False, "allow_learner_audit": False,
                   "allow_valid_audit": False, "created_at": None, "updated_at": None}

    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/api/v2/institution/1/":
            return _json(200, institution)
        return _json(404, {"detail": "Not found."})

    report = probe("tesla", "http://tesla.invalid", token="t",
                   transport=httpx.MockTransport(answer))
    rules = {(f.rule, f.operation) for f in report.findings}
    assert ("auth-required", "GET /api/v2/institution/{institution_id}/") in rules
    assert any("without credentials: a call without credentials was answered 200" in f.message
               for f in report.findings)


def _envelope(result: dict[str, Any], status: int = 200) -> httpx.Response:
    params = {"resmsgid": None, "msgid": None, "err": None if status == 200 else "ERR",
              "status": "success" if status == 200 else "ERR", "errmsg": None}
    return _json(status, {"id": "api.x", "ver": "v1", "ts": "2026-08-10 09:30:00:000+0000",
                          "params": params, "responseCode": "OK" if status == 200 else "ERR",
                          "result": result})


def test_an_upload_that_never_completes_is_reported_after_the_timeout():
    def answer(request: httpx.Request) -> httpx.Response:
        if "authorization" not in request.headers:
            return _envelope({}, 401)
        if request.url.path == "/api/user/v1/upload":
            return _envelope({"processId": 7})
        if request.url.path == "/api/data/v1/upload/status/7":
            return _envelope({"response": [{"processId": 7, "status": "NOT STARTED",
                                            "message": "Operation is not started."}]})
        return _envelope({}, 404)

    report = probe("sunbird", "http://sunbird.invalid", token="key",
                   headers={"x-authenticated-user-token": "t"}, params={"userId": "u1"},
                   timeout=0.2, transport=httpx.MockTransport(answer))
    assert any(f.message.startswith("bulk user upload/upload: status: still not finished "
                                    "after 0.2 s (raise --timeout)") for f in report.findings)


def test_a_server_that_stops_answering_ends_each_scenario_with_a_finding():
    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/__admin/clock":
            return _json(404, {})
        raise httpx.ReadTimeout("timed out", request=request)

    report = probe("tesla", "http://tesla.invalid", token="t",
                   transport=httpx.MockTransport(answer))
    scenarios = importlib.import_module("edumock.platforms.tesla.probe").SCENARIOS
    assert [f.exchange_label.split("/")[0] for f in report.findings] == [
        name for name, _ in scenarios]
    assert report.findings[0].exchange_label == \
        "discovery/read the institution without credentials"
    assert "was not answered: timed out" in report.findings[0].message


def test_without_a_token_a_foreign_server_is_a_usage_error():
    transport = httpx.MockTransport(lambda request: _json(404, {"detail": "Not found."}))
    with pytest.raises(UsageError, match="pass --token"):
        probe("tesla", "http://tesla.invalid", transport=transport)


def test_an_unreachable_server_exits_2_with_a_clear_message(capsys):
    url = f"http://127.0.0.1:{free_port()}"
    assert main(["probe", "--platform", "sdr", "--base-url", url]) == 2
    assert f"edumock probe: cannot reach {url}" in capsys.readouterr().err


@pytest.mark.parametrize(("extra", "message"), [
    (["--header", "EID"], "is not NAME:VALUE"),
    (["--param", "institution"], "is not NAME=VALUE"),
    (["--report", "out.pdf"], "cannot tell the report format"),
    (["--timeout", "0"], "--timeout must be a positive"),
    (["--token", " "], "--token is empty"),
    (["--base-url", "127.0.0.1:8080"], "is not an http:// or https:// URL"),
])
def test_bad_options_exit_2(capsys, extra, message):
    assert main(["probe", "--platform", "sdr", "--base-url", "http://127.0.0.1:9", *extra]) == 2
    assert message in capsys.readouterr().err


def test_sdr_needs_an_organisation_when_given_a_token():
    transport = httpx.MockTransport(lambda request: _json(404, {}))
    with pytest.raises(UsageError, match="EID"):
        probe("sdr", "http://sdr.invalid", token="t", transport=transport)
