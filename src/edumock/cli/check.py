"""``edumock check``: judge recorded traffic (a HAR file) against a platform's contract."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from edumock.cli.conformance import (
    add_common_options,
    contract_for,
    finish,
    guarded,
    platform_named,
    require_report_formats,
)
from edumock.conformance.har import load_har
from edumock.conformance.report import judge
from edumock.conformance.terminal import progress
from edumock.conformance.usage import UsageError


def register(commands: Any) -> None:
    """Add the ``check`` subcommand."""
    parser = commands.add_parser(
        "check", help="judge a HAR file's exchanges against a platform's contract",
        description="Judge every exchange of a HAR file (as browsers and HTTP tools export) "
                    "against the platform's spec. Exit 0: everything conforms; 1: something "
                    "does not; 2: the run could not start.")
    parser.add_argument("har", type=Path, metavar="HAR", help="the HAR 1.2 file to judge")
    add_common_options(parser)
    parser.add_argument("--only-platform-paths", action="store_true",
                        help="judge only entries under the platform's path prefixes (default: "
                             "every entry; others are reported as undeclared paths)")
    parser.set_defaults(run=guarded(run))


def run(args: argparse.Namespace) -> int:
    """Load the HAR, judge it with a progress bar, report."""
    require_report_formats(args.report)
    platform = platform_named(args.platform)
    contract = contract_for(platform.name)
    traffic = load_har(args.har)
    exchanges = traffic.exchanges
    if traffic.unanswered:
        numbers = ", ".join(map(str, traffic.unanswered))
        print(f"skipped {len(traffic.unanswered)} HAR entries with no response: {numbers}")
    if args.only_platform_paths:
        exchanges = [e for e in exchanges if platform.owns(e.path)]
        if skipped := len(traffic.exchanges) - len(exchanges):
            print(f"skipped {skipped} entries outside {platform.name}'s paths "
                  f"({', '.join(platform.path_prefixes)})")
    if not exchanges:
        raise UsageError(f"{args.har} holds no answered {platform.name} exchange to judge")
    with progress(len(exchanges), f"checking {args.har.name}") as advance:
        report = judge(contract, exchanges, str(args.har), progress=advance)
    return finish(report, args)
