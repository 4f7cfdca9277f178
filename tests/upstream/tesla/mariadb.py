"""MariaDB for the real server: a data directory migrated once, then copied for every run.

The real server assumes MySQL (on PostgreSQL 15 learner detail fails with ``function
min(boolean) does not exist``), so it gets Debian's MariaDB: ``mariadb-install-db`` makes a
data directory, ``mariadbd`` serves it on a loopback port with its own socket. Migrating an
empty database takes 10-15 s on two cores, longer than everything else in a start, so the
first run keeps the migrated, cleanly shut down data directory as a template in the home
(named after the tesla-ce and MariaDB versions); later runs copy it (well under a second) and
start straight on it. A run never writes to the template.
"""

from __future__ import annotations

import getpass
import hashlib
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tests.upstream.tesla import install
from tests.upstream.tesla.services import Processes, ServiceError, wait_for_port, which


@dataclass(frozen=True)
class Database:
    """Where the server's database answers and the account it uses."""

    port: int
    name: str = "tesla"
    user: str = "tesla"
    password: str = "tesla-db-password"


def template_folder(base: Path) -> Path:
    version = subprocess.run([str(which("mariadbd")), "--version"], capture_output=True,
                             text=True, check=False).stdout.strip()
    tag = hashlib.sha256(version.encode()).hexdigest()[:10]
    return base / f"mariadb-template-tesla-ce-{install.VERSION}-{tag}"


def serve(processes: Processes, data: Path, folder: Path,
          database: Database) -> subprocess.Popen[bytes]:
    """``mariadbd`` on ``data``, listening on 127.0.0.1 only, socket in ``folder``.

    ``--user`` is the current account, so it runs as root or as a plain user alike; the
    InnoDB sizes are small (the database holds a few hundred rows)."""
    process = processes.start("mariadbd", [
        str(which("mariadbd")), "--no-defaults", f"--datadir={data}",
        f"--user={getpass.getuser()}", f"--socket={socket_path(folder)}",
        f"--port={database.port}", "--bind-address=127.0.0.1",
        f"--pid-file={folder / 'mariadbd.pid'}", "--skip-name-resolve",
        "--innodb-buffer-pool-size=64M", "--innodb-log-file-size=16M",
        "--innodb-flush-log-at-trx-commit=2", "--skip-log-bin",
        "--character-set-server=utf8mb4", "--collation-server=utf8mb4_general_ci",
    ])
    wait_for_port(database.port, 60, process, processes.logs / "mariadbd.log")
    return process


def socket_path(folder: Path) -> Path:
    return folder / "mariadb.sock"


def initialise(processes: Processes, data: Path, folder: Path,
               database: Database) -> subprocess.Popen[bytes]:
    """A fresh data directory with the server's database and account, served.

    Root authenticates with an empty password on the socket only
    (``--auth-root-authentication-method=normal``); the server's account may connect over TCP
    from anywhere, which with ``--bind-address=127.0.0.1`` means loopback."""
    processes.run("mariadb-install-db", [
        str(which("mariadb-install-db")), "--no-defaults", f"--datadir={data}",
        f"--user={getpass.getuser()}", "--auth-root-authentication-method=normal",
        "--skip-test-db",
    ], timeout=120)
    process = serve(processes, data, folder, database)
    sql = (f"CREATE DATABASE {database.name} CHARACTER SET utf8mb4;"
           f"CREATE USER '{database.user}'@'%' IDENTIFIED BY '{database.password}';"
           f"GRANT ALL PRIVILEGES ON {database.name}.* TO '{database.user}'@'%';"
           "FLUSH PRIVILEGES;")
    try:
        processes.run("mariadb-client", [
            str(which("mariadb")), "--no-defaults", f"--socket={socket_path(folder)}", "-uroot",
        ], stdin=sql.encode(), timeout=60)
    except BaseException:
        processes.stop(process)
        raise
    return process


def start(processes: Processes, base: Path, run: Path, database: Database,
          migrate: Callable[[], None]) -> subprocess.Popen[bytes]:
    """MariaDB serving a copy of the migrated template, building the template first when
    missing (``migrate`` runs the server's migrations against ``database`` meanwhile)."""
    template = template_folder(base)
    if not template.is_dir():
        _build_template(processes, base, template, database, migrate)
    data = run / "mariadb"
    shutil.copytree(template, data, symlinks=True)
    return serve(processes, data, run, database)


def _build_template(processes: Processes, base: Path, template: Path, database: Database,
                    migrate: Callable[[], None]) -> None:
    building = Path(tempfile.mkdtemp(prefix="building-", dir=base))
    try:
        data = building / "data"
        data.mkdir()
        process = initialise(processes, data, building, database)
        try:
            migrate()
        finally:
            processes.stop(process)
        if process.returncode not in (0, None):
            raise ServiceError(f"mariadbd did not shut down cleanly ({process.returncode})")
        try:
            os.rename(data, template)
        except OSError:
            if not template.is_dir():
                raise
            # Another run built it meanwhile: theirs is as good as ours.
    finally:
        shutil.rmtree(building, ignore_errors=True)
