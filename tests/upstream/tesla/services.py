"""The real server's neighbours: MariaDB and Redis from Debian, each on a free loopback port.

Every process starts in its own session (so its process group can be signalled as a whole)
with its output in a log file of the run folder, and ``Processes.stop_all`` ends them in
reverse order: SIGTERM to the group, SIGKILL after a grace period.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

SBIN = ("/usr/sbin", "/usr/local/sbin", "/sbin")
"""``mariadbd`` lives in /usr/sbin, which a plain user's PATH often lacks."""

DEBIAN_PACKAGES = "mariadb-server redis-server default-libmysqlclient-dev pkg-config"


class ServiceError(RuntimeError):
    """A neighbour did not start; the message names the log to read."""


def which(program: str) -> str | None:
    found = shutil.which(program)
    if found is None:
        found = shutil.which(program, path=os.pathsep.join(SBIN))
    return found


def missing_requirements() -> list[str]:
    """What this machine lacks to run the real server (empty when it has everything).

    ``mysqlclient`` (a hard requirement of tesla-ce) compiles against the MariaDB client
    headers it finds with ``pkg-config``: Debian's ``default-libmysqlclient-dev``."""
    missing = [program for program in ("mariadbd", "mariadb-install-db", "mariadb",
                                       "redis-server", "pkg-config") if which(program) is None]
    if not missing:
        probe = subprocess.run(["pkg-config", "--exists", "mysqlclient"], check=False)
        if probe.returncode != 0:
            missing.append("mysqlclient headers (pkg-config mysqlclient)")
    return missing


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for_port(port: int, timeout: float, process: subprocess.Popen[bytes] | None = None,
                  log: Path | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise ServiceError(f"exited with {process.returncode}; see {log}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise ServiceError(f"nothing answered on 127.0.0.1:{port} within {timeout:.0f}s; see {log}")


@dataclass
class Processes:
    """The processes of one run, started in their own process groups."""

    logs: Path
    started: list[tuple[str, subprocess.Popen[bytes]]] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    """Seconds each finished command took, by name."""

    def start(self, name: str, command: Sequence[str], env: Mapping[str, str] | None = None,
              cwd: Path | None = None) -> subprocess.Popen[bytes]:
        with (self.logs / f"{name}.log").open("ab") as log:
            process = subprocess.Popen(list(command), stdout=log, stderr=subprocess.STDOUT,
                                       stdin=subprocess.DEVNULL, env=None if env is None
                                       else dict(env), cwd=cwd, start_new_session=True)
        self.started.append((name, process))
        return process

    def run(self, name: str, command: Sequence[str], env: Mapping[str, str] | None = None,
            cwd: Path | None = None, timeout: float = 300, stdin: bytes | None = None) -> None:
        """Run a command to its end, its output appended to ``<name>.log``."""
        log_path = self.logs / f"{name}.log"
        began = time.monotonic()
        with log_path.open("ab") as log:
            result = subprocess.run(list(command), stdout=log, stderr=subprocess.STDOUT,
                                    input=stdin, env=None if env is None else dict(env),
                                    cwd=cwd, timeout=timeout, check=False)
        self.timings[name] = time.monotonic() - began
        if result.returncode != 0:
            tail = log_path.read_text(errors="replace")[-3000:]
            raise ServiceError(f"{' '.join(command[:3])} failed ({result.returncode}); "
                               f"{log_path}:\n{tail}")

    def stop(self, process: subprocess.Popen[bytes], grace: float = 30) -> None:
        """End one process (SIGTERM to its group, SIGKILL after ``grace``) and forget it."""
        if process.poll() is None:
            _signal_group(process, signal.SIGTERM)
        try:
            process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            _signal_group(process, signal.SIGKILL)
            process.wait()
        self.started = [(name, known) for name, known in self.started if known is not process]

    def stop_all(self, grace: float = 10) -> None:
        for _name, process in reversed(self.started):
            if process.poll() is None:
                _signal_group(process, signal.SIGTERM)
        for _name, process in reversed(self.started):
            try:
                process.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                _signal_group(process, signal.SIGKILL)
                process.wait()
        self.started.clear()


def _signal_group(process: subprocess.Popen[bytes], sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, sig)


def start_redis(processes: Processes, folder: Path) -> int:
    """``redis-server`` on a free loopback port, persistence off (no RDB, no AOF)."""
    port = free_port()
    process = processes.start("redis-server", [
        str(which("redis-server")), "--port", str(port), "--bind", "127.0.0.1",
        "--save", "", "--appendonly", "no", "--dir", str(folder), "--daemonize", "no",
    ])
    wait_for_port(port, 30, process, processes.logs / "redis-server.log")
    return port
