"""The plugin adds nothing to a user's run but its fixture: no warnings from edumock's own
imports (even under ``-W error``), no web stack loaded until a test asks for a server, and
typed faults and verifications that a user's type checker holds them to."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

USER_TESTS = '''
import warnings

import httpx
import pytest

from edumock.testing import Expectation, Fault, FaultRecord, VerifyResult

RETURNS = "/submissions/v1.0/returns"


def test_typed_faults_and_verification(edumock_server):
    added: FaultRecord = edumock_server.fault(
        Fault(platform="sdr", method="GET", path=RETURNS, status=503), times=1)
    assert added["status"] == 503 and added["times"] == 1 and added["fired"] == 0
    assert httpx.get(edumock_server.url + RETURNS).status_code == 503
    assert [f["fired"] for f in edumock_server.faults()] == [1]
    result: VerifyResult = edumock_server.verify(Expectation(method="GET", path=RETURNS),
                                                 count=1)
    assert result["verified"] and result["actual"] == 1 and len(result["matched"]) == 1
    with pytest.raises(AssertionError, match="expected"):
        edumock_server.verify(method="GET", path=RETURNS, atLeast=2)


def test_keyword_calls_still_work(edumock_server):
    edumock_server.fault(platform="sdr", status=429, headers={"Retry-After": "3"}, times=1)
    assert httpx.get(edumock_server.url + RETURNS).headers["Retry-After"] == "3"
    assert edumock_server.verify(method="GET", path=RETURNS, count=1)["actual"] == 1


def test_the_users_own_deprecations_still_reach_them(edumock_server):
    import jsonschema

    with pytest.warns(DeprecationWarning, match="RefResolver is deprecated"):
        jsonschema.RefResolver
'''


@pytest.fixture
def user_project(pytester: pytest.Pytester) -> pytest.Pytester:
    pytester.makepyfile(test_user=USER_TESTS)
    return pytester


def test_a_users_run_under_W_error_sees_no_warning_of_ours(user_project: pytest.Pytester,
                                                          monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("PYTHONWARNINGS", "error")  # the interpreter's own filter, from start-up
    result = user_project.runpytest_subprocess("-W", "error", "-p", "no:cacheprovider",
                                               "--edumock-platform", "sdr")
    result.assert_outcomes(passed=3)
    output = result.stdout.str() + result.stderr.str()
    assert "Warning" not in output  # no DeprecationWarning, no "warnings summary" line
    assert "warnings summary" not in output
    assert "connexion" not in output


def test_a_users_run_has_no_warnings_summary(user_project: pytest.Pytester):
    result = user_project.runpytest_subprocess("-p", "no:cacheprovider",
                                               "--edumock-platform", "sdr")
    result.assert_outcomes(passed=3, warnings=0)
    assert "warnings summary" not in result.stdout.str()


def test_loading_the_plugin_loads_no_web_stack():
    code = ("import sys, edumock.testing.plugin; "
            "print(sorted({'connexion', 'uvicorn', 'httpx', 'edumock.app'} & set(sys.modules)))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, timeout=60)
    assert loaded.stdout.strip() == "[]"


SAMPLE = '''
from edumock.testing import Edumock, Expectation, Fault, VerifyResult


def fine(server: Edumock) -> int:
    server.fault(Fault(platform="sdr", status=429, headers={"Retry-After": "30"}), times=1)
    server.fault(platform="tesla", latency={"minMs": 5, "maxMs": 10})
    result: VerifyResult = server.verify(Expectation(method="POST", path="/x"), count=2)
    server.verify(operationId="sdr.x", atLeast=1)
    return result["actual"] + server.faults()[0]["fired"]


def wrong(server: Edumock) -> None:
    server.fault(status="429")
    server.verify(atleast=1)
    server.fault(Fault(platfrom="sdr"))
    server.verify()["actaul"]
'''


def test_a_users_type_checker_holds_them_to_the_admin_contract(tmp_path: Path):
    (tmp_path / "sample.py").write_text(SAMPLE, encoding="utf-8")
    checked = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-error-summary",
         "--cache-dir", str(tmp_path / "cache"), "sample.py"],
        cwd=tmp_path, capture_output=True, text=True, timeout=300)
    errors = [line.split(": error: ")[0] for line in checked.stdout.splitlines()
              if ": error: " in line]
    assert errors == [f"sample.py:{n}" for n in (14, 15, 16, 17)], checked.stdout
    assert 'incompatible type "str"; expected "int"' in checked.stdout
    assert 'did you mean "atLeast"?' in checked.stdout
    assert 'Extra key "platfrom" for TypedDict "Fault"' in checked.stdout
    assert 'has no key "actaul"' in checked.stdout
