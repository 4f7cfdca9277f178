"""Racing clients against a live server: threads released together, store reads slowed.

The server's event loop parses, authenticates and validates requests one at a time, so on an
idle server two handlers rarely overlap for long enough to race. :func:`slowed_reads` holds
each store answer for a moment before its caller gets it, as a loaded server with large
collections would: a transaction that holds the store's lock stays correct however slow its
reads are, while a read-then-write outside one is overtaken within a round or two.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import httpx
import pytest

from edumock.world.store import InMemoryStore
from tests.platforms.sdr.conftest import EDUMIS

T = TypeVar("T")
Action = Callable[[httpx.Client], T]
WORLD = "X-Edumock-World"


def on_event_loop() -> bool:
    """True on the server's event loop thread (where security checks run), not a handler's."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


def slowed_reads(patch: pytest.MonkeyPatch, delay: float) -> None:
    """Hold every store read's answer for ``delay`` seconds off the event loop (blocking the
    loop would only space requests out)."""
    for name in ("get", "values"):  # find() and every index read through these
        original = getattr(InMemoryStore, name)

        def slowed(self: InMemoryStore, *args: Any, _original: Any = original) -> Any:
            found = _original(self, *args)
            if not on_event_loop():
                time.sleep(delay)
            return found

        patch.setattr(InMemoryStore, name, slowed)


class Race:
    """Runs actions on their own threads and connections, in one world, all released at once."""

    def __init__(self, http: httpx.Client, pool: list[httpx.Client]) -> None:
        self.http, self.pool = http, pool

    def __call__(self, actions: list[Action[T]]) -> list[T]:
        barrier = threading.Barrier(len(actions))

        def run(index: int) -> T:
            own = self.pool[index]
            own.headers[WORLD] = self.http.headers[WORLD]
            own.get("/__admin/health").raise_for_status()  # the connection is open
            barrier.wait(timeout=30)
            return actions[index](own)

        with ThreadPoolExecutor(max_workers=len(actions)) as threads:
            return list(threads.map(run, range(len(actions))))


def state(http: httpx.Client, platform: str, collection: str) -> list[dict[str, Any]]:
    """A collection's records in the client's world."""
    return list(http.get(f"/__admin/state/{platform}/{collection}").json()["records"])


def mint(http: httpx.Client, **claims: Any) -> dict[str, Any]:
    response = http.post("/__admin/tokens", json=claims)
    assert response.status_code == 200, response.text
    return dict(response.json())


def tesla(http: httpx.Client) -> dict[str, str]:
    """Headers of an administrator of institution 1."""
    return {"Authorization": f"JWT {mint(http, platform='tesla', roles=['inst_admin'])['token']}"}


def sdr(http: httpx.Client) -> dict[str, str]:
    """Headers of organisation EDUMIS."""
    return {"Authorization": f"Bearer {mint(http, platform='sdr', edumis=EDUMIS)['token']}",
            "EID": EDUMIS}


def sunbird(http: httpx.Client) -> tuple[dict[str, str], str]:
    """Headers for the first seeded user (enrolled nowhere), and that user's id."""
    minted = mint(http, platform="sunbird")
    return ({"Authorization": f"Bearer {minted['apiKey']}",
             "x-authenticated-user-token": minted["userToken"]}, str(minted["userId"]))
