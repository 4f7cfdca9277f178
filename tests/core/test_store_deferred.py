"""A store's deferred fill: run once on first use, undone if it fails, dropped by a load."""

from __future__ import annotations

import pytest

from edumock.world.store import InMemoryStore


def test_the_fill_runs_once_on_first_use():
    store = InMemoryStore()
    calls = []

    def fill() -> None:
        calls.append(1)
        store.put("t", "a", {"v": 1})

    store.declare("t")
    store.defer(fill)
    assert not calls
    assert store.counts() == {"t": 1}
    assert store.get("t", "a") == {"v": 1}
    assert calls == [1]


def test_a_write_first_lands_after_the_fill():
    store = InMemoryStore()
    store.defer(lambda: store.put("t", "a", {}))
    with store.transaction():
        store.put("t", "b", {})
    assert list(store.dump()["t"]) == ["a", "b"]


def test_a_failing_fill_leaves_the_store_empty_and_fails_again():
    store = InMemoryStore()
    attempts = []

    def fill() -> None:
        attempts.append(1)
        store.put("t", "a", {})
        raise ValueError("bad fixture")

    store.declare("t")
    store.defer(fill)
    for expected in (1, 2):
        with pytest.raises(ValueError):
            store.values("t")
        assert len(attempts) == expected
    store.defer(lambda: None)
    assert store.counts() == {"t": 0}


def test_loading_a_dump_drops_the_pending_fill():
    store = InMemoryStore()
    store.defer(lambda: store.put("t", "generated", {}))
    store.load({"t": {"restored": {"v": 1}}})
    assert store.dump() == {"t": {"restored": {"v": 1}}}
