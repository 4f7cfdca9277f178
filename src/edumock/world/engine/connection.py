"""The connection to a shared engine (Valkey or Redis, one protocol) holding world state.

Only URLs the redis client understands are taken: ``redis://HOST:PORT/DB``,
``rediss://`` (TLS) and ``unix://PATH?db=N``. A lost engine raises :class:`StoreUnavailable`,
which every platform renders as its own 503; there is never a fall-back to memory.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, TypeVar

import redis

from edumock.errors import StoreUnavailable

T = TypeVar("T")
logger = logging.getLogger("edumock.store")
SCHEMES = ("redis://", "rediss://", "unix://")
__all__ = ["Engine", "StoreUnavailable", "StoreUrlInvalid", "check_store_url"]


class StoreUrlInvalid(ValueError):
    """A ``--store`` value that names no engine."""


def check_store_url(url: str) -> str:
    """``url`` when it is one the engine client takes; StoreUrlInvalid otherwise."""
    if not url.startswith(SCHEMES):
        raise StoreUrlInvalid(f"--store {url!r}: use redis://HOST:PORT/DB, rediss://... or "
                              "unix://PATH (a Valkey or Redis server)")
    return url


class Engine:
    """One client of the engine, shared by a process's requests (it pools connections)."""

    def __init__(self, url: str, *, timeout: float = 5.0) -> None:
        self.url = check_store_url(url)
        self.client: redis.Redis = redis.Redis.from_url(
            url, decode_responses=True, socket_timeout=timeout,
            socket_connect_timeout=timeout, health_check_interval=0)
        self._scripts: dict[str, Any] = {}

    def ping(self) -> None:
        """Reach the engine once; StoreUnavailable (naming the reason) when it cannot be."""
        try:
            self.client.ping()
        except (redis.RedisError, OSError) as error:
            raise StoreUnavailable(str(error).rstrip(".")) from None

    def call(self, action: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run one engine call, turning a lost connection into StoreUnavailable."""
        try:
            return action(*args, **kwargs)
        except (redis.ConnectionError, redis.TimeoutError, OSError) as error:
            logger.warning("state store %s unreachable: %s", self.url, error)
            raise StoreUnavailable() from None

    def script(self, name: str, source: str) -> Any:
        """A registered Lua script (sent by its digest, re-sent if the engine lost it)."""
        if name not in self._scripts:
            self._scripts[name] = self.client.register_script(source)
        return self._scripts[name]

    def now(self) -> datetime:
        """The engine's own clock (``TIME``): the one real time every worker reads."""
        seconds, micros = self.call(self.client.time)
        return engine_instant(seconds, micros)

    def close(self) -> None:
        """Drop the pooled connections."""
        self.client.close()


def engine_instant(seconds: Any, micros: Any) -> datetime:
    """A ``TIME`` reply as an aware UTC instant."""
    return datetime.fromtimestamp(int(seconds) + int(micros) / 1_000_000, UTC)
