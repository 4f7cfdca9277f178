"""The real server's own virtual environment, installed once and kept between runs.

``pip install tesla-ce==1.0.10`` brings the wheel's pinned requirements (its ``METADATA``
``Requires-Dist`` lines: Django 4.2.4, DRF 3.14.0, hvac 1.1.1, ...) and ``mysqlclient``, which
compiles against Debian's ``default-libmysqlclient-dev`` found through ``pkg-config``. A
marker file written after a successful install makes later runs skip it; deleting the venv
(or the marker) reinstalls.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

VERSION = "1.0.10"
REQUIREMENT = f"tesla-ce=={VERSION}"
HOME_VARIABLE = "EDUMOCK_REAL_TESLA_HOME"


def home() -> Path:
    """Where the venv and the runs live: ``$EDUMOCK_REAL_TESLA_HOME`` or
    ``~/.cache/edumock/real-tesla`` (outside the source tree, shared by checkouts)."""
    configured = os.environ.get(HOME_VARIABLE)
    base = Path(configured) if configured else Path.home() / ".cache" / "edumock" / "real-tesla"
    base.mkdir(parents=True, exist_ok=True)
    return base


def venv_python(base: Path) -> Path:
    return base / "venv" / "bin" / "python"


def marker(base: Path) -> Path:
    return base / "venv" / f".tesla-ce-{VERSION}-installed"


def ensure_installed(base: Path, log: Path,
                     say: Callable[[str], None] | None = None) -> tuple[Path, float]:
    """The venv's python, installing tesla-ce first when the marker is missing; also the
    seconds the install took (0 when cached)."""
    python = venv_python(base)
    if marker(base).exists() and python.exists():
        return python, 0.0
    if say is not None:
        say(f"installing {REQUIREMENT} into {base / 'venv'} (a few minutes, once)")
    started = time.monotonic()
    with log.open("ab") as out:
        steps = [
            [sys.executable, "-m", "venv", "--clear", str(base / "venv")],
            [str(python), "-m", "pip", "install", "--quiet", "--upgrade", "pip"],
            [str(python), "-m", "pip", "install", "--quiet", REQUIREMENT],
        ]
        for step in steps:
            result = subprocess.run(step, stdout=out, stderr=subprocess.STDOUT, check=False,
                                    stdin=subprocess.DEVNULL, timeout=1800)
            if result.returncode != 0:
                tail = log.read_text(errors="replace")[-3000:]
                raise RuntimeError(f"{' '.join(step[:4])} failed; {log}:\n{tail}")
    marker(base).write_text(f"{REQUIREMENT}\n", encoding="utf-8")
    return python, time.monotonic() - started
