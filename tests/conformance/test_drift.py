"""``edumock drift``: the same probe played against two servers, every pair of answers compared.
No drift between two edumocks; drift found, by step and path, against an altered one; declared
differences reported as known without failing."""

from __future__ import annotations

import importlib
import itertools
import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from edumock.cli import main
from edumock.cli.conformance import contract_for, platform_named
from edumock.conformance.drift import KnownDrift, Side, compare, run_drift
from edumock.conformance.drift_compare import differences
from edumock.conformance.exchange import Exchange
from edumock.conformance.probe import run_probe
from edumock.conformance.report import Report
from edumock.registry import PLATFORMS
from edumock.settings import Settings
from edumock.testing import ThreadedServer, build_app
from tests.conftest import FROZEN_AT

RENAMED = {"tesla": (b"first_name", b"given_name"), "sdr": (b"returnId", b"returnID"),
           "sunbird": (b"batchId", b"batchID")}
"""Per platform, a key the altered server renames (old, new)."""
ALTERED_PATHS = {"tesla": "/learner/", "sdr": "/submissions/", "sunbird": "/api/course/"}


class Altered:
    """An edumock whose answers are rewritten on the way out, as a drifting server would send
    them: a renamed key in each platform's bodies, and another DRF 404 message."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.sandbox = app.sandbox

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        path = scope.get("path", "")
        platform = next((name for name, part in ALTERED_PATHS.items() if part in path), None)
        if scope["type"] != "http" or platform is None:
            await self.app(scope, receive, send)
            return
        old, new = RENAMED[platform]

        async def rewrite(message: Any) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [
                    (k, v) for k, v in message["headers"] if k.lower() != b"content-length"]}
            elif message["type"] == "http.response.body":
                body = message.get("body", b"").replace(b'"%s"' % old, b'"%s"' % new)
                body = body.replace(b"Not found.", b"No such learner.")
                message = {**message, "body": body}
            await send(message)

        await self.app(scope, receive, rewrite)


@pytest.fixture(scope="module")
def servers() -> Iterator[tuple[str, str, str]]:
    """Two plain edumocks and an altered one, each with the same frozen clock and seed."""
    settings = Settings(start_time=FROZEN_AT)
    with ThreadedServer(settings) as first, ThreadedServer(settings) as second, \
            ThreadedServer(settings, app=Altered(build_app(settings))) as altered:  # type: ignore[arg-type]
        yield first.url, second.url, altered.url


_RUNS = itertools.count(1)


@pytest.fixture(autouse=True)
def _fresh_worlds(servers) -> None:
    """Every comparison starts from the same state on every server."""
    for url in servers:
        assert httpx.post(f"{url}/__admin/reset", json={}).status_code == 200


def _drift(platform: str, real: str, sandbox: str,
           known: tuple[KnownDrift, ...] = ()) -> Any:
    module = importlib.import_module(str(platform_named(platform).probe))
    return run_drift(contract_for(platform), module, Side(real), Side(sandbox), known,
                     run_id=f"drift{next(_RUNS)}")


@pytest.mark.parametrize("platform", [p.name for p in PLATFORMS if p.probe])
def test_two_edumocks_do_not_drift(servers, platform: str) -> None:
    report = _drift(platform, servers[0], servers[1])
    assert report.conforms, [f.headline() for f in report.findings]
    assert report.real is not None and len(report.real.exchanges) >= 10
    assert len(report.exchanges) == len(report.real.exchanges)


@pytest.mark.parametrize("platform", sorted(RENAMED))
def test_an_altered_server_drifts_at_the_step_and_path(servers, platform: str) -> None:
    old, new = (key.decode() for key in RENAMED[platform])
    report = _drift(platform, servers[0], servers[2])
    paths = {f.json_path for f in report.findings}
    assert any(path.endswith(f".{old}") for path in paths), paths
    assert any(path.endswith(f".{new}") for path in paths), paths
    assert all(f.rule == "drift" and f.exchange_label for f in report.findings)
    message = next(f.message for f in report.findings if f.json_path.endswith(f".{new}"))
    assert message.startswith("key differs: real 'absent', sandbox 'present'")
    assert "the spec allows" in message


def test_declared_differences_are_known_and_do_not_fail(servers) -> None:
    known = (KnownDrift("*", "*first_name", "renamed on purpose"),
             KnownDrift("*", "*given_name", "renamed on purpose"),
             KnownDrift("*", "$", "our own 404 text"),
             KnownDrift("*", "$step", "the renamed key stops the scenario"))
    report = _drift("tesla", servers[0], servers[2], known)
    assert report.conforms, [f.headline() for f in report.findings]
    reasons = {"renamed on purpose", "our own 404 text", "the renamed key stops the scenario"}
    assert report.known and {reason for _, reason in report.known} <= reasons
    assert report.to_json()["known"][0]["reason"] in reasons


def test_the_command_exits_1_on_drift_and_0_without(servers, tmp_path, capsys) -> None:
    out = tmp_path / "drift.json"
    assert main(["drift", "--platform", "tesla", "--real", servers[0],
                 "--sandbox", servers[2], "--report", str(out)]) == 1
    data = json.loads(out.read_text())
    assert not data["conforms"] and data["rules"]["drift"] == len(data["findings"]) > 0
    assert main(["drift", "--platform", "sdr", "--real", servers[0],
                 "--sandbox", servers[1]]) == 0
    assert "conforms" in capsys.readouterr().out.lower()


def test_without_a_sandbox_url_one_is_started_in_process(servers) -> None:
    assert main(["drift", "--platform", "sunbird", "--real", servers[0]]) == 0


@pytest.mark.parametrize(("extra", "message"), [
    (["--real-username", "u"], "--real-username and --real-password go together"),
    (["--sandbox-client-id", "c"], "--sandbox-client-id and --sandbox-client-secret"),
    (["--timeout", "0"], "--timeout must be a positive"),
])
def test_bad_options_exit_2(capsys, extra: list[str], message: str) -> None:
    assert main(["drift", "--platform", "sdr", "--real", "http://127.0.0.1:9",
                 "--sandbox", "http://127.0.0.1:9", *extra]) == 2
    assert message in capsys.readouterr().err


def _exchange(index: int, status: int, body: Any, label: str = "s/step",
              headers: tuple[tuple[str, str], ...] = (), base: str = "http://a") -> Exchange:
    content = body if isinstance(body, bytes) else json.dumps(body).encode()
    return Exchange(index, "GET", f"{base}/api/v2/institution/1/learner/", status,
                    response_headers=(("content-type", "application/json"), *headers),
                    response_body=content, label=label)


def test_what_is_normalised_and_what_must_agree() -> None:
    real = _exchange(1, 404, {"detail": "Learner 12 at 2026-01-01T10:00:00Z not found"},
                     headers=(("Allow", "GET, POST, HEAD, OPTIONS"), ("Retry-After", "30")))
    same = _exchange(1, 404, {"detail": "Learner 97 at 2027-05-05T11:11:11Z not found"},
                     headers=(("allow", "OPTIONS, POST, GET, HEAD"), ("retry-after", "2")),
                     base="http://b")
    assert differences(real, same) == []
    fewer = _exchange(1, 404, same.response_json(), headers=(("allow", "GET, POST"),
                                                             ("retry-after", "2")))
    assert [d.json_path for d in differences(real, fewer)] == ["$headers.allow"]
    other = _exchange(1, 404, {"detail": "Not found."})
    assert [d.what for d in differences(real, other)] == ["header", "header", "error body"]
    page = _exchange(1, 200, {"count": 1, "results": [{"id": 4, "uid": "x"}]})
    assert differences(page, _exchange(1, 200, {"count": 9, "results": [
        {"id": 5, "uid": "y"}]})) == []
    changed = differences(page, _exchange(1, 200, {"count": "1", "results": []}))
    assert [(d.json_path, d.what) for d in changed] == [("$.count", "type")]
    assert [d.json_path for d in differences(page, _exchange(1, 201, {}))] == ["$status"]


def test_a_step_one_run_never_reached_is_drift() -> None:
    contract = contract_for("tesla")
    real = Report("tesla", "real", contract, exchanges=[_exchange(1, 200, {}, "s/a"),
                                                        _exchange(2, 200, {}, "s/b")])
    sandbox = Report("tesla", "sandbox", contract, exchanges=[_exchange(1, 200, {}, "s/a")])
    report = compare(real, sandbox)
    assert [(f.exchange_label, f.json_path) for f in report.findings] == [("s/b", "$step")]
    assert "only against the real server" in report.findings[0].message


def test_lists_of_the_runs_own_records_must_be_as_long() -> None:
    def page(base: str, count: int) -> Exchange:
        return Exchange(1, "GET", f"{base}/api/v2/institution/1/learner/?search=run42", 200,
                        response_headers=(("content-type", "application/json"),),
                        response_body=json.dumps({"count": count, "results": [
                            {"uid": f"run42{n}"} for n in range(count)]}).encode())

    assert differences(page("http://a", 2), page("http://b", 3)) == []
    found = differences(page("http://a", 2), page("http://b", 3), run_id="run42")
    assert [(d.json_path, d.what) for d in found] == [("$.count", "count"),
                                                      ("$.results", "length")]


@pytest.mark.parametrize(("platform", "extra"), [
    ("sunbird", "server failures/"), ("tesla", "consent of a learner/accept"),
    ("sdr", "expired token/")])
def test_a_drift_run_plays_no_step_only_edumock_allows(servers, platform: str,
                                                       extra: str) -> None:
    module = importlib.import_module(str(platform_named(platform).probe))
    alone = run_probe(contract_for(platform), module, servers[0], None, {})
    assert any(e.label.startswith(extra) for e in alone.exchanges)
    report = _drift(platform, servers[0], servers[1])
    assert report.sandbox is not None and report.real is not None
    for run in (report.real, report.sandbox):
        assert not any(e.label.startswith(extra) for e in run.exchanges)
