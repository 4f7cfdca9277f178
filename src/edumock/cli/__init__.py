"""The ``edumock`` command: one module per subcommand.

Only the chosen subcommand's module is imported (the checker's modules cost a tenth of a
second that ``edumock serve`` would otherwise pay at every start); ``edumock --help`` and a
mistyped command load them all, so every command is listed.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import sys
from collections.abc import Sequence

from edumock.version import version

COMMANDS = ("serve", "specs", "check", "proxy", "probe", "drift", "coverage")


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The top-level parser with every subcommand (or just ``only``) registered."""
    parser = argparse.ArgumentParser(
        prog="edumock", description="Contract-first sandbox of education platform APIs."
    )
    parser.add_argument("--version", action="version", version=f"edumock {version()}",
                        help="print the installed version and exit")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS:
        if only is None or name == only:
            importlib.import_module(f"edumock.cli.{name}").register(commands)
    return parser


def _chosen(argv: Sequence[str]) -> str | None:
    """The subcommand ``argv`` names, when its first argument is one (none for ``--version``)."""
    first = argv[0] if argv else None
    if first == "--version":
        return ""  # no subcommand's module is needed to print the version
    return first if first in COMMANDS else None


def main(argv: Sequence[str] | None = None) -> int:
    """Parse ``argv`` and run the chosen subcommand; returns the exit code."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    chosen = _chosen(arguments)
    collecting = gc.isenabled()
    if chosen == "serve":
        from edumock.cli.deferred_imports import defer

        gc.disable()  # start-up allocates only what lives as long as the server; see serve.run
        defer()
    try:
        args = build_parser(chosen).parse_args(arguments)
        code: int = args.run(args)
    finally:
        if collecting:
            gc.enable()
    return code
