"""The report files: each format carries the verdict and every finding, and the writer
refuses what it cannot do before it writes anything."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from edumock.conformance.findings import Finding
from edumock.conformance.report import Report
from edumock.conformance.reports import write_reports
from edumock.conformance.usage import UsageError
from tests.conformance import (
    HOSTILE_ID,
    HOSTILE_PATH,
    conforming_report,
    failing_report,
    tesla,
)

LEARNER_CREATE = "POST /api/v2/institution/{parent_lookup_institution_id}/learner/"
INSTITUTION_READ = "GET /api/v2/institution/{institution_id}/"
VLE_LIST = "GET /api/v2/institution/{parent_lookup_institution_id}/vle/"


def written(report: Report, tmp_path: Path, name: str) -> str:
    path = tmp_path / name
    write_reports(report, [path])
    return path.read_text(encoding="utf-8")


# -- JSON ----------------------------------------------------------------------------------

def test_json_report_is_the_report_data_with_every_finding(tmp_path: Path) -> None:
    report = failing_report()
    text = written(report, tmp_path, "report.json")
    data = json.loads(text)
    assert data == json.loads(json.dumps(report.to_json()))
    assert list(data) == list(report.to_json())
    assert data["conforms"] is False
    assert [f["rule"] for f in data["findings"]] == [f.rule for f in report.findings]
    body = next(f for f in data["findings"] if f["rule"] == "response-body")
    assert body["json_path"] == "$.id" and HOSTILE_ID in body["message"]
    assert body["schema_location"].endswith("/properties/id/type")
    assert text.startswith('{\n  "platform": "tesla"') and text.endswith("}\n")
    assert "→" in text, "UTF-8 text is written as it is, not as \\u escapes"


def test_json_report_of_a_conforming_run_says_so(tmp_path: Path) -> None:
    data = json.loads(written(conforming_report(), tmp_path, "ok.json"))
    assert data["conforms"] is True and data["findings"] == []
    assert data["coverage"]["exercised"] == 3


# -- JUnit XML -----------------------------------------------------------------------------

def junit_suite(report: Report, tmp_path: Path) -> ET.Element:
    root = ET.fromstring(written(report, tmp_path, "junit.xml").encode())
    assert root.tag == "testsuites"
    (suite,) = root.findall("testsuite")
    assert root.get("failures") == suite.get("failures")
    return suite


def case_named(suite: ET.Element, name: str) -> ET.Element:
    (case,) = [case for case in suite.iter("testcase") if case.get("name") == name]
    return case


def test_junit_has_one_case_per_operation_and_a_failure_per_finding(tmp_path: Path) -> None:
    report = failing_report()
    suite = junit_suite(report, tmp_path)
    cases = suite.findall("testcase")
    declared = len(tesla().operations)
    assert suite.get("name") == "edumock tesla"
    assert len(cases) == declared + 1 == int(suite.get("tests", "0"))
    assert suite.get("failures") == "4" and suite.get("errors") == "0"
    assert int(suite.get("skipped", "0")) == declared - 4
    failing = [case for case in cases if case.find("failure") is not None]
    assert len(failing) == 4
    failures = list(suite.iter("failure"))
    assert sorted(f.get("type", "") for f in failures) == sorted(f.rule for f in report.findings)

    read = case_named(suite, INSTITUTION_READ)
    assert read.get("classname") == "tesla.tesla"
    (failure,) = read.findall("failure")
    assert failure.get("type") == "response-body"
    assert HOSTILE_ID in failure.get("message", "") and "$.id" in failure.get("message", "")
    text = failure.text or ""
    assert "#4 GET /api/v2/institution/1/ → 200 (entry 4)" in text
    assert "JSON path: $.id" in text and "/properties/id/type" in text


def test_junit_puts_undeclared_requests_in_their_own_case(tmp_path: Path) -> None:
    suite = junit_suite(failing_report(), tmp_path)
    undeclared = case_named(suite, "undeclared requests")
    rules = [failure.get("type") for failure in undeclared.findall("failure")]
    assert rules == ["method-declared", "path-declared"]
    assert HOSTILE_PATH in (undeclared.findall("failure")[1].text or "")


def test_junit_marks_untouched_operations_skipped_and_passing_ones_clean(
        tmp_path: Path) -> None:
    report = failing_report()
    suite = junit_suite(report, tmp_path)
    skips = {case.get("name"): skip.get("message") for case in suite.findall("testcase")
             if (skip := case.find("skipped")) is not None}
    assert list(skips) == report.coverage()["never"]
    assert set(skips.values()) == {"not exercised"}
    passing = case_named(suite, VLE_LIST)
    assert passing.find("failure") is None and passing.find("skipped") is None
    properties = {p.get("name"): p.get("value") for p in suite.iter("property")}
    assert properties["coverage.exercised"] == "4"
    assert properties["coverage.declared"] == str(len(tesla().operations))
    assert properties["conforms"] == "false"


def test_junit_of_a_conforming_run_has_no_failures(tmp_path: Path) -> None:
    suite = junit_suite(conforming_report(), tmp_path)
    assert suite.get("failures") == "0"
    assert not list(suite.iter("failure"))
    assert all(case.get("name") != "undeclared requests" for case in suite.iter("testcase"))
    assert {p.get("name"): p.get("value") for p in suite.iter("property")}["conforms"] == "true"


def test_junit_stays_well_formed_when_a_message_carries_control_characters(
        tmp_path: Path) -> None:
    report = Report("tesla", "odd.har", tesla(),
                    findings=[Finding("path-declared", "bad \x00 byte \x1b[2J", None, 1,
                                      "#1 GET /x\x07 → 404")])
    suite = junit_suite(report, tmp_path)
    failure = case_named(suite, "undeclared requests").find("failure")
    assert failure is not None
    assert failure.get("message") == "bad \\x00 byte \\x1b[2J"
    assert "/x\\x07" in (failure.text or "")


# -- HTML ----------------------------------------------------------------------------------

class Elements(HTMLParser):
    """Every start tag with its attributes, as a browser's parser would see them."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def having(self, tag: str, **wanted: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.tags if name == tag
                and all(attrs.get(key.replace("_", "-")) == value
                        for key, value in wanted.items())]


def test_html_report_shows_operations_results_and_expandable_findings(
        tmp_path: Path) -> None:
    report = failing_report()
    text = written(report, tmp_path, "report.html")
    page = Elements(text)
    assert page.having("table", id="operations")
    rows = page.having("tr", **{"class": "operation"})
    assert len(rows) == len(tesla().operations)
    assert [r["data-operation"] for r in page.having("tr", data_result="fail")] == [
        "GET /api/v2/institution/{institution_id}/",
        "GET /api/v2/institution/{parent_lookup_institution_id}/learner/",
        LEARNER_CREATE]
    assert [r["data-operation"] for r in page.having("tr", data_result="pass")] == [VLE_LIST]
    assert len(page.having("tr", data_result="not-exercised")) == len(rows) - 4
    findings = page.having("details", **{"class": "finding"})
    assert sorted(d["data-rule"] or "" for d in findings) == sorted(
        f.rule for f in report.findings)
    assert page.having("div", id="verdict", data_conforms="false")
    assert "does not conform: 5 findings" in text
    assert "4 of 112</strong> declared operations exercised" in text
    assert "/requestBody/content/application~1json/schema/required" in text
    assert page.having("section", id="unmatched-findings")


def test_html_report_escapes_text_that_came_from_the_traffic(tmp_path: Path) -> None:
    text = written(failing_report(), tmp_path, "report.html")
    page = Elements(text)
    assert not page.having("img"), "a path from the traffic became an element"
    assert not page.having("b", id="injected"), "a response value became an element"
    assert "&lt;img src=x onerror=alert(1)&gt;" in text
    assert "&lt;b id=injected&gt;one&lt;/b&gt;" in text


def test_html_report_is_self_contained(tmp_path: Path) -> None:
    page = Elements(written(failing_report(), tmp_path, "report.html"))
    assert not page.having("link")
    assert all(attrs.get("src") is None for _, attrs in page.tags)
    assert all((attrs.get("href") or "#").startswith("#") for _, attrs in page.tags)


def test_html_report_of_a_conforming_run(tmp_path: Path) -> None:
    text = written(conforming_report(), tmp_path, "ok.html")
    page = Elements(text)
    assert page.having("div", id="verdict", data_conforms="true")
    assert not page.having("details", **{"class": "finding"})
    assert not page.having("tr", data_result="fail")
    assert len(page.having("tr", data_result="pass")) == 3


# -- writing -------------------------------------------------------------------------------

def test_every_format_at_once_into_directories_that_do_not_exist_yet(tmp_path: Path) -> None:
    paths = [tmp_path / "out" / "deep" / name for name in ("r.json", "junit.xml", "r.HTML")]
    write_reports(failing_report(), paths)
    assert json.loads(paths[0].read_text(encoding="utf-8"))["conforms"] is False
    assert ET.parse(paths[1]).getroot().tag == "testsuites"
    assert paths[2].read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_an_unknown_suffix_is_a_usage_error_and_nothing_is_written(tmp_path: Path) -> None:
    good, bad = tmp_path / "first.json", tmp_path / "report.txt"
    with pytest.raises(UsageError, match=r"\.json, \.xml, \.html") as raised:
        write_reports(failing_report(), [good, bad])
    assert "report.txt" in str(raised.value)
    assert not good.exists() and not bad.exists()


def test_a_path_that_cannot_be_written_is_a_usage_error(tmp_path: Path) -> None:
    blocker = tmp_path / "plain-file"
    blocker.write_text("not a directory", encoding="utf-8")
    with pytest.raises(UsageError, match="cannot write report"):
        write_reports(conforming_report(), [blocker / "report.json"])
    (tmp_path / "taken.xml").mkdir()
    with pytest.raises(UsageError, match=r"taken\.xml"):
        write_reports(conforming_report(), [tmp_path / "taken.xml"])
