"""``edumock serve --workers N``: N uvicorn worker processes on one port, each building the
sandbox from the parent's settings (passed in the environment as JSON), all sharing the
worlds the ``--store`` engine holds. The parent has already checked the engine and taken up
``--state``, so workers only join.

Each worker keeps its metric counters in files of one fresh folder
(``PROMETHEUS_MULTIPROC_DIR``, set before any worker starts and removed when the parent
exits; a parent that was killed leaves it, and the next one to start removes it), so a
scrape that reaches any worker reports the whole host.
"""

from __future__ import annotations

import dataclasses
import gc
import json
import os
import shutil
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any

import uvicorn

from edumock.cli import reuse_port
from edumock.serving.metrics import MULTIPROCESS_VARIABLE
from edumock.settings import Settings

SETTINGS_VARIABLE = "EDUMOCK_WORKER_SETTINGS"
WORKER_APP = "edumock.cli.workers:worker_app"
"""Where each worker finds its app factory (:func:`worker_app`)."""


def _plain(value: Any) -> Any:
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


def settings_json(settings: Settings) -> str:
    """The settings as JSON, for the workers."""
    return json.dumps({f.name: _plain(getattr(settings, f.name))
                       for f in dataclasses.fields(settings)})


def settings_from_json(text: str) -> Settings:
    """Settings from :func:`settings_json`."""
    values = json.loads(text)
    for name in ("specs_dir", "fixtures_dir"):
        values[name] = Path(values[name])
    if values.get("start_time"):
        values["start_time"] = datetime.fromisoformat(values["start_time"])
    values["platforms"] = tuple(values["platforms"])
    return Settings(**values)


COUNTERS_PREFIX = "edumock-metrics-"
OWNER_FILE = "owner.pid"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


def sweep_orphaned_counters() -> list[Path]:
    """Remove the counter folders of parents that died without removing them (killed with
    SIGKILL, say); the folders removed."""
    removed = []
    for folder in Path(tempfile.gettempdir()).glob(COUNTERS_PREFIX + "*"):
        try:
            owner = int((folder / OWNER_FILE).read_text(encoding="ascii"))
        except (OSError, ValueError):
            continue  # not one of ours, or not written yet
        if not _alive(owner):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


def serve_workers(settings: Settings, workers: int) -> None:
    """Start the workers and wait for them (uvicorn supervises and restarts them)."""
    os.environ[SETTINGS_VARIABLE] = settings_json(settings)
    sweep_orphaned_counters()
    counters = tempfile.mkdtemp(prefix=COUNTERS_PREFIX)
    (Path(counters) / OWNER_FILE).write_text(str(os.getpid()), encoding="ascii")
    os.environ[MULTIPROCESS_VARIABLE] = counters
    try:
        options: dict[str, Any] = {"factory": True, "host": settings.host,
                                   "port": settings.port, "workers": workers,
                                   "log_level": "warning"}
        if reuse_port.available():
            reuse_port.run_workers(uvicorn.Config(WORKER_APP, **options))
        else:
            uvicorn.run(WORKER_APP, **options)
    finally:
        shutil.rmtree(counters, ignore_errors=True)


def worker_app() -> Any:
    """One worker's app, built from the parent's settings.

    Built as ``serve.run`` builds a single process's: the collector is off while it is made
    (nothing it makes is garbage) and what it made is then frozen out of the collector's
    reach, so full collections while serving do not scan the specs, routes and worlds
    again and again."""
    from edumock.app import create_app
    from edumock.registry import select

    collecting = gc.isenabled()
    gc.disable()
    try:
        settings = settings_from_json(os.environ[SETTINGS_VARIABLE])
        return create_app(settings, select(settings.platforms))
    finally:
        gc.freeze()
        if collecting:
            gc.enable()
