"""``edumock probe``: play a platform's main workflows against a live server (edumock or a
real implementation) and judge every step by the contract and by the workflow's promises."""

from __future__ import annotations

import argparse
import importlib
from typing import Any

from edumock.cli.conformance import (
    add_common_options,
    contract_for,
    finish,
    guarded,
    platform_named,
    require_report_formats,
)
from edumock.conformance.probe import parse_header, run_probe
from edumock.conformance.terminal import progress
from edumock.conformance.usage import UsageError


def register(commands: Any) -> None:
    """Add the ``probe`` subcommand."""
    parser = commands.add_parser(
        "probe", help="play a platform's workflows against a live server and judge every step",
        description="Play the platform's main workflows against --base-url, checking every "
                    "exchange against the spec and every step's status, body and state effect. "
                    "Exit 0 when everything conforms, 1 when anything does not, 2 for a usage "
                    "error.")
    add_common_options(parser)
    parser.add_argument("--base-url", required=True, metavar="URL",
                        help="the server to probe, e.g. http://127.0.0.1:8080")
    parser.add_argument("--token", default=None,
                        help="the credential every step carries (default: minted by an edumock "
                             "server's admin API)")
    parser.add_argument("--header", action="append", default=[], metavar="NAME:VALUE",
                        help="a header every step carries, e.g. EID:6004 (repeat for several)")
    parser.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                        help="a platform setting: institution=ID (tesla), userId=ID or "
                             "courseId=ID (sunbird)")
    parser.add_argument("--username", help="log in with the platform's own flow (TeSLA: the "
                                           "e-mail of an institution administrator)")
    parser.add_argument("--password", help="the password for --username")
    parser.add_argument("--client-id", help="the platform's client-credentials flow (SDR)")
    parser.add_argument("--client-secret", help="the secret for --client-id")
    parser.add_argument("--read-only", action="store_true",
                        help="send only GET requests: for servers that must not be written to")
    parser.add_argument("--run-id", default=None,
                        help="the prefix of every record this run creates (default: random), "
                             "so its records are recognisable and removed at the end")
    parser.add_argument("--timeout", type=float, default=10.0, metavar="SECONDS",
                        help="how long to wait for background work such as a validation run "
                             "or an upload (default 10; an edumock server's clock is moved "
                             "instead)")
    parser.set_defaults(run=guarded(run))


def _param(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name.strip():
        raise UsageError(f"--param {text!r} is not NAME=VALUE")
    return name.strip(), value.strip()


def parse_params(texts: list[str]) -> dict[str, str]:
    """``--param NAME=VALUE`` options as a mapping (a usage error for any other shape)."""
    return dict(_param(text) for text in texts)


def credentials_from(args: argparse.Namespace) -> dict[str, str]:
    """The login options given, each with its pair, or a usage error."""
    given = {name: value for name in ("username", "password", "client_id", "client_secret")
             if (value := getattr(args, name, None))}
    for first, second in (("username", "password"), ("client_id", "client_secret")):
        if (first in given) != (second in given):
            raise UsageError(f"--{first.replace('_', '-')} and --{second.replace('_', '-')} "
                             "go together")
    if given and args.token:
        raise UsageError("give either --token or a login (--username/--client-id), not both")
    return given


def run(args: argparse.Namespace) -> int:
    """Probe the server and report."""
    platform = platform_named(args.platform)
    if platform.probe is None:
        raise UsageError(f"the {platform.name} platform has no workflow probe")
    module = importlib.import_module(platform.probe)
    contract = contract_for(platform.name)
    headers = dict(parse_header(text) for text in args.header)
    params = parse_params(args.param)
    if args.timeout <= 0:
        raise UsageError("--timeout must be a positive number of seconds")
    require_report_formats(args.report)
    with progress(None, f"probing {platform.name} at {args.base_url}") as tick:
        report = run_probe(contract, module, args.base_url, args.token, headers, tick,
                           timeout=args.timeout, params=params, run_id=args.run_id,
                           read_only=args.read_only, credentials=credentials_from(args))
    return finish(report, args)
