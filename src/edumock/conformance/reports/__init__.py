"""Report files: JSON, JUnit XML and a self-contained HTML page, chosen by file suffix."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from edumock.conformance.report import Report
from edumock.conformance.reports import html, json_report, junit
from edumock.conformance.usage import UsageError

FORMATS: dict[str, Callable[[Report], str]] = {
    ".json": json_report.render,
    ".xml": junit.render,
    ".html": html.render,
}
"""Each accepted suffix and the renderer it picks (.xml is JUnit XML)."""


def write_reports(report: Report, paths: list[Path]) -> None:
    """Write ``report`` to each path in the format its suffix names (``.json``, ``.xml``,
    ``.html``); an unknown suffix is a usage error, raised before anything is written.
    Missing parent directories are created; a path that cannot be written is a usage error."""
    for path in paths:
        if path.suffix.lower() not in FORMATS:
            accepted = ", ".join(FORMATS)
            raise UsageError(f"cannot tell the report format of {str(path)!r}: the suffix "
                             f"must be one of {accepted} (.xml is JUnit XML)")
    rendered = [(path, FORMATS[path.suffix.lower()](report)) for path in paths]
    for path, text in rendered:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        except OSError as error:
            reason = error.strerror or str(error)
            raise UsageError(f"cannot write report {str(path)!r}: {reason}") from error
