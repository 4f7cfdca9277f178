"""The one seeded randomness source of a world.

Everything random in edumock (fixture data, ids, token values, signing keys)
comes from a :class:`SeededRandom`, so the same seed gives the same bytes.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")


class SeededRandom:
    """A thin, typed wrapper over :class:`random.Random` with id helpers."""

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self._random = random.Random(seed)
        self._moves = 0
        """Draws (and jumps) so far: a request that left it alone left the stream alone."""

    @property
    def generator(self) -> random.Random:
        """The underlying generator, for libraries (Faker) that take one (counted as a move,
        since the taker may draw)."""
        self._moves += 1
        return self._random

    def child(self, label: str) -> SeededRandom:
        """An independent stream for one purpose, stable regardless of other draws."""
        derived = random.Random(f"{self.seed}:{label}").getrandbits(63)
        return SeededRandom(derived)

    def getstate(self) -> list[object]:
        """The stream's position, as JSON-ready lists (for snapshots)."""
        version, internal, gauss = self._random.getstate()
        return [version, list(internal), gauss]

    def position(self) -> object:
        """A mark of the stream's position, cheap to take and compare: equal before and after
        a request that drew nothing (copying the generator's state would cost a 625-word
        copy on every request)."""
        return self._moves

    def setstate(self, state: list[object]) -> None:
        """Continue from a position :meth:`getstate` returned."""
        version, internal, gauss = state
        self._moves += 1
        self._random.setstate((version, tuple(internal), gauss))  # type: ignore[arg-type]

    def randint(self, low: int, high: int) -> int:
        """Integer in [low, high]."""
        self._moves += 1
        return self._random.randint(low, high)

    def random(self) -> float:
        """Float in [0, 1)."""
        self._moves += 1
        return self._random.random()

    def choice(self, options: Sequence[T]) -> T:
        """One element of a non-empty sequence."""
        self._moves += 1
        return self._random.choice(options)

    def sample(self, options: Sequence[T], count: int) -> list[T]:
        """``count`` distinct elements."""
        self._moves += 1
        return self._random.sample(list(options), count)

    def uuid(self) -> str:
        """A version-4 shaped UUID drawn from this stream."""
        self._moves += 1
        return str(uuid.UUID(int=self._random.getrandbits(128), version=4))

    def token_hex(self, nbytes: int = 16) -> str:
        """Hex string of ``nbytes`` random bytes (token values, secrets)."""
        self._moves += 1
        return self._random.getrandbits(nbytes * 8).to_bytes(nbytes, "big").hex()

    def digits(self, count: int) -> str:
        """A string of ``count`` decimal digits."""
        self._moves += 1
        return "".join(str(self._random.randint(0, 9)) for _ in range(count))
