"""One request, one step of a world shared by many workers through an engine
(``serve --store``): the world's replica is brought up to date before the request, and what
the request changed is committed after it, atomically, before the answer leaves.

Requests that may write (any method but GET, HEAD and OPTIONS) first take the world's lease,
so writers of one world are serialised across workers, and renew it while a long handler
runs. Reads take no lease: they read the replica, and in the rare case they change something
(a fault's counter, a lazily made record) their commit succeeds only if nobody wrote since;
otherwise the request is replayed, this time holding the lease. The answer is held back
until the commit succeeds, so a client never sees an answer whose state was lost. Within one
process, requests of one world take turns, so the replica is never read half-updated.
"""

from __future__ import annotations

import asyncio
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from edumock.errors import StoreUnavailable
from edumock.serving.routing import context_of
from edumock.serving.sandbox import Sandbox
from edumock.world.engine.lease import POLL_SECONDS, Lease, holding, new_token, try_acquire
from edumock.world.engine.replica import Conflict, LeaseLost, Replica
from edumock.world.engine.shared import SharedWorlds

READS = frozenset({"GET", "HEAD", "OPTIONS"})
WAIT_SECONDS = 30.0


async def _body(receive: Receive) -> list[Message]:
    """The request's body messages, read whole so the request can be replayed."""
    messages: list[Message] = []
    while True:
        message = await receive()
        messages.append(message)
        if message["type"] != "http.request" or not message.get("more_body", False):
            return messages


def _replay(messages: list[Message], receive: Receive) -> Receive:
    pending = list(messages)

    async def replayed() -> Message:
        return pending.pop(0) if pending else await receive()
    return replayed


class SharedWorldMiddleware:
    """Keep the request's world in step with the engine (no-op for in-memory worlds)."""

    def __init__(self, app: ASGIApp, sandbox: Sandbox) -> None:
        self.app = app
        self.sandbox = sandbox
        self._turns: dict[str, asyncio.Lock] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        shared = self.sandbox.shared
        if scope["type"] != "http" or shared is None:
            await self.app(scope, receive, send)
            return
        context = context_of(scope)
        name = context["world"].name
        turn = self._turns.setdefault(name, asyncio.Lock())
        body = await _body(receive)
        if body[-1]["type"] == "http.disconnect":  # the client left before asking
            return
        write = scope["method"] not in READS
        # A read learns the world's version before its turn: requests queued for the turn
        # then wait on the engine together, and a turn holds no round trip when nothing moved.
        peeked = None if write else await shared.replica(context["world"]).peek()
        async with turn:
            while True:
                answer = await self._attempt(shared, scope, context, body, receive, write,
                                             peeked)
                if answer is not None:
                    break
                write, peeked = True, None  # a read that wrote met a writer: with the lease
        for message in answer:  # committed: the next request may take its turn meanwhile
            await send(message)

    async def _attempt(self, shared: SharedWorlds, scope: Scope, context: dict[str, Any],
                       body: list[Message], receive: Receive, write: bool,
                       peeked: list[Any] | None) -> list[Message] | None:
        """Run the request once; its answer, or None when a lease-less commit conflicted."""
        replica = shared.replica(context["world"])
        lease = await self._lease(replica, shared.lease_ms) if write else None
        try:
            if not await replica.sync_async(peeked):  # dropped by another worker: made again
                context["world"] = self.sandbox.world(replica.world.name, remake=True)
                replica = shared.replica(context["world"])
                replica.sync()
            replica.begin()
            answer: list[Message] = []

            async def held(message: Message) -> None:
                answer.append(message)
            try:
                if lease is not None:
                    with holding(replica.keys.world, lease.token):
                        await self.app(scope, _replay(body, receive), held)
                else:
                    await self.app(scope, _replay(body, receive), held)
            finally:
                self._commit(replica, lease)
            return answer
        except Conflict:
            replica.forget()
            return None
        finally:
            if lease is not None:
                lease.release()

    @staticmethod
    def _commit(replica: Replica, lease: Lease | None) -> None:
        try:
            replica.commit(lease.token if lease is not None else None)
        except LeaseLost:
            replica.forget()
            raise StoreUnavailable("sandbox state store unavailable: the world's lease ran "
                                   "out before the change was saved; nothing was written"
                                   ) from None
        except StoreUnavailable:
            replica.forget()
            raise

    async def _lease(self, replica: Replica, lease_ms: int) -> Lease:
        """The world's lease, waiting without blocking other worlds' requests; the wait is
        counted in the metrics."""
        token = new_token(replica.engine, replica.keys)
        loop = asyncio.get_running_loop()
        started = loop.time()
        deadline = started + WAIT_SECONDS
        pause = POLL_SECONDS / 4
        waited = False
        while True:
            lease = try_acquire(replica.engine, replica.keys, token, lease_ms)
            if lease is not None:
                self.sandbox.metrics.lease_acquired(loop.time() - started, waited)
                return lease
            waited = True
            if loop.time() > deadline:
                raise StoreUnavailable(f"world {replica.keys.world!r} stayed locked by another "
                                       f"worker for {WAIT_SECONDS:.0f} s")
            await asyncio.sleep(pause)
            pause = min(pause * 2, POLL_SECONDS)
