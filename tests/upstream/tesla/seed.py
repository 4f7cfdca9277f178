"""What the real server holds when it starts: edumock's seeded TeSLA world, and two people
who log in.

The records are those of the world an in-process edumock serves (``world.tesla_world()``):
both institutions with their administrators, instructors and learners (consents accepted or
rejected, SEND assignments, enrolments), consent versions with documents, SEND categories,
the VLE with its courses (learners and instructors enrolled), activities with their
instruments, course groups, UI options, and reports with their per-instrument audits and
requests. ``server_seed.py`` creates them inside the server's Django, keeping edumock's ids.
Beside them the launcher adds who logs in: an institution and data administrator of
institution 1 (the user after edumock's last) and a global administrator (a superuser, in
place of edumock's global administrator, id 1).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from tests.upstream.tesla.world import tesla_world

SERVER_SEED = Path(__file__).with_name("server_seed.py")


@dataclass(frozen=True)
class Seed:
    """The people who log in to the seeded server, with their credentials."""

    admin_email: str = "admin@edumock.test"
    admin_password: str = "admin-password-1"
    global_admin_email: str = "root@edumock.test"
    global_admin_password: str = "root-password-1"

    def write_input(self, path: Path) -> Path:
        """The file ``server_seed.py`` reads: these credentials and edumock's world."""
        path.write_text(json.dumps({"seed": asdict(self), "world": tesla_world()}),
                        encoding="utf-8")
        return path


def script() -> str:
    """The code ``manage shell -c`` runs: ``server_seed.py``, then its ``main()``."""
    return SERVER_SEED.read_text(encoding="utf-8") + "\n\nmain()\n"
