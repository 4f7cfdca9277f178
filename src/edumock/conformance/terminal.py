"""What a person reads on the terminal: a progress bar while exchanges are judged, and a
summary at the end. On a terminal both use rich; anywhere else (CI logs, pipes, tests) the
output is plain text with no ANSI codes, so it can be read and searched as it is."""

from __future__ import annotations

import io
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.text import Text

from edumock.conformance.exchange import Exchange
from edumock.conformance.findings import RULES, Finding
from edumock.conformance.report import Report

NEVER_SHOWN = 20
"""How many never-exercised operations the summary lists before it only gives the count."""

PLAIN_STEPS = 10
"""Without a terminal, a progress line is written about this many times over a known total."""

PLAIN_EVERY = 100
"""Without a terminal and without a total, a progress line every this many exchanges."""

CURRENT_WIDTH = 60
"""How much of the exchange being judged the progress bar shows."""


def _is_terminal(stream: TextIO) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


@contextmanager
def progress(total: int | None, description: str, stream: TextIO | None = None
             ) -> Iterator[Callable[[Exchange], None]]:
    """A callback to call once per judged exchange, drawing a progress bar (``total`` None: a
    count with no end, as for a probe or a proxy). Writes to ``stream`` (default stderr, so
    the summary on stdout stays clean when piped)."""
    out = sys.stderr if stream is None else stream
    if _is_terminal(out):
        with _rich_progress(total, description, out) as advance:
            yield advance
    else:
        with _plain_progress(total, description, out) as advance:
            yield advance


@contextmanager
def _rich_progress(total: int | None, description: str, out: TextIO
                   ) -> Iterator[Callable[[Exchange], None]]:
    columns: list[ProgressColumn | str] = [SpinnerColumn(), TextColumn("{task.description}")]
    if total is None:
        columns.append(TextColumn("{task.completed} exchanges"))
    else:
        columns += [BarColumn(), MofNCompleteColumn()]
    columns += [TimeElapsedColumn(), TextColumn("[dim]{task.fields[current]}", markup=True)]
    with Progress(*columns, console=Console(file=out)) as bar:
        task = bar.add_task(escape(_clean(description)), total=total, current="")

        def advance(exchange: Exchange) -> None:
            current = _clean(exchange.describe())
            if len(current) > CURRENT_WIDTH:
                current = current[:CURRENT_WIDTH - 1] + "…"
            bar.update(task, advance=1, current=escape(current))

        yield advance


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _clean(text: str) -> str:
    """Show control characters (an escape sequence in a server's message, say) as escapes
    rather than letting them act on the terminal."""
    return _CONTROL.sub(lambda found: repr(found.group())[1:-1], text)


@contextmanager
def _plain_progress(total: int | None, description: str, out: TextIO
                    ) -> Iterator[Callable[[Exchange], None]]:
    every = max(1, total // PLAIN_STEPS) if total else PLAIN_EVERY
    done = 0

    def line() -> str:
        return f"{description}: {done}/{total}" if total is not None else (
            f"{description}: {done} exchanges")

    def advance(exchange: Exchange) -> None:
        nonlocal done
        done += 1
        if done % every == 0 and done != total:
            out.write(line() + "\n")
            out.flush()

    yield advance
    out.write(line() + " done\n")
    out.flush()


def summary(report: Report, *, color: bool | None = None) -> str:
    """The human summary: verdict, coverage (and what was never touched), each finding's
    headline grouped by rule, counts by rule. ``color`` None: colour only when stdout is a
    terminal."""
    if color is None:
        color = Console(file=sys.stdout).is_terminal
    console = Console(file=io.StringIO(), force_terminal=color, no_color=not color,
                      color_system="standard" if color else None, highlight=False,
                      emoji=False, markup=False, width=100)
    with console.capture() as capture:
        for line in _summary_lines(report):
            console.print(line, soft_wrap=True)
    return capture.get().rstrip("\n")


def _summary_lines(report: Report) -> list[Text]:
    lines = [Text.assemble(("edumock conformance", "bold"),
                           f" · {report.platform} · {_clean(report.source)} · "
                           f"{len(report.exchanges)} exchanges judged")]
    if report.conforms:
        lines.append(Text("Verdict: conforms (no findings)", style="bold green"))
    else:
        count = len(report.findings)
        lines.append(Text(f"Verdict: does not conform ({count} finding"
                          f"{'' if count == 1 else 's'})", style="bold red"))
    lines += _coverage_lines(report)
    lines += _finding_lines(report)
    return lines


def _coverage_lines(report: Report) -> list[Text]:
    coverage = report.coverage()
    lines = [Text(""), Text.assemble(
        ("Coverage: ", "bold"),
        f"{coverage['exercised']} of {coverage['declared']} operations exercised "
        f"({coverage['ratio']:.0%}), {coverage['statusesReached']} of "
        f"{coverage['statusesDocumented']} documented statuses answered")]
    never: list[str] = coverage["never"]
    if never:
        lines.append(Text(f"  never exercised ({len(never)}):", style="yellow"))
        lines += [Text(f"    {key}") for key in never[:NEVER_SHOWN]]
        if len(never) > NEVER_SHOWN:
            lines.append(Text(f"    ... and {len(never) - NEVER_SHOWN} more "
                              "(every one is listed in the JSON and HTML reports)"))
    return lines


def _finding_lines(report: Report) -> list[Text]:
    if report.conforms:
        return []
    by_rule: dict[str, list[Finding]] = {}
    for finding in report.findings:
        by_rule.setdefault(finding.rule, []).append(finding)
    lines = [Text(""), Text("Findings by rule:", style="bold")]
    for rule, findings in by_rule.items():
        meaning = RULES.get(rule, "")
        lines.append(Text.assemble((f"  {rule}", "bold red"), f" ({len(findings)})",
                                   (f" — {meaning}" if meaning else "", "dim")))
        for finding in findings:
            lines.append(Text(f"    {_clean(finding.headline())}"))
            if finding.exchange_label:
                lines.append(Text(f"      exchange: {_clean(finding.exchange_label)}", style="dim"))
            if finding.schema_location:
                lines.append(Text(f"      spec: {_clean(finding.schema_location)}", style="dim"))
    counts = ", ".join(f"{rule} {count}" for rule, count in report.counts_by_rule().items()
                       if count)
    lines += [Text(""), Text.assemble(("Counts by rule: ", "bold"), counts)]
    return lines
