"""TeSLA fixture generation at 10,000, 50,000 and 100,000 learners: time and peak memory.

Each size is built in a fresh Python process (one institution, the other counts
small as in ``tesla_learners.py``), so the peak RSS printed is that build's
alone: ``ru_maxrss`` of the child, imports included. Seconds per 10,000 learners
should stay flat if generation scales linearly; the budget at 100,000 learners
is 10 s and 500 MB. Then every platform's world at the default fixture sizes:
its first build in a fresh process (Faker's import and set-up included) and
the median of later builds. Worlds fill their stores on first use, so each
build here is the world's creation plus a read of every store.
"""

from __future__ import annotations

import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from edumock.platform import Platform
from edumock.registry import PLATFORMS, select
from edumock.settings import fixtures_dir
from edumock.world import World
from edumock.world.seeding.loader import FixtureSet

SIZES = (10_000, 50_000, 100_000)
FIXTURE = """generate:
  institutions: 1
  learnersPerInstitution: {learners}
  coursesPerVle: 2
  learnersPerCourse: 20
  activitiesPerCourse: 1
"""


def built_world(platforms: tuple[Platform, ...], fixtures: FixtureSet) -> World:
    """A world with every store generated (a store is filled when first read)."""
    world = World("default", 42, platforms, fixtures, None)
    for store in world.stores.values():
        store.counts()
    return world


def build(learners: int) -> dict[str, float]:
    """Build one TeSLA world of ``learners`` learners here; seconds and peak RSS in MB."""
    platforms = select(("tesla",))
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "tesla.yaml").write_text(FIXTURE.format(learners=learners),
                                                 encoding="utf-8")
        fixtures = FixtureSet.load(Path(folder), list(platforms))
        started = time.perf_counter()
        world = built_world(platforms, fixtures)
        seconds = time.perf_counter() - started
    users = len(world.store("tesla").values("users"))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"learners": learners, "users": users, "seconds": seconds, "peak_mb": peak_mb}


def default_builds(runs: int = 20) -> dict[str, float]:
    """Seconds for the first world of every platform from the shipped fixtures, and the
    median of ``runs`` more."""
    fixtures = FixtureSet.load(fixtures_dir(), list(PLATFORMS))
    times = []
    for _ in range(runs + 1):
        started = time.perf_counter()
        built_world(PLATFORMS, fixtures)
        times.append(time.perf_counter() - started)
    return {"first": times[0], "later": statistics.median(times[1:])}


def in_child(*args: str) -> dict[str, float]:
    """This script's ``--child`` mode in a fresh interpreter, so its figures are its own."""
    done = subprocess.run([sys.executable, __file__, "--child", *args],
                          capture_output=True, text=True, check=True)
    result: dict[str, float] = json.loads(done.stdout)
    return result


def main() -> None:
    """Print one row per size, then the default-size builds."""
    print(f"{'learners':>9} {'seconds':>8} {'peak RSS MB':>12} {'s per 10k':>10}")
    for learners in SIZES:
        row = in_child(str(learners))
        print(f"{learners:>9,} {row['seconds']:>8.2f} {row['peak_mb']:>12.0f} "
              f"{row['seconds'] * 10_000 / learners:>10.3f}")
    default = in_child("default")
    print(f"default fixtures, every platform: first world {default['first'] * 1000:.1f} ms "
          f"in a fresh process, later worlds {default['later'] * 1000:.1f} ms (median of 20)")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        child = default_builds() if sys.argv[2] == "default" else build(int(sys.argv[2]))
        print(json.dumps(child))
    else:
        main()
