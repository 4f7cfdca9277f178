"""The store's contract: all-or-nothing transactions, insertion order, indexes, thread
safety. Each test runs on the in-memory store and on a world in a real engine seen by two
workers (tests/store_backends.py); the thread test is the in-memory store's own."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest

from edumock.world.store import InMemoryStore
from tests.engine.conftest import engine, engine_session  # noqa: F401 (fixtures)
from tests.engine.server import EngineServer
from tests.store_backends import across_workers


@pytest.fixture(params=["memory", "engine"])
def store(request: pytest.FixtureRequest) -> Iterator[Any]:
    """An empty store on each backend."""
    if request.param == "memory":
        yield InMemoryStore()
        return
    server: EngineServer = request.getfixturevalue("engine")
    with across_workers(server.url) as shared:
        yield shared


def test_put_get_values_keep_insertion_order(store: Any):
    for key in ("b", "a", "c"):
        store.put("things", key, {"id": key})
    assert [r["id"] for r in store.values("things")] == ["b", "a", "c"]
    assert store.get("things", "a") == {"id": "a"}
    assert store.get("things", "zz") is None


def test_find_matches_every_field(store: Any):
    store.put("t", "1", {"org": "A", "kind": "x"})
    store.put("t", "2", {"org": "A", "kind": "y"})
    store.put("t", "3", {"org": "B", "kind": "x"})
    assert [r["kind"] for r in store.find("t", org="A")] == ["x", "y"]
    assert list(store.find("t", org="A", kind="x")) == [{"org": "A", "kind": "x"}]


def test_find_answers_from_an_index_that_follows_every_change(store: Any):
    for key, org in (("1", "A"), ("2", "B"), ("3", "A")):
        store.put("t", key, {"id": key, "org": org})
    assert [r["id"] for r in store.find("t", org="A")] == ["1", "3"]
    store.put("t", "4", {"id": "4", "org": "A"})
    store.delete("t", "1")
    assert [r["id"] for r in store.find("t", org="A")] == ["3", "4"]
    with pytest.raises(RuntimeError), store.transaction():
        store.put("t", "5", {"id": "5", "org": "A"})
        assert [r["id"] for r in store.find("t", org="A")] == ["3", "4", "5"]
        raise RuntimeError("rolled back")
    assert [r["id"] for r in store.find("t", org="A")] == ["3", "4"]
    found = store.find("t", org="A")
    found.clear()  # callers get their own list
    assert len(store.find("t", org="A")) == 2


def test_find_by_a_value_no_index_can_hold_still_answers(store: Any):
    store.put("t", "1", {"tags": ["a"]})
    store.put("t", "2", {"tags": ["b"]})
    assert store.find("t", tags=["b"]) == [{"tags": ["b"]}]


def test_failed_transaction_leaves_no_trace_including_order(store: Any):
    for key in ("a", "b", "c"):
        store.put("t", key, {"v": key})
    with pytest.raises(RuntimeError), store.transaction():
        store.put("t", "b", {"v": "changed"})
        store.delete("t", "a")
        store.put("t", "d", {"v": "new"})
        raise RuntimeError("refused")
    assert list(store.values("t")) == [{"v": "a"}, {"v": "b"}, {"v": "c"}]


def test_nested_transaction_rolls_back_with_the_outer_one(store: Any):
    with pytest.raises(ValueError), store.transaction():
        store.put("t", "x", {})
        with store.transaction():
            store.put("t", "y", {})
        raise ValueError
    assert store.values("t") == []


def test_committed_transaction_keeps_its_changes(store: Any):
    with store.transaction():
        store.put("t", "x", {"n": 1})
        assert store.delete("t", "missing") is False
    assert store.get("t", "x") == {"n": 1}


def test_counts_include_declared_empty_collections(store: Any):
    store.declare("a", "b")
    store.put("a", "1", {})
    assert dict(store.counts()) == {"a": 1, "b": 0}


def test_concurrent_read_modify_write_transactions_lose_no_update():
    store = InMemoryStore()
    store.put("c", "n", {"value": 0})

    def bump() -> None:
        for _ in range(200):
            with store.transaction():
                current = store.get("c", "n")
                assert current is not None
                store.put("c", "n", {"value": current["value"] + 1})

    threads = [threading.Thread(target=bump) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert store.get("c", "n") == {"value": 1600}
