"""``edumock coverage``: a running server's consumer coverage, as reports a CI job can read."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import httpx

from edumock.cli.coverage_reports import RENDERERS, summary


def register(commands: Any) -> None:
    """Add the ``coverage`` subcommand."""
    parser = commands.add_parser(
        "coverage", help="what a client exercised of each spec on a running edumock")
    parser.add_argument("--url", default="http://127.0.0.1:8080",
                        help="the running edumock (default http://127.0.0.1:8080)")
    parser.add_argument("--world", default=None, help="the world to read (default: default)")
    parser.add_argument("--platform", default=None, help="only this platform")
    parser.add_argument("--report", action="append", default=[], type=Path, metavar="FILE",
                        help="write a report: .json, .xml (JUnit) or .html (repeatable)")
    parser.add_argument("--fail-under", type=float, default=None, metavar="PERCENT",
                        help="exit 1 when fewer documented statuses were exercised")
    parser.set_defaults(run=run)


def _fetch(args: argparse.Namespace) -> dict[str, Any]:
    headers = {"X-Edumock-World": args.world} if args.world else {}
    params = {"platform": args.platform} if args.platform else {}
    try:
        response = httpx.get(f"{args.url.rstrip('/')}/__admin/coverage", headers=headers,
                             params=params, timeout=30)
    except httpx.HTTPError as error:
        raise SystemExit(f"edumock coverage: cannot reach {args.url}: {error}") from None
    if response.status_code != 200:
        raise SystemExit(f"edumock coverage: {args.url} answered {response.status_code}: "
                         f"{response.text[:200]}")
    data: dict[str, Any] = response.json()
    return data


def run(args: argparse.Namespace) -> int:
    """Fetch, summarise, write the reports, and judge against ``--fail-under``."""
    unknown = [str(p) for p in args.report if p.suffix.lower() not in RENDERERS]
    if unknown:
        print(f"edumock coverage: unknown report format {unknown}; use .json, .xml or .html",
              file=sys.stderr)
        return 2
    try:
        data = _fetch(args)
    except SystemExit as error:
        print(error, file=sys.stderr)
        return 2
    print(summary(data))
    for path in args.report:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(RENDERERS[path.suffix.lower()](data), encoding="utf-8")
        print(f"report written: {path}")
    if args.fail_under is None:
        return 0
    totals = [p["summary"] for p in data["platforms"].values()]
    seen, whole = sum(t["statusesExercised"] for t in totals), sum(t["statuses"] for t in totals)
    reached = 100 * seen / whole if whole else 100.0
    if reached < args.fail_under:
        print(f"coverage {reached:.1f}% is under {args.fail_under}%", file=sys.stderr)
        return 1
    return 0
