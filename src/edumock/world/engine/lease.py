"""A world's lease: the one worker allowed to change the world until it lets go or the lease
runs out. A worker killed mid-request holds it no longer than the lease; a long request (a
100,000-row upload) keeps it by renewing from a thread, since the handler may hold the event
loop. Each lease is a fencing token from a counter, so a commit can prove it still holds it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from contextvars import ContextVar

from edumock.world.engine.connection import Engine, StoreUnavailable
from edumock.world.engine.keys import WorldKeys
from edumock.world.engine.scripts import ACQUIRE, RELEASE, RENEW

LEASE_MS = 10_000
"""How long a lease lasts without renewal (renewed every third of it) by default: how long a
killed worker can keep its world locked (``serve --lease-ms``)."""
WAIT_SECONDS = 30.0
CLAIM_MS = 200
"""How long a waiting worker's claim on the next turn lasts without its polling."""
POLL_SECONDS = 0.002
"""The longest pause between a waiting worker's tries (it starts at a quarter of this)."""
"""How long a request waits for another worker's lease before giving up with 503."""


class Lease:
    """A held lease, renewed in the background until released."""

    def __init__(self, engine: Engine, keys: WorldKeys, token: str, lease_ms: int) -> None:
        self.engine = engine
        self.keys = keys
        self.token = token
        self.lease_ms = lease_ms
        self._stop = threading.Event()
        self._renewer = threading.Thread(target=self._renew, daemon=True,
                                         name=f"edumock-lease-{keys.world}")
        self._renewer.start()

    def _renew(self) -> None:
        script = self.engine.script("renew", RENEW)
        while not self._stop.wait(self.lease_ms / 3000):
            try:
                if not script(keys=[self.keys.lock], args=[self.token, self.lease_ms]):
                    return  # lost: the commit's fencing check will refuse
            except Exception:  # unreachable for now: try again next time (a lease that ran
                continue  # out meanwhile is refused by the commit's fencing check)

    def release(self) -> None:
        """Stop renewing and let go (only if still ours)."""
        self._stop.set()
        with suppress(StoreUnavailable):  # unreachable: the lease runs out on its own
            self.engine.call(self.engine.script("release", RELEASE),
                             keys=[self.keys.lock], args=[self.token])


def new_token(engine: Engine, keys: WorldKeys) -> str:
    """A fencing token larger than any the world has handed out."""
    return str(engine.call(engine.client.incr, keys.fence))


def try_acquire(engine: Engine, keys: WorldKeys, token: str, lease_ms: int = LEASE_MS
                ) -> Lease | None:
    """The lease under ``token`` if it is free and nobody else's turn is next, else None
    (claiming the next turn when nobody has)."""
    script = engine.script("acquire", ACQUIRE)
    if engine.call(script, keys=[keys.lock, keys.next], args=[token, lease_ms, CLAIM_MS]):
        return Lease(engine, keys, token, lease_ms)
    return None


def acquire(engine: Engine, keys: WorldKeys, *, lease_ms: int = LEASE_MS,
            wait_seconds: float = WAIT_SECONDS) -> Lease:
    """Take the world's lease, waiting (polling with back-off) while another worker has it;
    StoreUnavailable when the wait runs out or the engine is lost."""
    token = new_token(engine, keys)
    deadline = time.monotonic() + wait_seconds
    pause = POLL_SECONDS / 4
    while True:
        lease = try_acquire(engine, keys, token, lease_ms)
        if lease is not None:
            return lease
        if time.monotonic() > deadline:
            raise StoreUnavailable(f"world {keys.world!r} stayed locked by another worker for "
                                   f"{wait_seconds:.0f} s")
        time.sleep(pause)
        pause = min(pause * 2, POLL_SECONDS)


_HELD: ContextVar[dict[str, str] | None] = ContextVar("edumock_held_leases", default=None)


@contextmanager
def holding(world: str, token: str) -> Iterator[None]:
    """Mark the world's lease as held by the current request, so what the request does to
    that world (a reset through the admin API) reuses it instead of waiting for itself."""
    held = dict(_HELD.get() or {})
    held[world] = token
    reset = _HELD.set(held)
    try:
        yield
    finally:
        _HELD.reset(reset)


def held_token(world: str) -> str | None:
    """The token of the world's lease if the current request holds it."""
    return (_HELD.get() or {}).get(world)


@contextmanager
def leased(engine: Engine, keys: WorldKeys, lease_ms: int = LEASE_MS) -> Iterator[str]:
    """The world's lease for the block: the request's own if it holds it, else taken now."""
    token = held_token(keys.world)
    if token is not None:
        yield token
        return
    lease = acquire(engine, keys, lease_ms=lease_ms)
    try:
        with holding(keys.world, lease.token):
            yield lease.token
    finally:
        lease.release()
