"""``edumock serve``: every (or the named) platform on one port under uvicorn."""

from __future__ import annotations

import argparse
import gc
import json
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import uvicorn

from edumock.app import create_app
from edumock.cli import environment
from edumock.cli.workers import serve_workers
from edumock.errors import StoreUnavailable
from edumock.registry import select
from edumock.serving.admin_guard import is_loopback
from edumock.serving.request_log import FORMATS
from edumock.settings import Settings
from edumock.world import SnapshotInvalid
from edumock.world.engine.connection import StoreUrlInvalid
from edumock.world.seeding.loader import FixtureError

STORE_VARIABLE = "EDUMOCK_STORE"
ADMIN_KEY_VARIABLE = "EDUMOCK_ADMIN_KEY"
MIN_LEASE_MS = 100


def register(commands: Any) -> None:
    """Add the ``serve`` subcommand."""
    defaults = Settings()
    parser = commands.add_parser("serve", help="serve the sandbox")
    parser.add_argument("--host", default=defaults.host,
                        help=f"address to listen on (default {defaults.host}; any other needs "
                             "--admin-key)")
    parser.add_argument("--port", type=int, default=defaults.port,
                        help=f"port to listen on (default {defaults.port})")
    parser.add_argument("--seed", type=int, default=defaults.seed,
                        help=f"seed every world is generated from (default {defaults.seed})")
    parser.add_argument(
        "--platform", action="extend", nargs="+", default=[], metavar="NAME",
        help="serve only these platforms (default: all)",
    )
    parser.add_argument("--fixtures", type=Path, default=None, metavar="DIR",
                        help="directory of fixture files (default: the bundled fixtures/)")
    parser.add_argument("--freeze-time", type=datetime.fromisoformat, default=None,
                        metavar="ISO8601", help="freeze the sandbox clock at this instant")
    parser.add_argument("--admin-key", default=None, metavar="KEY",
                        help="require this key (header X-Edumock-Admin-Key) on every admin "
                             "call; needed to serve on an address other than loopback")
    parser.add_argument("--journal-size", type=int, default=None, metavar="N",
                        help=f"requests each world's journal keeps (default "
                             f"{defaults.journal_size})")
    parser.add_argument("--max-worlds", type=int, default=None, metavar="N",
                        help=f"worlds kept at once, least recently used dropped first (default "
                             f"{defaults.max_worlds})")
    parser.add_argument("--max-body-bytes", type=int, default=None, metavar="N",
                        help=f"largest request body accepted, larger ones get a 413 (default "
                             f"{defaults.max_body_bytes})")
    parser.add_argument("--handler-threads", action="store_true", default=None,
                        help="run handlers on worker threads (slower per request, but a long "
                             "upload no longer holds other requests)")
    parser.add_argument("--state", type=Path, default=None, metavar="FILE",
                        help="start the default world from a snapshot (GET /__admin/snapshot)")
    parser.add_argument("--store", default=None, metavar="URL",
                        help="keep world state in this Valkey/Redis server (redis://HOST:PORT/DB, "
                             "rediss://..., unix://PATH, or a Cluster through one of its "
                             "nodes: redis+cluster://HOST:PORT), so "
                             "several workers and hosts serve one sandbox (default: this "
                             "process's memory)")
    parser.add_argument("--lease-ms", type=int, default=None, metavar="MS",
                        help=f"with --store: how long a world's lock outlives a worker killed "
                             f"mid-request (default {defaults.lease_ms}; a live worker renews "
                             "it every third)")
    parser.add_argument("--workers", type=int, default=1, metavar="N",
                        help="worker processes on the one port (more than 1 needs --store)")
    parser.add_argument("--log-format", choices=FORMATS, default="text",
                        help="one line per request on stdout: text (coloured on a terminal) "
                             "or json, one object a line (default text)")
    parser.add_argument("--quiet", action="store_true",
                        help="no request log (start-up lines are still printed)")
    environment.apply(parser)
    parser.set_defaults(run=run)


def settings_from(args: argparse.Namespace) -> Settings:
    """Settings for the parsed command line."""
    return Settings().with_changes(
        host=args.host, port=args.port, seed=args.seed, platforms=tuple(args.platform),
        fixtures_dir=args.fixtures, start_time=args.freeze_time,
        journal_size=args.journal_size, max_worlds=args.max_worlds, admin_key=args.admin_key,
        max_body_bytes=args.max_body_bytes, handler_threads=args.handler_threads,
        store=args.store, lease_ms=args.lease_ms,
        request_log=None if args.quiet else args.log_format,
    )


def read_snapshot(path: Path) -> dict[str, Any]:
    """A snapshot file's contents; SnapshotInvalid when it cannot be read as one."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise SnapshotInvalid(f"cannot read the snapshot {path}: {error}") from None
    if not isinstance(data, dict):
        raise SnapshotInvalid(f"{path} is not a snapshot (a JSON object)")
    return data


def run(args: argparse.Namespace) -> int:
    """Build the app, announce each platform, and serve until interrupted."""
    settings = settings_from(args)
    if args.workers > 1 and settings.store is None:
        print(f"edumock: --workers {args.workers} needs --store redis://HOST:PORT/DB (or "
              f"{STORE_VARIABLE}): worlds in memory live in one process, so each worker would "
              "serve a sandbox of its own", file=sys.stderr)
        return 2
    if settings.lease_ms < MIN_LEASE_MS:
        print(f"edumock: --lease-ms {settings.lease_ms} is too short: a lease is renewed every "
              f"third of it and must outlast an engine round trip; use {MIN_LEASE_MS} or more",
              file=sys.stderr)
        return 2
    if not is_loopback(settings.host) and not settings.admin_key:
        print(f"edumock: serving on {settings.host} would let anyone who reaches it reset the "
              "sandbox, mint its credentials and read its state through /__admin; pass "
              f"--admin-key KEY or set {ADMIN_KEY_VARIABLE} (clients send it as "
              "X-Edumock-Admin-Key), or serve on 127.0.0.1", file=sys.stderr)
        return 2
    try:
        platforms = select(settings.platforms)
        app = create_app(settings, platforms)
        if args.state is not None:
            app.sandbox.restore(read_snapshot(args.state))
    except (KeyError, FixtureError, SnapshotInvalid, StoreUrlInvalid) as error:
        print(f"edumock: {error.args[0]}", file=sys.stderr)
        return 2
    except StoreUnavailable as error:
        print(f"edumock: cannot reach the store {settings.store}: {error.detail}",
              file=sys.stderr)
        return 2
    root = f"http://{settings.host}:{settings.port}"
    for platform in platforms:
        docs = ", ".join(root + path for path in platform.docs_paths)
        print(f"{platform.name:<8} {root}{platform.path_prefixes[0]}  docs {docs}", flush=True)
    print(f"{'admin':<8} {root}/__admin  docs {root}/docs/admin/  seed {settings.seed}",
          flush=True)
    # What start-up built (modules, specs, routes) lives as long as the server: collecting it
    # while it was being built found nothing to free, and frozen out of the collector's reach
    # it is never scanned again by a full collection.
    gc.freeze()
    gc.enable()
    if args.workers > 1:
        serve_workers(settings, args.workers)
    else:
        uvicorn.run(app, host=settings.host, port=settings.port, log_level="warning")
    return 0
