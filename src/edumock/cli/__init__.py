"""The ``edumock`` command: one module per subcommand."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from edumock.cli import check, coverage, probe, proxy, serve, specs


def build_parser() -> argparse.ArgumentParser:
    """The top-level parser with every subcommand registered."""
    parser = argparse.ArgumentParser(
        prog="edumock", description="Contract-first sandbox of education platform APIs."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    serve.register(commands)
    specs.register(commands)
    check.register(commands)
    proxy.register(commands)
    probe.register(commands)
    coverage.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Parse ``argv`` and run the chosen subcommand; returns the exit code."""
    args = build_parser().parse_args(argv)
    code: int = args.run(args)
    return code
