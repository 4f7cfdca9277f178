"""Start the real TeSLA CE server on loopback, seeded, and stop everything afterwards.

``with real_tesla() as server:`` installs tesla-ce (once, cached), starts MariaDB, Redis and
the Vault stand-in in a fresh run folder under the home (``install.home()``), migrates the
empty database, seeds it (``seed.py``), runs ``manage runserver 127.0.0.1:PORT --noreload``
and yields where it answers and who can log in. Leaving the block stops the processes (each
in its own process group) and removes the run folder, unless the start failed or
``EDUMOCK_REAL_TESLA_KEEP=1``: then the logs stay for reading.

Facts this depends on (tesla-ce 1.0.10):

- ``DJANGO_CONFIGURATION=Production`` with ``VAULT_ROLE_ID``/``VAULT_SECRET_ID`` (one pair per
  module, comma separated) makes ``settings.py`` load everything from Vault; the other
  configurations (``Dev``, ``Test``) need a Vault root token or change what is served.
- ``manage`` runs from a folder other than the package source (``python -m
  tesla_ce.manage``); the server's ``ConfigManager.load_env`` reads every environment variable
  named like one of its configuration keys (``DB_HOST``, ``REDIS_PORT``...), so the children
  get a minimal environment rather than ours.
- ``migrate`` needs ``--skip-checks``: the system checks import a serializer that queries a
  table before the migration creates it.
- ``TESLA_PASSWORD_BACKEND=DJANGO`` checks passwords against Django's hashes (the default
  backend, ``VAULT``, would accept only ``password == email``).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.upstream.tesla import install, mariadb, seed, services, vault

KEEP_VARIABLE = "EDUMOCK_REAL_TESLA_KEEP"
START_TIMEOUT = 90
"""Seconds ``runserver`` gets to answer; it needs about 5 once migrated."""


@dataclass(frozen=True)
class RealTesla:
    """A running real server: where it answers and who can log in."""

    base_url: str
    institution_id: int
    institution_acronym: str
    mail_domain: str | None
    admin_id: int
    global_admin_id: int
    instrument_ids: tuple[int, ...]
    counts: dict[str, int]
    """How many records of each of edumock's collections were seeded (both institutions)."""
    credentials: seed.Seed
    run_folder: Path
    install_seconds: float
    start_seconds: float
    phases: tuple[tuple[str, float], ...]
    """Seconds of each start step, in order (databases, migrate, seed, runserver)."""

    @property
    def api(self) -> str:
        return f"{self.base_url}/api/v2"

    def describe(self) -> str:
        who = self.credentials
        return "\n".join([
            f"TeSLA CE {install.VERSION} (the real server) answers at {self.base_url}",
            f"  institution {self.institution_id} ({self.institution_acronym}, "
            f"mail domain {self.mail_domain}), seeded as edumock's: "
            f"{self.counts.get('users', 0)} users, {self.counts.get('courses', 0)} courses, "
            f"{self.counts.get('reports', 0)} reports in {len(self.counts)} collections",
            f"  institution admin: {who.admin_email} / {who.admin_password}",
            f"  global admin:      {who.global_admin_email} / {who.global_admin_password}",
            f"  log in: POST {self.api}/auth/login {{\"email\", \"password\"}}, then send "
            f"'Authorization: JWT <token.access_token>'",
            f"  logs: {self.run_folder / 'logs'}",
        ])


def _child_environment(extra: Mapping[str, str]) -> dict[str, str]:
    kept = {name: os.environ[name] for name in ("PATH", "HOME", "TMPDIR", "USER")
            if name in os.environ}
    return {**kept, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "PYTHONUNBUFFERED": "1", **extra}


def _wait_for_http(url: str, timeout: float, alive: Callable[[], bool], log: Path) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not alive():
            raise services.ServiceError(f"the server exited; see {log}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return
        except (urllib.error.URLError, OSError):
            time.sleep(0.2)
    raise services.ServiceError(f"{url} did not answer within {timeout}s; see {log}")


@contextmanager
def real_tesla(say: Callable[[str], None] | None = None,
               credentials: seed.Seed | None = None) -> Iterator[RealTesla]:
    """The running, seeded real server; everything is stopped when the block ends."""
    missing = services.missing_requirements()
    if missing:
        raise services.ServiceError(
            f"missing {', '.join(missing)}; apt-get install {services.DEBIAN_PACKAGES}")
    credentials = credentials or seed.Seed()
    base = install.home()
    python, install_seconds = install.ensure_installed(base, base / "install.log", say)
    started = time.monotonic()
    run = Path(tempfile.mkdtemp(prefix="run-", dir=base))
    logs = run / "logs"
    logs.mkdir()
    processes = services.Processes(logs)
    stand_in: vault.VaultServer | None = None
    keep = os.environ.get(KEEP_VARIABLE) == "1"
    ready = False
    try:
        database = mariadb.Database(port=services.free_port())
        redis_port = services.start_redis(processes, run)
        port = services.free_port()
        stand_in = vault.VaultServer({
            "DJANGO_SECRET_KEY": f"edumock-real-tesla-{hashlib.sha256(bytes(run)).hexdigest()}",
            "DJANGO_ALLOWED_HOSTS": ["127.0.0.1", "localhost"],
            "TESLA_DOMAIN": f"127.0.0.1:{port}", "DB_ENGINE": "mysql", "DB_HOST": "127.0.0.1",
            "DB_PORT": database.port, "DB_NAME": database.name, "DB_USER": database.user,
            "DB_PASSWORD": database.password, "REDIS_HOST": "127.0.0.1",
            "REDIS_PORT": redis_port, "REDIS_DATABASE": 1, "REDIS_PASSWORD": None,
        }, signing_key=hashlib.sha256(b"edumock-vault-stand-in" + bytes(run)).digest()).start()
        env = _child_environment({
            "VAULT_URL": stand_in.url,
            "VAULT_ROLE_ID": ",".join(vault.role_id(m) for m in vault.MODULES),
            "VAULT_SECRET_ID": ",".join(vault.secret_id(m) for m in vault.MODULES),
            "VAULT_SSL_VERIFY": "false",
            "DJANGO_SETTINGS_MODULE": "tesla_ce.settings", "DJANGO_CONFIGURATION": "Production",
            "TESLA_PASSWORD_BACKEND": "DJANGO",
        })
        manage = [str(python), "-m", "tesla_ce.manage"]
        mariadb.start(processes, base, run, database, migrate=lambda: processes.run(
            "migrate", [*manage, "migrate", "--skip-checks", "--noinput"], env=env, cwd=run,
            timeout=600))
        processes.timings["services"] = time.monotonic() - started
        output = run / "seeded.json"
        processes.run("seed", [*manage, "shell", "-c", seed.script()], cwd=run, timeout=300,
                      env={**env, "SEED_INPUT": str(credentials.write_input(run / "seed.json")),
                           "SEED_OUTPUT": str(output)})
        seeded = json.loads(output.read_text(encoding="utf-8"))
        server = processes.start("runserver", [
            *manage, "runserver", f"127.0.0.1:{port}", "--noreload"], env=env, cwd=run)
        base_url = f"http://127.0.0.1:{port}"
        serving = time.monotonic()
        _wait_for_http(f"{base_url}/api/v2/", START_TIMEOUT, lambda: server.poll() is None,
                       logs / "runserver.log")
        processes.timings["runserver"] = time.monotonic() - serving
        ready = True
        yield RealTesla(base_url=base_url, institution_id=seeded["institution_id"],
                        institution_acronym=seeded["acronym"],
                        mail_domain=seeded["mail_domain"], counts=seeded["counts"],
                        admin_id=seeded["admin_id"], global_admin_id=seeded["global_admin_id"],
                        instrument_ids=tuple(seeded["instrument_ids"]),
                        credentials=credentials, run_folder=run,
                        install_seconds=install_seconds,
                        start_seconds=time.monotonic() - started,
                        phases=tuple((name, round(seconds, 1))
                                     for name, seconds in processes.timings.items()))
    except BaseException:
        keep = keep or not ready
        raise
    finally:
        processes.stop_all()
        if stand_in is not None:
            stand_in.stop()
        if not keep:
            shutil.rmtree(run, ignore_errors=True)
