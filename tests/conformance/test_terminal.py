"""What a person reads on the terminal: plain and complete in a log, coloured on a terminal."""

from __future__ import annotations

import io
import sys

import pytest

from edumock.conformance.findings import Finding
from edumock.conformance.report import Report, judge
from edumock.conformance.terminal import NEVER_SHOWN, progress, summary
from tests.conformance import (
    conforming_report,
    defective_exchanges,
    exchange,
    failing_report,
    tesla,
)

ESC = "\x1b"


class Terminal(io.StringIO):
    """A stream that says it is a terminal, as a console's stderr does."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def plain_stdout(monkeypatch: pytest.MonkeyPatch) -> None:
    """Standard output is a pipe and nothing in the environment forces colour."""
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(sys, "stdout", io.StringIO())


@pytest.fixture
def colour_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """A terminal that can show colour."""
    monkeypatch.setenv("TERM", "xterm-256color")
    for name in ("NO_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE"):
        monkeypatch.delenv(name, raising=False)


@pytest.mark.usefixtures("plain_stdout")
def test_summary_of_a_failing_run_names_every_finding_and_the_coverage() -> None:
    report = failing_report()
    text = summary(report)
    assert ESC not in text
    assert "Verdict: does not conform (5 findings)" in text
    for finding in report.findings:
        assert finding.rule in text and finding.message in text
        assert finding.exchange_label in text
    assert "4 of 112 operations exercised" in text
    never = report.coverage()["never"]
    assert f"never exercised ({len(never)}):" in text
    assert all(key in text for key in never[:NEVER_SHOWN])
    assert never[NEVER_SHOWN] not in text
    assert f"... and {len(never) - NEVER_SHOWN} more" in text
    assert ("Counts by rule: path-declared 1, method-declared 1, request-body 1, "
            "response-status 1, response-body 1") in text
    assert text.index("request-body (1)") < text.index("'uid' is a required property")


@pytest.mark.usefixtures("plain_stdout")
def test_summary_groups_findings_under_their_rule() -> None:
    extra = exchange(7, "POST", "/api/v2/institution/1/learner/", 400, body={"uid": "u"})
    report = judge(tesla(), [*defective_exchanges(), extra], "two.har")
    groups: dict[str, list[str]] = {}
    for line in summary(report).splitlines():
        if line.startswith("  ") and not line.startswith("   "):
            current = groups.setdefault(line.split()[0], [line])
        elif line.startswith("    ["):
            current.append(line)
    assert groups["request-body"][0].startswith("  request-body (2) — ")
    assert len(groups["request-body"]) == 3
    assert all("[request-body]" in line for line in groups["request-body"][1:])
    assert all("[path-declared]" in line for line in groups["path-declared"][1:])


@pytest.mark.usefixtures("plain_stdout")
def test_summary_of_a_conforming_run() -> None:
    text = summary(conforming_report())
    assert "Verdict: conforms (no findings)" in text
    assert "3 of 112 operations exercised" in text
    assert "Findings by rule" not in text


@pytest.mark.usefixtures("colour_terminal")
def test_summary_is_coloured_only_when_asked_or_on_a_terminal() -> None:
    report = failing_report()
    coloured = summary(report, color=True)
    assert ESC in coloured and "does not conform" in coloured
    assert ESC not in summary(report, color=False)


@pytest.mark.usefixtures("plain_stdout")
def test_summary_disarms_control_characters_from_the_traffic() -> None:
    report = Report("tesla", "odd.har", tesla(),
                    findings=[Finding("path-declared", "clear \x1b[2J screen", None, 1,
                                      "#1 GET /x → 404")])
    text = summary(report)
    assert ESC not in text and "clear \\x1b[2J screen" in text
    coloured = summary(report, color=True)
    assert "\x1b[2J" not in coloured and "clear \\x1b[2J screen" in coloured


def test_progress_without_a_terminal_writes_plain_lines() -> None:
    stream = io.StringIO()
    exchanges = defective_exchanges() * 4
    with progress(len(exchanges), "judging traffic.har", stream) as advance:
        judge(tesla(), exchanges, "traffic.har", progress=advance)
    lines = stream.getvalue().splitlines()
    assert ESC not in stream.getvalue()
    assert lines[0] == "judging traffic.har: 2/24"
    assert lines[-1] == "judging traffic.har: 24/24 done"
    assert len(lines) == 12


def test_progress_without_a_total_counts_exchanges() -> None:
    stream = io.StringIO()
    sample = defective_exchanges()[0]
    with progress(None, "probing", stream) as advance:
        for _ in range(250):
            advance(sample)
    assert stream.getvalue().splitlines() == [
        "probing: 100 exchanges", "probing: 200 exchanges", "probing: 250 exchanges done"]


@pytest.mark.usefixtures("colour_terminal")
@pytest.mark.parametrize(("total", "shown"), [(6, "6/6"), (None, "6 exchanges")])
def test_progress_on_a_terminal_draws_a_rich_bar(total: int | None, shown: str) -> None:
    stream = Terminal()
    with progress(total, "judging", stream) as advance:
        judge(tesla(), defective_exchanges(), "traffic.har", progress=advance)
    output = stream.getvalue()
    assert ESC in output
    assert "judging" in output and shown in output
