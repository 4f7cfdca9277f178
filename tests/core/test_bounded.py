"""The bounded memory: never over its limit, each key computed once while it is remembered."""

from __future__ import annotations

import threading
from collections import Counter

import pytest

from edumock.contract.bounded import BoundedMemory


def test_a_remembered_key_is_computed_once() -> None:
    calls: Counter[str] = Counter()

    def compute(key: str) -> str:
        calls[key] += 1
        return key.upper()

    memory: BoundedMemory[str, str] = BoundedMemory(4)
    assert [memory.get_or_compute("a", compute) for _ in range(5)] == ["A"] * 5
    assert calls == {"a": 1}


def test_the_limit_is_never_exceeded() -> None:
    memory: BoundedMemory[int, int] = BoundedMemory(3)
    for key in range(20):
        memory.get_or_compute(key, lambda k: k * k)
        assert len(memory) <= 3
    assert len(memory) == 3


def test_the_least_recently_used_is_forgotten_first() -> None:
    calls: Counter[int] = Counter()

    def compute(key: int) -> int:
        calls[key] += 1
        return key

    memory: BoundedMemory[int, int] = BoundedMemory(2)
    memory.get_or_compute(1, compute)
    memory.get_or_compute(2, compute)
    memory.get_or_compute(1, compute)  # 1 is now the most recent
    memory.get_or_compute(3, compute)  # so 2 goes
    assert 1 in memory and 3 in memory and 2 not in memory
    memory.get_or_compute(1, compute)
    assert calls == {1: 1, 2: 1, 3: 1}


def test_a_failed_computation_is_not_remembered() -> None:
    memory: BoundedMemory[str, int] = BoundedMemory(2)

    def refuse(key: str) -> int:
        raise LookupError(key)

    with pytest.raises(LookupError):
        memory.get_or_compute("x", refuse)
    assert len(memory) == 0
    assert memory.get_or_compute("x", len) == 1


def test_a_limit_below_one_is_refused() -> None:
    with pytest.raises(ValueError):
        BoundedMemory(0)


def test_clear_forgets_everything() -> None:
    memory: BoundedMemory[int, int] = BoundedMemory(5)
    for key in range(5):
        memory.get_or_compute(key, int)
    memory.clear()
    assert len(memory) == 0


def test_threads_sharing_it_leave_it_whole_and_bounded() -> None:
    """Eight threads hammering overlapping keys: every answer right, the bound held, and one
    value per key shared by everyone who asked while it was remembered."""
    memory: BoundedMemory[int, tuple[int]] = BoundedMemory(50)
    wrong: list[str] = []
    start = threading.Barrier(8)

    def work(seed: int) -> None:
        start.wait()
        for step in range(3000):
            key = (seed * 7 + step) % 80
            value = memory.get_or_compute(key, lambda k: (k,))
            if value != (key,):
                wrong.append(f"{key} -> {value}")
            if len(memory) > 50:
                wrong.append(f"size {len(memory)}")

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not wrong, wrong[:5]
    assert len(memory) == 50
    first = memory.get_or_compute(79, lambda k: (k,))
    assert memory.get_or_compute(79, lambda k: (k,)) is first
