"""The connection to a shared engine (Valkey or Redis, one protocol) holding world state.

Only URLs the redis client understands are taken: ``redis://HOST:PORT/DB``,
``rediss://`` (TLS) and ``unix://PATH?db=N`` for one server, ``redis+cluster://HOST:PORT``
(or ``rediss+cluster://``) for a Redis/Valkey Cluster reached through any one of its nodes.
A lost engine raises :class:`StoreUnavailable`, which every platform renders as its own 503;
there is never a fall-back to memory.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, TypeVar

import redis
from redis.backoff import ExponentialWithJitterBackoff
from redis.cluster import RedisCluster
from redis.exceptions import ClusterDownError, RedisClusterUnreachableError, SlotNotCoveredError
from redis.retry import Retry

from edumock.errors import StoreUnavailable

if TYPE_CHECKING:
    from edumock.world.engine.writer import PipelinedWriter

T = TypeVar("T")
logger = logging.getLogger("edumock.store")
CLUSTER_SCHEMES = ("redis+cluster://", "rediss+cluster://")
SCHEMES = ("redis://", "rediss://", "unix://", *CLUSTER_SCHEMES)
LOST = (redis.ConnectionError, redis.TimeoutError, ClusterDownError,
        RedisClusterUnreachableError, SlotNotCoveredError, OSError)
"""What a lost server (or a cluster with an unserved slot) raises."""
CLUSTER_RETRY = Retry(ExponentialWithJitterBackoff(base=0.02, cap=0.2), retries=3)
"""A command to a lost Cluster node is retried briefly (a moved slot, a node restarting), then
the request answers 503 at once: redis-py's default retries would hold it about 4 s."""
__all__ = ["Engine", "StoreUnavailable", "StoreUrlInvalid", "check_store_url"]


class StoreUrlInvalid(ValueError):
    """A ``--store`` value that names no engine."""


def check_store_url(url: str) -> str:
    """``url`` when it is one the engine client takes; StoreUrlInvalid otherwise."""
    if not url.startswith(SCHEMES):
        raise StoreUrlInvalid(f"--store {url!r}: use redis://HOST:PORT/DB, rediss://... or "
                              "unix://PATH (a Valkey or Redis server), or "
                              "redis+cluster://HOST:PORT (a node of a Cluster)")
    return url


class Engine:
    """One client of the engine, shared by a process's requests (it pools connections)."""

    def __init__(self, url: str, *, timeout: float = 5.0) -> None:
        self.url = check_store_url(url)
        self.cluster = url.startswith(CLUSTER_SCHEMES)
        """A Cluster: each world's keys live on the node owning their hash tag's slot, so
        commands of one world stay on one node and only the global keys live elsewhere."""
        self._timeout = timeout
        self._client: redis.Redis | RedisCluster | None = None
        self._raw_client: redis.Redis | RedisCluster | None = None
        self._scripts: dict[str, Any] = {}
        self._writer: PipelinedWriter | None = None
        if not self.cluster:
            self._client = self._connect(decode=True)

    def _connect(self, *, decode: bool) -> redis.Redis | RedisCluster:
        if not self.cluster:
            return redis.Redis.from_url(
                self.url, decode_responses=decode, socket_timeout=self._timeout,
                socket_connect_timeout=self._timeout, health_check_interval=0)
        try:
            return RedisCluster.from_url(
                self.url.replace("+cluster://", "://", 1), decode_responses=decode,
                socket_timeout=self._timeout, socket_connect_timeout=self._timeout,
                retry=CLUSTER_RETRY)
        except (redis.RedisError, RedisClusterUnreachableError, OSError) as error:
            raise StoreUnavailable(str(error).rstrip(".")) from None

    @property
    def client(self) -> Any:
        """The redis-py client: ``Redis``, or ``RedisCluster``, which routes each command to
        the node owning its keys (made on first use, since it must reach a node to learn the
        slot map). Replies come as text."""
        if self._client is None:
            self._client = self._connect(decode=True)
        return self._client

    @property
    def raw_client(self) -> Any:
        """A client like :attr:`client` whose replies come as bytes, for what is kept
        compressed (journal entries)."""
        if self._raw_client is None:
            self._raw_client = self._connect(decode=False)
        return self._raw_client

    def pipeline(self) -> Any:
        """A pipeline without MULTI; on a Cluster it sends each node its commands."""
        return self.client.pipeline(transaction=False)

    def ping(self) -> None:
        """Reach the engine once; StoreUnavailable (naming the reason) when it cannot be."""
        try:
            self.client.ping()
        except (redis.RedisError, RedisClusterUnreachableError, SlotNotCoveredError,
                OSError) as error:
            raise StoreUnavailable(str(error).rstrip(".")) from None

    def call(self, action: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run one engine call, turning a lost connection into StoreUnavailable."""
        try:
            return action(*args, **kwargs)
        except LOST as error:
            logger.warning("state store %s unreachable: %s", self.url, error)
            raise StoreUnavailable() from None

    def writer(self) -> PipelinedWriter | None:
        """The process's writer for commands whose replies requests await on the event loop
        (None on a Cluster, whose commands go to many nodes)."""
        if self.cluster:
            return None
        if self._writer is None:
            from edumock.world.engine.writer import PipelinedWriter
            self._writer = PipelinedWriter(self.client, LOST)
        return self._writer

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
        if self._writer is not None:
            self._writer.close()
        for client in (self._client, self._raw_client):
            if client is not None:
                client.close()


def engine_instant(seconds: Any, micros: Any) -> datetime:
    """A ``TIME`` reply as an aware UTC instant."""
    return datetime.fromtimestamp(int(seconds) + int(micros) / 1_000_000, UTC)
