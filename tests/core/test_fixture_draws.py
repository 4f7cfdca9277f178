"""Bulk fixture generation: Faker's draws reproduced, generation on first use, larger worlds."""

from __future__ import annotations

import gc
import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from edumock.registry import PLATFORMS, select
from edumock.settings import fixtures_dir
from edumock.world import World
from edumock.world.randomness import SeededRandom
from edumock.world.seeding.context import seeded_faker
from edumock.world.seeding.draws import Draws
from edumock.world.seeding.lazy import paused_gc
from edumock.world.seeding.loader import FixtureSet

START = datetime(2026, 8, 10, 9, 30, tzinfo=UTC)


def test_draws_answer_as_faker_does_on_the_same_stream():
    calls: list[tuple[str, Callable[[Any], Any], Callable[[Draws], Any]]] = [
        ("first", lambda f: f.first_name(), lambda d: d.first_name()),
        ("last", lambda f: f.last_name(), lambda d: d.last_name()),
        ("int", lambda f: f.random_int(10, 9999), lambda d: d.random_int(10, 9999)),
        ("pick", lambda f: f.random_element(("en", "en", "es")),
         lambda d: d.random_element(("en", "en", "es"))),
        ("uuid", lambda f: str(f.uuid4()), lambda d: d.uuid4()),
    ]
    faker, mixed = seeded_faker(SeededRandom(5)), seeded_faker(SeededRandom(5))
    draws = Draws(mixed)
    for index in range(3000):
        _, by_faker, by_draws = calls[index % len(calls)]
        assert by_faker(faker) == by_draws(draws)
        assert faker.city() == mixed.city()  # and Faker's own calls still line up


def _dump(world: World) -> str:
    return json.dumps({name: store.dump() for name, store in world.stores.items()})


def test_a_world_generates_on_first_use_what_it_would_have_generated_at_once():
    fixtures = FixtureSet.load(fixtures_dir(), list(PLATFORMS))
    at_once = World("a", 42, PLATFORMS, fixtures, START)
    expected = _dump(at_once)
    later = World("b", 42, PLATFORMS, fixtures, START)
    later.clock.advance(3 * 86_400)
    later.rng.randint(0, 10)
    assert _dump(later) == expected


def _tesla_world(tmp_path: Path, learners: int) -> World:
    (tmp_path / "tesla.yaml").write_text(
        f"generate:\n  institutions: 1\n  learnersPerInstitution: {learners}\n"
        "  coursesPerVle: 2\n  learnersPerCourse: 20\n  activitiesPerCourse: 1\n",
        encoding="utf-8")
    platforms = select(("tesla",))
    return World("default", 42, platforms, FixtureSet.load(tmp_path, list(platforms)), START)


def test_a_large_tesla_world_is_reproducible_and_consistent(tmp_path):
    world = _tesla_world(tmp_path, 3000)
    users = world.store("tesla").values("users")
    learners = [user for user in users if user["is_learner"]]
    assert len(learners) == 3000
    assert len({user["id"] for user in users}) == len(users)
    assert len({learner["learner_id"] for learner in learners}) == 3000
    assert all(learner["joined_at"] == learner["created_at"] for learner in learners)
    assert _dump(world) == _dump(_tesla_world(tmp_path, 3000))


@pytest.mark.parametrize("enabled", [True, False])
def test_paused_gc_restores_the_collector_as_it_was(enabled):
    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        with paused_gc():
            assert not gc.isenabled()
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()
