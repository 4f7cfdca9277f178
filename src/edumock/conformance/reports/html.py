"""The HTML report: one self-contained page (inline CSS and script, nothing fetched) with the
verdict, coverage, a table of operations and every finding expandable. Every value from the
traffic or the spec is escaped: a finding's message can carry text a server chose."""

from __future__ import annotations

from collections import Counter
from html import escape

from edumock.conformance.findings import RULES, Finding
from edumock.conformance.report import OperationVerdict, Report

_ORDER = {"fail": 0, "pass": 1, "not-exercised": 2}

OPEN_UP_TO = 10
"""Findings start expanded when a report has at most this many; beyond, they start folded."""

_STYLE = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1f2328;
background:#f6f8fa}
header{padding:18px 28px;color:#fff;background:#57606a}
header.fail{background:#b42318}header.pass{background:#1a7f37}
header h1{margin:0 0 6px;font-size:22px}header dl{display:flex;flex-wrap:wrap;gap:4px 24px;
margin:0}header dt{opacity:.8}header dd{margin:0 0 0 4px;font-weight:600}
.meta{display:flex}main{padding:0 28px 40px}h2{margin:26px 0 10px;font-size:18px}
#verdict{font-size:18px;font-weight:700;margin-top:6px}
.meter{height:12px;background:#d0d7de;border-radius:6px;overflow:hidden;max-width:520px}
.meter span{display:block;height:100%;background:#1a7f37}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{border:1px solid #d0d7de;padding:5px 8px;text-align:left;vertical-align:top}
th{background:#eaeef2}td.num{text-align:right}code{font-size:12.5px;word-break:break-all}
tr.operation[data-result=fail]{background:#ffebe9}
tr.operation[data-result=pass]{background:#dafbe1}
tr.operation[data-result=not-exercised]{color:#57606a}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;font-weight:600;
font-size:12px;color:#fff;background:#8c959f;white-space:nowrap}
.badge.fail{background:#cf222e}.badge.pass{background:#1a7f37}
tr.findings-row td{background:#fff8f7;padding:4px 8px 8px 28px}
details.finding{border-left:3px solid #cf222e;margin:6px 0;padding:2px 8px;background:#fff}
details.finding summary{cursor:pointer}details.finding dl{display:grid;
grid-template-columns:max-content 1fr;gap:2px 12px;margin:6px 0}
details.finding dt{font-weight:600}details.finding dd{margin:0}
.rule{font-weight:700;color:#cf222e}.controls{margin:8px 0;display:flex;gap:8px;
align-items:center;flex-wrap:wrap}button{font:inherit;padding:3px 10px;cursor:pointer}
button[aria-pressed=true]{background:#0969da;color:#fff;border-color:#0969da}
tr.zero{color:#8c959f}.hidden{display:none}
"""

_SCRIPT = """
(function () {
  var rows = Array.prototype.slice.call(document.querySelectorAll('#operations tr.operation'));
  var shown = document.getElementById('shown');
  var buttons = document.querySelectorAll('button[data-filter]');
  function apply(filter) {
    var count = 0;
    rows.forEach(function (row) {
      var visible = filter === 'all' || row.dataset.result === filter;
      row.classList.toggle('hidden', !visible);
      var next = row.nextElementSibling;
      if (next && next.classList.contains('findings-row')) {
        next.classList.toggle('hidden', !visible);
      }
      if (visible) { count += 1; }
    });
    buttons.forEach(function (button) {
      button.setAttribute('aria-pressed', String(button.dataset.filter === filter));
    });
    shown.textContent = count + ' of ' + rows.length + ' operations shown';
  }
  buttons.forEach(function (button) {
    button.addEventListener('click', function () { apply(button.dataset.filter); });
  });
  document.querySelectorAll('button[data-expand]').forEach(function (button) {
    button.addEventListener('click', function () {
      var open = button.dataset.expand === 'open';
      document.querySelectorAll('details.finding').forEach(function (d) { d.open = open; });
    });
  });
  apply('all');
}());
"""


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _result(verdict: OperationVerdict) -> str:
    if verdict.findings:
        return "fail"
    return "pass" if verdict.exercised else "not-exercised"


def _finding(finding: Finding, opened: bool) -> str:
    rows = [("rule", f"{finding.rule} — {RULES.get(finding.rule, '')}"),
            ("message", finding.message), ("operation", finding.operation or "(none)"),
            ("exchange", finding.exchange_label or "(the traffic as a whole)"),
            ("JSON path", finding.json_path), ("schema location", finding.schema_location
                                              or "(none)")]
    body = "".join(f"<dt>{_e(name)}</dt><dd><code>{_e(value)}</code></dd>"
                   for name, value in rows)
    return (f'<details class="finding" data-rule="{_e(finding.rule)}"{" open" if opened else ""}>'
            f'<summary><span class="rule">{_e(finding.rule)}</span> {_e(finding.message)}'
            f"</summary><dl>{body}</dl></details>")


def _operation_rows(verdict: OperationVerdict, opened: bool) -> str:
    result = _result(verdict)
    statuses = ", ".join(str(status) for status in verdict.statuses) or "—"
    row = (f'<tr class="operation" data-operation="{_e(verdict.key)}" data-result="{result}">'
           f"<td><code>{_e(verdict.key)}</code></td><td>{_e(verdict.operation_id)}</td>"
           f'<td class="num">{verdict.calls}</td><td>{_e(statuses)}</td>'
           f'<td><span class="badge {result}">{result.replace("-", " ")}</span></td>'
           f'<td class="num">{len(verdict.findings)}</td></tr>')
    if not verdict.findings:
        return row
    details = "".join(_finding(finding, opened) for finding in verdict.findings)
    return (row + f'<tr class="findings-row" data-operation="{_e(verdict.key)}">'
            f'<td colspan="6">{details}</td></tr>')


def _header(report: Report) -> str:
    count = len(report.findings)
    verdict = ("conforms" if report.conforms else
               f"does not conform: {count} finding{'' if count == 1 else 's'}")
    state = "pass" if report.conforms else "fail"
    facts = [("platform", report.platform), ("source", report.source),
             ("created", report.created), ("exchanges", len(report.exchanges))]
    items = "".join(f"<div class=\"meta\"><dt>{_e(k)}</dt><dd>{_e(v)}</dd></div>"
                    for k, v in facts)
    return (f'<header class="{state}"><h1>edumock conformance report</h1><dl>{items}</dl>'
            f'<div id="verdict" data-conforms="{str(report.conforms).lower()}">'
            f"Verdict: {_e(verdict)}</div></header>")


def _coverage(report: Report) -> str:
    coverage = report.coverage()
    percent = round(coverage["ratio"] * 100, 1)
    never = "".join(f"<li><code>{_e(key)}</code></li>" for key in coverage["never"])
    listing = (f"<details><summary>{len(coverage['never'])} operations never exercised"
               f"</summary><ul>{never}</ul></details>" if never else "")
    return (f'<section id="coverage"><h2>Coverage</h2><p><strong>{coverage["exercised"]} of '
            f'{coverage["declared"]}</strong> declared operations exercised ({percent}%)</p>'
            f'<div class="meter"><span style="width:{percent}%"></span></div>{listing}'
            "</section>")


def _operations(report: Report) -> str:
    verdicts = sorted(report.operations(), key=lambda v: _ORDER[_result(v)])
    tally = Counter(_result(verdict) for verdict in verdicts)
    buttons = "".join(
        f'<button type="button" data-filter="{name}">{label} ({count})</button>'
        for name, label, count in (("all", "all", len(verdicts)), ("fail", "fail", tally["fail"]),
                                   ("pass", "pass", tally["pass"]),
                                   ("not-exercised", "not exercised", tally["not-exercised"])))
    opened = len(report.findings) <= OPEN_UP_TO
    rows = "".join(_operation_rows(verdict, opened) for verdict in verdicts)
    return ('<section><h2>Operations</h2><div class="controls">'
            f'{buttons}<button type="button" data-expand="open">expand all findings</button>'
            '<button type="button" data-expand="close">collapse all</button>'
            '<span id="shown"></span></div><table id="operations"><thead><tr>'
            "<th>operation</th><th>operationId</th><th>calls</th><th>statuses seen</th>"
            f"<th>result</th><th>findings</th></tr></thead><tbody>{rows}</tbody></table>"
            "</section>")


def _loose(report: Report) -> str:
    declared = {op.key for op in report.contract.operations}
    loose = [finding for finding in report.findings if finding.operation not in declared]
    opened = len(report.findings) <= OPEN_UP_TO
    body = "".join(_finding(f, opened) for f in loose) if loose else "<p>None.</p>"
    return ('<section id="unmatched-findings"><h2>Findings not tied to a declared operation'
            f"</h2>{body}</section>")


def _rules(report: Report) -> str:
    rows = "".join(
        f'<tr class="{"zero" if not count else "broken"}" data-rule="{_e(rule)}">'
        f"<td><code>{_e(rule)}</code></td><td>{_e(RULES.get(rule, ''))}</td>"
        f'<td class="num">{count}</td></tr>'
        for rule, count in report.counts_by_rule().items())
    return ('<section><h2>Findings by rule</h2><table id="rules"><thead><tr><th>rule</th>'
            f"<th>what it checks</th><th>findings</th></tr></thead><tbody>{rows}</tbody>"
            "</table></section>")


def render(report: Report) -> str:
    """The whole report as one HTML document."""
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>edumock conformance: {_e(report.platform)}</title>"
            f"<style>{_STYLE}</style></head><body>{_header(report)}<main>"
            f"{_coverage(report)}{_loose(report)}{_operations(report)}{_rules(report)}"
            f"</main><script>{_SCRIPT}</script></body></html>\n")
