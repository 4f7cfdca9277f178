"""edumock's seeded TeSLA world, as the records the real server is seeded with.

The real server is seeded from the very world an in-process edumock serves (``Settings()``:
seed, fixture files and sizes), so the two hold the same institutions, people, courses,
activities and reports, with the same ids, names and e-mails: what the probe or a drift run
finds different is then the servers' behaviour, not their data. The records are edumock's
store collections as they are (``server_seed.py`` maps them onto the real models); only the
bookkeeping collections are left out.
"""

from __future__ import annotations

from typing import Any

from edumock.registry import select
from edumock.settings import Settings
from edumock.world.seeding.loader import FixtureSet
from edumock.world.world import World

LEFT_OUT = ("config", "sequences")
"""Collections that are edumock's own bookkeeping (the signing key, the id sequences)."""


def tesla_world(settings: Settings | None = None) -> dict[str, list[dict[str, Any]]]:
    """Every seeded TeSLA collection of the default world, records in id order."""
    settings = settings or Settings()
    platforms = select(("tesla",))
    world = World("default", settings.seed, platforms,
                  FixtureSet.load(settings.fixtures_dir, list(platforms)), settings.start_time)
    dump = world.store("tesla").dump()
    return {name: sorted(records.values(), key=lambda record: int(record["id"]))
            for name, records in dump.items() if name not in LEFT_OUT}

