"""``edumock check``: exit 0 when the traffic conforms, 1 when it does not, 2 when the run
cannot start, each with a message a person can act on."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from edumock.cli import main
from edumock.registry import PLATFORMS

HAR = Path(__file__).resolve().parents[1] / "data" / "har"
EDUMOCK = str(Path(sys.executable).with_name("edumock"))


def test_conforming_traffic_exits_0_and_writes_the_reports(tmp_path: Path, capsys):
    json_report, junit = tmp_path / "report.json", tmp_path / "junit.xml"
    code = main(["check", "--platform", "sunbird", str(HAR / "sunbird-conforming.har"),
                 "--report", str(json_report), "--report", str(junit)])
    out = capsys.readouterr().out
    assert code == 0
    assert f"report written: {json_report}" in out and f"report written: {junit}" in out
    data = json.loads(json_report.read_text(encoding="utf-8"))
    assert data["conforms"] is True and data["exchanges"] == 6 and data["findings"] == []
    assert data["platform"] == "sunbird"
    assert data["coverage"]["exercised"] == 5
    assert "<testsuite" in junit.read_text(encoding="utf-8")


def test_defective_traffic_exits_1_naming_each_finding(tmp_path: Path, capsys):
    json_report = tmp_path / "report.json"
    code = main(["check", "--platform", "tesla", str(HAR / "tesla-bad-response-body.har"),
                 "--report", str(json_report)])
    out = capsys.readouterr().out
    assert code == 1
    assert "42 is not of type 'string' at $.results[1].email" in out
    finding = json.loads(json_report.read_text(encoding="utf-8"))["findings"][0]
    assert finding["rule"] == "response-body" and finding["exchange"] == 1
    assert finding["exchange_label"].endswith("(HAR entry 1)")
    assert finding["schema_location"].endswith("/results/items/properties/email/type")


def test_every_defect_har_fails_and_every_conforming_har_passes(capsys):
    for path in sorted(HAR.glob("*.har")):
        platform = path.name.split("-")[0]
        expected = 0 if path.stem.endswith("-conforming") else 1
        assert main(["check", "--platform", platform, str(path)]) == expected, path.name
    capsys.readouterr()


def test_foreign_entries_are_judged_unless_only_platform_paths(tmp_path: Path, capsys):
    document = json.loads((HAR / "tesla-conforming.har").read_text(encoding="utf-8"))
    first = document["log"]["entries"][0]
    stray = json.loads(json.dumps(first))
    stray["request"]["url"] = "http://localhost:8000/favicon.ico"
    document["log"]["entries"].insert(0, stray)
    mixed = tmp_path / "mixed.har"
    mixed.write_text(json.dumps(document), encoding="utf-8")

    assert main(["check", "--platform", "tesla", str(mixed)]) == 1
    assert "no operation declares the path /favicon.ico" in capsys.readouterr().out

    assert main(["check", "--platform", "tesla", str(mixed), "--only-platform-paths"]) == 0
    assert "skipped 1 entries outside tesla's paths (/api/v2/)" in capsys.readouterr().out


def test_entries_with_no_response_are_reported_as_skipped(tmp_path: Path, capsys):
    document = json.loads((HAR / "tesla-undeclared-status.har").read_text(encoding="utf-8"))
    blocked = json.loads(json.dumps(document["log"]["entries"][0]))
    blocked["response"]["status"] = 0
    document["log"]["entries"].append(blocked)
    path = tmp_path / "blocked.har"
    path.write_text(json.dumps(document), encoding="utf-8")
    assert main(["check", "--platform", "tesla", str(path)]) == 1
    assert "skipped 1 HAR entries with no response: 2" in capsys.readouterr().out


@pytest.mark.parametrize(("content", "message"), [
    (None, "cannot read HAR file"),
    ("{not json", "is not JSON"),
    ('{"entries": []}', "is not a HAR file: it has no log.entries list"),
    ('{"log": {"entries": [{"request": {}}]}}', "HAR entry 1 is malformed: response is"),
    ('{"log": {"entries": []}}', "holds no answered tesla exchange to judge"),
])
def test_unusable_har_files_exit_2_with_a_clear_message(tmp_path: Path, capsys,
                                                        content: str | None, message: str):
    path = tmp_path / "traffic.har"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    assert main(["check", "--platform", "tesla", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.err.startswith("edumock check: ")
    assert message in captured.err and str(path) in captured.err
    assert captured.out == ""


def test_an_unknown_platform_exits_2(capsys):
    assert main(["check", "--platform", "moodle", str(HAR / "tesla-conforming.har")]) == 2
    err = capsys.readouterr().err
    known = ", ".join(platform.name for platform in PLATFORMS)
    assert f"unknown platform 'moodle'; known platforms: {known}" in err


def test_an_unknown_report_format_exits_2_before_anything_is_judged(tmp_path: Path, capsys):
    report = tmp_path / "report.txt"
    assert main(["check", "--platform", "tesla", str(HAR / "tesla-conforming.har"),
                 "--report", str(report)]) == 2
    captured = capsys.readouterr()
    assert "cannot tell the report format of" in captured.err and "report.txt" in captured.err
    assert captured.out == "" and not report.exists()


def test_the_installed_command_checks_a_har(tmp_path: Path):
    har = shutil.copy(HAR / "sdr-bad-parameters.har", tmp_path / "traffic.har")
    result = subprocess.run([EDUMOCK, "check", "--platform", "sdr", str(har)],
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 1, result.stderr
    assert "required header parameter EID is missing" in result.stdout
    assert "pageSize: 500 is greater than the maximum of 100" in result.stdout
