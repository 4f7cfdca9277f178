"""``edumock drift``: play the platform's probe against a real server and against the sandbox,
and report every way the sandbox answers differently."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from edumock.cli.conformance import (
    add_common_options,
    contract_for,
    finish,
    guarded,
    platform_named,
    require_report_formats,
)
from edumock.cli.probe import credentials_from, parse_params
from edumock.conformance.drift import KnownDrift, Side, run_drift
from edumock.conformance.probe import parse_header
from edumock.conformance.terminal import progress
from edumock.conformance.usage import UsageError

SIDES = ("real", "sandbox")


def register(commands: Any) -> None:
    """Add the ``drift`` subcommand."""
    parser = commands.add_parser(
        "drift", help="compare a real server's answers with the sandbox's, step by step",
        description="Play the platform's probe against --real and against the sandbox "
                    "(--sandbox, or one started in this process), and compare every pair of "
                    "answers: status, media type, the headers clients act on, body shape, and "
                    "error bodies exactly. Exit 0 when nothing differs but what the platform "
                    "declares, 1 on drift, 2 for a usage or connection error.")
    add_common_options(parser)
    parser.add_argument("--real", required=True, metavar="URL", help="the real server")
    parser.add_argument("--sandbox", metavar="URL",
                        help="a running edumock (default: one started in this process)")
    for side in SIDES:
        parser.add_argument(f"--{side}-token", help=f"the credential for the {side} side")
        parser.add_argument(f"--{side}-username", help=f"log in to the {side} side")
        parser.add_argument(f"--{side}-password", help=f"the password for --{side}-username")
        parser.add_argument(f"--{side}-client-id", help=f"client credentials, {side} side")
        parser.add_argument(f"--{side}-client-secret", help=f"the secret, {side} side")
        parser.add_argument(f"--{side}-header", action="append", default=[],
                            metavar="NAME:VALUE", help=f"a header every {side} step carries")
    parser.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                        help="a platform setting, as for edumock probe")
    parser.add_argument("--timeout", type=float, default=10.0, metavar="SECONDS",
                        help="how long to wait for background work on the real server")
    parser.set_defaults(run=guarded(run))


def _side(args: argparse.Namespace, side: str, url: str) -> Side:
    given = argparse.Namespace(**{name: getattr(args, f"{side}_{name}") for name in (
        "token", "username", "password", "client_id", "client_secret")})
    try:
        credentials = credentials_from(given)
    except UsageError as error:
        raise UsageError(f"{side} side: {error}".replace("--", f"--{side}-")) from None
    headers = dict(parse_header(text) for text in getattr(args, f"{side}_header"))
    return Side(url, given.token, credentials, headers)


@contextmanager
def _sandbox(url: str | None) -> Iterator[str]:
    """The sandbox to compare with: the one given, or one started here for the run."""
    if url is not None:
        yield url
        return
    from edumock.settings import Settings
    from edumock.testing import ThreadedServer

    with ThreadedServer(Settings()) as live:
        yield live.url


def run(args: argparse.Namespace) -> int:
    """Compare, report, and exit 0, 1 or 2."""
    platform = platform_named(args.platform)
    if platform.probe is None:
        raise UsageError(f"the {platform.name} platform has no workflow probe")
    if args.timeout <= 0:
        raise UsageError("--timeout must be a positive number of seconds")
    require_report_formats(args.report)
    module = importlib.import_module(platform.probe)
    known: tuple[KnownDrift, ...] = tuple(
        importlib.import_module(platform.drift).KNOWN) if platform.drift else ()
    params = parse_params(args.param)
    real = _side(args, "real", args.real)
    with _sandbox(args.sandbox) as sandbox_url, \
            progress(None, f"comparing {platform.name}: {args.real} and {sandbox_url}") as tick:
        sandbox = _side(args, "sandbox", sandbox_url)
        report = run_drift(contract_for(platform.name), module, real, sandbox, known,
                           params=params, timeout=args.timeout, progress=tick)
    for finding, reason in report.known:
        print(f"known: {finding.exchange_label} {finding.json_path}: {reason}",
              file=sys.stdout)
    return finish(report, args)
