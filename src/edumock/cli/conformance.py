"""What ``check``, ``proxy`` and ``probe`` share: the platform's contract, report options,
and how a run ends (summary, report files, exit code)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from edumock.conformance.report import Report
from edumock.conformance.reports import FORMATS, write_reports
from edumock.conformance.terminal import summary
from edumock.conformance.usage import USAGE_EXIT, UsageError
from edumock.contract.operations import Contract
from edumock.platform import Platform
from edumock.registry import PLATFORMS
from edumock.settings import specs_dir


def platform_named(name: str) -> Platform:
    """The registered platform called ``name``; a usage error otherwise."""
    for platform in PLATFORMS:
        if platform.name == name:
            return platform
    known = ", ".join(p.name for p in PLATFORMS)
    raise UsageError(f"unknown platform {name!r}; known platforms: {known}")


def contract_for(name: str) -> Contract:
    """The contract of the named platform, from the specs the sandbox serves."""
    platform = platform_named(name)
    return Contract(platform.name, [specs_dir() / spec for spec in platform.specs],
                    framework_methods=platform.framework_methods)


def add_common_options(parser: argparse.ArgumentParser) -> None:
    """``--platform`` and ``--report`` (repeatable: ``report.json``, ``junit.xml``,
    ``report.html``)."""
    parser.add_argument("--platform", required=True, help="the platform whose contract applies")
    parser.add_argument("--report", action="append", default=[], type=Path, metavar="FILE",
                        help="write a report; the suffix picks the format: .json, .xml (JUnit) "
                             "or .html (repeat for several)")


def require_report_formats(paths: list[Path]) -> None:
    """Refuse a report file of unknown format before any work is done (not after a long
    HAR, probe or proxy session)."""
    for path in paths:
        if path.suffix.lower() not in FORMATS:
            raise UsageError(f"cannot tell the report format of {str(path)!r}: the suffix "
                             f"must be one of {', '.join(FORMATS)} (.xml is JUnit XML)")


def finish(report: Report, args: argparse.Namespace) -> int:
    """Print the summary, write the report files, and return the exit code."""
    print(summary(report))
    write_reports(report, list(args.report))
    for path in args.report:
        print(f"report written: {path}")
    return report.exit_code


def guarded(run: Any) -> Any:
    """Wrap a command so a usage error prints its message and exits with 2."""

    def wrapper(args: argparse.Namespace) -> int:
        try:
            code: int = run(args)
            return code
        except UsageError as error:
            print(f"edumock {args.command}: {error}", file=sys.stderr)
            return USAGE_EXIT

    return wrapper
