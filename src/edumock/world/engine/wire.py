"""The bytes of one engine connection: commands out, replies in, parsed by hiredis.

The writer (``writer.py``) is woken by the event loop whenever its socket is readable. redis-py
answers "is a reply there?" by building a selector and peeking at the socket on every call,
about ten system calls and a few microseconds of Python per reply; on the request path of a
shared sandbox that was a tenth of a worker's time. Here the socket is non-blocking and read
once per wake-up, and hiredis hands back every reply the bytes complete. redis-py still opens
the connection (address, TLS, password, database), so every URL it takes works here too.
"""

from __future__ import annotations

import select
import ssl
from typing import Any

import hiredis
import redis
from redis._parsers.base import BaseParser
from redis.exceptions import InvalidResponse

_WOULD_BLOCK = (BlockingIOError, InterruptedError, ssl.SSLWantReadError, ssl.SSLWantWriteError)
_CHUNK = 64 * 1024


class Wire:
    """A connected socket to the engine, non-blocking, and the replies it has brought."""

    def __init__(self, connection: Any) -> None:
        self._connection = connection
        self._sock = connection._sock
        self._timeout: float | None = connection.socket_timeout
        encoder = connection.encoder
        options: dict[str, Any] = {"protocolError": InvalidResponse,
                                   "replyError": BaseParser.parse_error}
        if encoder.decode_responses:
            options.update(encoding=encoder.encoding, errors=encoder.encoding_errors)
        self._reader = hiredis.Reader(**options)
        self._buffer = bytearray(_CHUNK)
        self._tls_pending = getattr(self._sock, "pending", None)
        """TLS: how many bytes it decrypted beyond what was read (None on a plain socket)."""
        self._sock.settimeout(0)

    def fileno(self) -> int:
        return int(self._sock.fileno())

    def send(self, data: bytes) -> None:
        """Write all of ``data``, waiting (up to the connection's timeout) while the engine
        is slow to take it."""
        view = memoryview(data)
        while view:
            try:
                view = view[self._sock.send(view):]
            except _WOULD_BLOCK:
                self._wait(writing=True)

    def replies(self) -> list[Any]:
        """Every reply the socket holds complete now, without waiting (an error reply comes
        back as its exception, not raised); ConnectionError once the engine closed it."""
        while True:
            try:
                count = self._sock.recv_into(self._buffer)
            except _WOULD_BLOCK:
                break
            if count == 0:
                raise redis.ConnectionError("Connection closed by server.")
            self._reader.feed(self._buffer, 0, count)  # type: ignore[arg-type]  # any buffer
            if count < _CHUNK and not (self._tls_pending and self._tls_pending()):
                break
        found = []
        while (reply := self._reader.gets()) is not False:
            found.append(reply)
        return found

    def wait_replies(self) -> list[Any]:
        """At least one reply, waiting for it up to the connection's timeout."""
        while not (found := self.replies()):
            self._wait(writing=False)
        return found

    def _wait(self, *, writing: bool) -> None:
        watched = [self._sock]
        ready = select.select([], watched, [], self._timeout) if writing else select.select(
            watched, [], [], self._timeout)
        if not any(ready):
            raise redis.TimeoutError("Timeout waiting for the state store")

    def close(self) -> None:
        self._connection.disconnect()
