"""``edumock specs check``: validate every spec file with openapi-spec-validator."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from edumock.contract.loader import check_specs
from edumock.settings import specs_dir


def register(commands: Any) -> None:
    """Add the ``specs`` subcommand group."""
    parser = commands.add_parser("specs", help="work with the OpenAPI specs")
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    check = actions.add_parser("check", help="validate every file in specs/")
    check.add_argument("--dir", type=Path, default=None, help="directory to check")
    check.set_defaults(run=run_check)


def run_check(args: argparse.Namespace) -> int:
    """Print each problem with its file and JSON path; exit 1 if there are any."""
    directory = args.dir or specs_dir()
    problems = check_specs(directory)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s) in {directory}", file=sys.stderr)
        return 1
    count = len([*directory.glob("*.yaml"), *directory.glob("*.json")])
    print(f"{count} spec file(s) in {directory}: valid")
    return 0
