"""Fixture generation: same seed and clock, same bytes; another seed, other data."""

from __future__ import annotations

import json
from dataclasses import replace

from edumock.testing import build_app
from edumock.world.randomness import SeededRandom
from edumock.world.seeding.nz import is_valid_nsn, nsn_check_digit


def _dump(app) -> str:
    world = app.sandbox.world()
    return json.dumps({name: {c: store.values(c) for c in store.counts()}
                       for name, store in world.stores.items()}, sort_keys=True)


def test_same_seed_gives_byte_identical_state(settings):
    assert _dump(build_app(settings)) == _dump(build_app(settings))


def test_another_seed_gives_other_data(settings):
    assert _dump(build_app(settings)) != _dump(build_app(replace(settings, seed=7)))


def test_reset_regenerates_identical_state(settings):
    app = build_app(settings)
    before = _dump(app)
    app.sandbox.world().store("sdr").put("tokens", "x", {"edumis": "1"})
    app.sandbox.reset()
    assert _dump(app) == before


def test_generated_nsns_pass_their_check_digit(settings):
    samples = build_app(settings).sandbox.world().store("sdr").values("samples")
    nsns = [str(learner["nationalStudentNumber"]) for sample in samples
            for learner in sample["learners"]]
    assert nsns and all(is_valid_nsn(nsn) for nsn in nsns)


def test_nsn_check_digit_rejects_a_changed_digit():
    assert is_valid_nsn("123456789")
    assert not is_valid_nsn("123456780")
    assert not is_valid_nsn("12345")
    assert nsn_check_digit("12345678") == 9


def test_seeded_streams_are_independent_of_each_others_draws():
    first = SeededRandom(1).child("a")
    root = SeededRandom(1)
    root.randint(0, 10)
    assert root.child("a").uuid() == first.uuid()
