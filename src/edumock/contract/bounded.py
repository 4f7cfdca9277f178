"""A memory of computed values that never holds more than a fixed number of entries.

Several parts of the server remember what they worked out once (a decoded token, a compiled
schema, a routing answer) because clients repeat themselves; each must also stay bounded, since
a client can just as well send endless distinct keys. This is the one such memory.

It forgets the least recently used entry when full, rather than starting afresh: the working set
that matters (the specs' few hundred schemas, the tokens of the clients calling right now) is
used on every request, so it stays while a flood of one-off keys churns only the cold end. A
memory cleared when full would instead drop the hot entries too and recompute all of them at
every cliff. The price is one dictionary move per hit, under a lock.

The lock makes it safe to share between threads (the store's worker-thread mode serves requests
from several). ``compute`` runs outside the lock, so a slow or re-entrant computation blocks no
one; two threads missing the same key at once may both compute it, and the first value stored is
the one every caller gets.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class BoundedMemory(Generic[K, V]):
    """Values by key, at most ``limit`` of them, the least recently used forgotten first."""

    def __init__(self, limit: int) -> None:
        if limit < 1:
            raise ValueError("a bounded memory must hold at least one entry")
        self.limit = limit
        self._entries: OrderedDict[K, V] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, key: object) -> bool:
        return key in self._entries

    def get_or_compute(self, key: K, compute: Callable[[K], V]) -> V:
        """The value remembered for ``key``, or ``compute(key)`` remembered from now on. An
        exception from ``compute`` propagates and nothing is remembered."""
        with self._lock:
            try:
                self._entries.move_to_end(key)
                return self._entries[key]
            except KeyError:
                pass
        value = compute(key)
        with self._lock:
            if key in self._entries:  # another thread stored it meanwhile: share that one
                self._entries.move_to_end(key)
                return self._entries[key]
            while len(self._entries) >= self.limit:  # make room first: never over, even briefly
                self._entries.popitem(last=False)
            self._entries[key] = value
        return value

    def clear(self) -> None:
        """Forget everything."""
        with self._lock:
            self._entries.clear()
