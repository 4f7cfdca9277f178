"""Writes to the engine whose replies a request waits for without holding up the process.

A journal entry must be in the engine before the last byte of its answer leaves (a test that
verifies right after a call, through any worker, finds it), but waiting for the engine's
reply with a blocking read would idle the whole event loop for a round trip on every
request. The writer sends each command at once on a connection of its own and lets the
request await the reply while the event loop serves others; replies come back in the order
the commands went, so one reader callback settles them all.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections import deque
from collections.abc import Callable
from typing import Any

import hiredis
import redis

from edumock.errors import StoreUnavailable
from edumock.world.engine.wire import Wire

logger = logging.getLogger("edumock.store")

_MULTI, _EXEC = hiredis.pack_command(("MULTI",)), hiredis.pack_command(("EXEC",))


class _Sent:
    """One command whose reply has not been read yet."""

    __slots__ = ("again", "done", "error", "reply", "skip", "waiter", "written")

    def __init__(self, again: Callable[[], Any], skip: int = 0) -> None:
        self.again = again
        self.skip = skip
        """Replies to read and drop before its own (a transaction's OK and QUEUED ones)."""
        self.done = False
        """Its reply (or failure) has come."""
        self.reply: Any = None
        self.error: BaseException | None = None
        self.waiter: asyncio.Future[None] | None = None
        """Resolved when the reply is read; every request awaiting the command shares it."""
        self.written = False
        """On the socket: commands of one turn of the event loop go out in one write."""


def _running_loop() -> asyncio.AbstractEventLoop | None:
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


class PipelinedWriter:
    """One connection, commands in flight on it, and their replies read as they arrive."""

    def __init__(self, client: redis.Redis, lost: tuple[type[BaseException], ...]) -> None:
        self._client = client
        self._lost = lost
        """What a lost server raises (the engine's own list)."""
        self._lost_or_refused: tuple[type[BaseException], ...] = (redis.ResponseError, *lost)
        self._wire: Wire | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._fd: int | None = None
        self._in_flight: deque[_Sent] = deque()
        self._outgoing: list[tuple[bytes, _Sent]] = []
        self._flush_due_on: asyncio.AbstractEventLoop | None = None
        """The loop that will write the queued commands at the end of its current turn."""
        self._lock = threading.Lock()

    def send(self, args: tuple[Any, ...], again: Callable[[], Any]) -> _Sent:
        """Queue a command; it is written at the end of this turn of the event loop, with
        every other command queued in it (at once outside a loop), and its reply is read
        later (:meth:`settle`). ``again`` sends it the ordinary way when the engine refuses
        it for a missing script."""
        with self._lock:
            sent = _Sent(again)
            # hiredis packs the arguments as they are (bytes, str, numbers): redis-py's own
            # path re-encodes each one in Python first
            self._outgoing.append((hiredis.pack_command(args), sent))
            self._in_flight.append(sent)
        self._flush_due()
        return sent

    def _flush_due(self) -> None:
        """Have the queue written at the end of this turn of the event loop (at once outside
        a loop, or on another loop than the one reading replies)."""
        with self._lock:
            loop = _running_loop()
            if loop is None or self._loop not in (None, loop):
                self._flush()
            elif self._flush_due_on is not loop:
                if self._flush_due_on is not None:
                    self._flush()  # what another (perhaps finished) loop left queued
                self._flush_due_on = loop
                loop.call_soon(self._flush_soon)

    def send_transaction(self, commands: list[tuple[Any, ...]]) -> _Sent:
        """Queue ``commands`` as one MULTI/EXEC, written together so no other command can
        fall inside it; the returned command is the EXEC, whose reply lists theirs."""
        with self._lock:
            sent = _Sent(_no_script, skip=len(commands) + 1)
            packed = b"".join([_MULTI, *map(hiredis.pack_command, commands), _EXEC])
            self._outgoing.append((packed, sent))
            self._in_flight.append(sent)
        self._flush_due()
        return sent

    @staticmethod
    def answered(sent: _Sent) -> bool:
        """Its reply (or failure) has come."""
        return sent.done

    @staticmethod
    def unwritten(sent: _Sent) -> bool:
        """Still queued: a request that came in after it was queued may share its reply."""
        return not sent.written and sent.error is None

    def _flush_soon(self) -> None:
        with self._lock:
            self._flush_due_on = None
            self._flush()

    def _flush(self) -> None:
        """Write every queued command in one go (a lost engine fails them all)."""
        if not self._outgoing:
            return
        queued, self._outgoing = self._outgoing, []
        try:
            self._connected().send(b"".join(p for p, _ in queued))
        except self._lost as error:
            self._drop(error)
            return
        for _, sent in queued:
            sent.written = True

    async def settle(self, sent: _Sent) -> Any:
        """The command's reply, awaited without blocking the event loop (a blocking read
        outside one, or on another loop than the writer's)."""
        with self._lock:
            if not sent.done:
                loop = asyncio.get_running_loop()
                if not sent.written and self._flush_due_on is not loop:
                    self._flush()  # no turn of this loop is due to write it
                if self._watch(loop):
                    if sent.waiter is None:
                        sent.waiter = loop.create_future()
                else:
                    self._flush()
                    self._read(until=sent)
        if sent.waiter is not None:
            await sent.waiter
        if sent.error is not None:
            raise sent.error
        return sent.reply

    def _connected(self) -> Wire:
        if self._wire is None:
            connection: Any = self._client.connection_pool.make_connection()
            connection.connect()
            self._wire = Wire(connection)
        return self._wire

    def _watch(self, loop: asyncio.AbstractEventLoop) -> bool:
        """Have ``loop`` call back when replies arrive; False when it cannot (another loop
        watches already, or the socket is not reachable)."""
        if self._loop is loop:
            return True
        if self._loop is not None:
            return False
        try:
            self._fd = self._connected().fileno()
        except self._lost:
            return False
        self._loop = loop
        loop.add_reader(self._fd, self._on_readable)
        return True

    def _on_readable(self) -> None:
        with self._lock:
            try:
                if self._wire is not None:
                    self._settle_each(self._wire.replies())
            except self._lost as error:
                self._drop(error)

    def _read(self, until: _Sent) -> None:
        try:
            while self._in_flight and not until.done:
                self._settle_each(self._connected().wait_replies())
        except self._lost as error:
            self._drop(error)

    def _settle_each(self, replies: list[Any]) -> None:
        """Hand each reply to the command it answers (replies come in the commands' order)."""
        for reply in replies:
            if not self._in_flight:
                raise redis.ConnectionError("the state store sent a reply nobody asked for")
            sent = self._in_flight[0]
            if sent.skip:  # a transaction's OK or QUEUED: EXEC's reply tells what happened
                sent.skip -= 1
                continue
            self._in_flight.popleft()
            if isinstance(reply, redis.ResponseError):
                sent.error = reply
                if isinstance(reply, redis.exceptions.NoScriptError):  # a new engine: again
                    try:
                        sent.reply, sent.error = sent.again(), None
                    except self._lost_or_refused as again:
                        sent.error = again
            else:
                sent.reply = reply
            sent.done = True
            self._wake(sent)

    def _drop(self, error: BaseException) -> None:
        """The connection is gone: every command still in flight fails with it."""
        logger.warning("state store unreachable: %s", error)
        failure = StoreUnavailable()
        while self._in_flight:
            sent = self._in_flight.popleft()
            sent.error, sent.done = failure, True
            self._wake(sent)
        self._outgoing = []
        self._drop_quietly()

    def close(self) -> None:
        """Read what is still in flight and drop the connection."""
        with self._lock:
            self._flush()
            if self._in_flight:
                self._read(until=self._in_flight[-1])
            self._drop_quietly()

    def _drop_quietly(self) -> None:
        if self._loop is not None and self._fd is not None:
            with contextlib.suppress(RuntimeError, ValueError):
                self._loop.remove_reader(self._fd)
        self._loop = self._fd = None
        if self._wire is not None:
            self._wire.close()
            self._wire = None

    def _wake(self, sent: _Sent) -> None:
        waiter = sent.waiter
        if waiter is None or waiter.done():
            return
        try:
            here = asyncio.get_running_loop() is waiter.get_loop()
        except RuntimeError:
            here = False
        if here:
            waiter.set_result(None)
        else:
            waiter.get_loop().call_soon_threadsafe(_finish, waiter)


def _no_script() -> Any:
    raise redis.ResponseError("a transaction runs no script: nothing to send again")


def _finish(waiter: asyncio.Future[None]) -> None:
    if not waiter.done():
        waiter.set_result(None)
