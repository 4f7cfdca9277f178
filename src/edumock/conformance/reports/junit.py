"""The JUnit XML report: one test case per declared operation, so any CI that reads JUnit
shows which operations broke the contract, which passed and which were never exercised."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from edumock.conformance.findings import RULES, Finding
from edumock.conformance.report import OperationVerdict, Report

UNDECLARED = "undeclared requests"
"""The test case holding findings that belong to no declared operation."""

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _text(value: str) -> str:
    """``value`` with the characters XML 1.0 cannot carry (NUL, most control characters)
    shown as escapes, so a hostile message cannot make the file unreadable."""
    return _NOT_XML.sub(lambda found: repr(found.group())[1:-1], value)


def _failure(case: ET.Element, finding: Finding) -> None:
    where = f" at {finding.json_path}" if finding.json_path not in ("", "$") else ""
    failure = ET.SubElement(case, "failure", message=_text(f"{finding.message}{where}"),
                            type=finding.rule)
    lines = [f"rule: {finding.rule} ({RULES.get(finding.rule, '')})",
             f"message: {finding.message}",
             f"exchange: {finding.exchange_label or '(the traffic as a whole)'}",
             f"JSON path: {finding.json_path}",
             f"schema location: {finding.schema_location or '(none)'}"]
    failure.text = _text("\n".join(lines))


def _case(suite: ET.Element, report: Report, verdict: OperationVerdict) -> None:
    classname = f"{report.platform}.{verdict.spec_file.rsplit('.', 1)[0]}"
    case = ET.SubElement(suite, "testcase", classname=classname, name=verdict.key, time="0")
    if verdict.findings:
        for finding in verdict.findings:
            _failure(case, finding)
    elif not verdict.exercised:
        ET.SubElement(case, "skipped", message="not exercised")
    else:
        statuses = ", ".join(str(status) for status in verdict.statuses)
        ET.SubElement(case, "system-out").text = (
            f"{verdict.calls} call(s), statuses {statuses}, operationId {verdict.operation_id}")


def _properties(suite: ET.Element, report: Report) -> None:
    coverage = report.coverage()
    properties = ET.SubElement(suite, "properties")
    values = {"platform": report.platform, "source": _text(report.source),
              "exchanges": len(report.exchanges), "conforms": str(report.conforms).lower(),
              "coverage.declared": coverage["declared"],
              "coverage.exercised": coverage["exercised"],
              "coverage.ratio": coverage["ratio"],
              "coverage.never": len(coverage["never"])}
    for name, value in values.items():
        ET.SubElement(properties, "property", name=name, value=str(value))


def render(report: Report) -> str:
    """The report as a JUnit XML document (a ``testsuites`` root with one ``testsuite``)."""
    verdicts = report.operations()
    declared = {verdict.key for verdict in verdicts}
    loose = [finding for finding in report.findings if finding.operation not in declared]
    failing = sum(1 for verdict in verdicts if verdict.findings) + (1 if loose else 0)
    skipped = sum(1 for verdict in verdicts if not verdict.exercised and not verdict.findings)
    tests = len(verdicts) + (1 if loose else 0)
    counts = {"tests": str(tests), "failures": str(failing), "errors": "0",
              "skipped": str(skipped), "time": "0"}
    root = ET.Element("testsuites", {"name": "edumock conformance", **counts})
    suite = ET.SubElement(root, "testsuite", {"name": f"edumock {report.platform}", **counts,
                                              "timestamp": report.created[:19]})
    _properties(suite, report)
    for verdict in verdicts:
        _case(suite, report, verdict)
    if loose:
        case = ET.SubElement(suite, "testcase", classname=report.platform, name=UNDECLARED,
                             time="0")
        for finding in loose:
            _failure(case, finding)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
