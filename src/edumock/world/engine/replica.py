"""A process's copy of one world, kept in step with the engine.

Before a request the replica asks the engine for the world's versions (one round trip, with
the engine's time) and reloads only the collections another worker changed since. After it,
only the records the request wrote (and the seed, clock, random stream and faults if they
moved) go back, in one atomic script. Reads of whole collections and the derived indexes
therefore stay local, and are rebuilt only when a version moves.
"""

from __future__ import annotations

import time
from typing import Any

import orjson

from edumock.world.engine.connection import Engine, engine_instant
from edumock.world.engine.keys import REGISTRY, WorldKeys
from edumock.world.engine.scripts import COMMIT, NODE_TIME
from edumock.world.store.memory import ChangeSet
from edumock.world.world import World

_DUMP = orjson.OPT_SORT_KEYS
TIME_RESOLUTION = 1.0
"""Seconds between readings of the engine's ``TIME`` by one replica; the world's clock runs on
from the last reading in between (by this process's monotonic clock, never its wall clock)."""
USE_RESOLUTION_MS = 1000
"""A world's last use (for ``--max-worlds`` eviction) is noted at most once a second."""


class Conflict(Exception):
    """Another worker committed (or holds the lease) since this replica read the world."""


class LeaseLost(Exception):
    """The lease ran out before the commit: nothing was written."""


def _field(platform: str, collection: str) -> str:
    return f"{platform}/{collection}"


class Replica:
    """One world as this process last saw it in the engine."""

    def __init__(self, engine: Engine, world: World) -> None:
        self.engine = engine
        self.world = world
        self.keys = WorldKeys(world.name)
        self.known: dict[str, str] = {}
        self._changes: dict[str, ChangeSet] = {}
        self._meta_before: tuple[object, ...] | None = None
        self.last_used_ms = 0
        self._timed_at: float | None = None
        self._noted_use_ms = -USE_RESOLUTION_MS
        self._peeking: Any = None
        """The last version read queued by :meth:`peek`: requests that come in before it
        goes out share it."""

    # -- reading -----------------------------------------------------------
    def sync(self) -> bool:
        """Bring the copy up to date; False when the engine has no such world. One round trip
        when nothing moved (the world's epoch and version), a second to learn which
        collections did when something has."""
        timed = self._time_due()
        pipe = self.engine.pipeline()
        pipe.hmget(self.keys.versions, ["@epoch", "@world"])
        if timed:  # the world's node's clock: a Cluster cannot pipeline TIME, a script can
            pipe.execute_command("EVAL", NODE_TIME, 1, self.keys.versions)
        if self._use_unnoted():  # the registry may live on another node of a Cluster
            pipe.zadd(REGISTRY, {self.world.name: self.last_used_ms}, xx=True)
            self._noted_use_ms = self.last_used_ms
        replies = self.engine.call(pipe.execute)
        if timed:  # between readings the clock runs on from the last one
            now = engine_instant(*replies[1])
            self._timed_at = time.monotonic()
            self.last_used_ms = int(now.timestamp() * 1000)
            self.world.clock.follow(now)
        return self._catch_up(replies[0])

    async def peek(self) -> list[Any] | None:
        """The engine's epoch and version of the world, read without touching the copy (so
        outside the world's turn), awaited on the event loop; None when the next sync must
        also read the engine's time or note the world's use, or cannot be awaited."""
        writer = self.engine.writer()
        if writer is None or self._use_unnoted() or self._time_due():
            return None
        sent = self._peeking
        if sent is None or not writer.unwritten(sent):  # else it goes out after we came in
            fields = ["@epoch", "@world"]
            sent = self._peeking = writer.send(
                ("HMGET", self.keys.versions, *fields),
                lambda: self.engine.client.hmget(self.keys.versions, fields))
        return list(await writer.settle(sent))

    async def sync_async(self, peeked: list[Any] | None = None) -> bool:
        """:meth:`sync`, trusting ``peeked`` (what :meth:`peek` read since the request came
        in) when the copy is already at that version, and otherwise awaiting the engine on
        the event loop where it can."""
        if peeked is not None and peeked[0] is not None and peeked == [
                self.known.get("@epoch"), self.known.get("@world")]:
            return True
        versions = await self.peek()
        return self.sync() if versions is None else self._catch_up(versions)

    def _time_due(self) -> bool:
        """The engine's ``TIME`` is to be read again (never read, or a second ago)."""
        return self._timed_at is None or time.monotonic() - self._timed_at >= TIME_RESOLUTION

    def _use_unnoted(self) -> bool:
        return bool(self.last_used_ms) and (self.last_used_ms - self._noted_use_ms
                                            >= USE_RESOLUTION_MS)

    def _catch_up(self, versions_now: list[Any]) -> bool:
        """Reload what moved since the versions this copy knows (``versions_now`` is the
        engine's epoch and world version)."""
        epoch, version = versions_now
        if epoch is None:
            return False
        if epoch == self.known.get("@epoch") and version == self.known.get("@world"):
            return True
        read: dict[Any, Any] = self.engine.call(self.engine.client.hgetall, self.keys.versions)
        versions = {str(k): str(v) for k, v in read.items()}
        if not versions:
            return False
        fresh = versions.get("@epoch") != self.known.get("@epoch")
        stale = [f for f in versions if f[0] not in "@#" and (fresh or versions[f] !=
                                                              self.known.get(f))]
        meta = fresh or versions.get("@meta") != self.known.get("@meta")
        if stale or meta:
            self._load(stale, meta)
        self.known = versions
        return True

    def _load(self, fields: list[str], meta: bool) -> None:
        pipe = self.engine.pipeline()
        for field in fields:
            pipe.zrange(self.keys.order(field), 0, -1)
            pipe.hgetall(self.keys.records(field))
        if meta:
            pipe.hget(self.keys.meta, "state")
        replies = self.engine.call(pipe.execute)
        for index, field in enumerate(fields):
            order, records = replies[2 * index], replies[2 * index + 1]
            platform, collection = field.split("/", 1)
            store = self.world.stores.get(platform)
            if store is not None:
                store.load_collection(collection, {key: orjson.loads(records[key])
                                                   for key in order if key in records})
        if meta and replies[-1]:
            self.world.take_meta_state(orjson.loads(replies[-1]))

    def forget(self) -> None:
        """Distrust the copy: the next :meth:`sync` reloads everything."""
        self.known = {}

    # -- writing -----------------------------------------------------------
    def begin(self) -> None:
        """Start noting what the request changes."""
        self._changes = {name: store.track() for name, store in self.world.stores.items()}
        self._meta_before = self.world.meta_fingerprint()

    def commit(self, token: str | None) -> None:
        """Send what changed since :meth:`begin` (nothing when nothing did). With ``token``
        the commit needs the lease; without, it needs nobody to have written since the read
        and nobody to hold the lease (Conflict otherwise)."""
        collections = [(name, collection, changes)
                       for name, changes in self._changes.items()
                       for collection in {*changes.keys, *changes.reordered, *changes.replaced}]
        meta_moved = self.world.meta_fingerprint() != self._meta_before
        if not collections and not meta_moved:
            return
        plan: dict[str, Any] = {"epoch": self.known.get("@epoch", "")}
        if token is not None:
            plan["token"] = token
        else:
            plan["expected"] = self.known.get("@world", "")
        if meta_moved:
            plan["meta"] = orjson.dumps(self.world.meta_state(), option=_DUMP).decode()
        keys = [self.keys.versions, self.keys.lock, self.keys.meta]
        plan["collections"] = [self._collection_plan(name, collection, changes, keys)
                               for name, collection, changes in collections]
        self._apply(plan, keys)

    def _collection_plan(self, platform: str, collection: str, changes: ChangeSet,
                         keys: list[str]) -> dict[str, Any]:
        store = self.world.stores[platform]
        field = _field(platform, collection)
        keys += [self.keys.records(field), self.keys.order(field)]
        plan: dict[str, Any] = {"f": field, "r": len(keys) - 1, "o": len(keys), "gone": []}
        records = store.dump_collection(collection)
        if collection in changes.replaced:
            plan.update(full=True, put=[[k, orjson.dumps(v).decode()] for k, v in
                                        records.items()])
        else:
            written = changes.keys.get(collection, {})
            plan["put"] = [[k, orjson.dumps(records[k]).decode()] for k in written
                           if k in records]
            plan["gone"] = [k for k in written if k not in records]
        if collection in changes.replaced or collection in changes.reordered:
            plan["order"] = list(records)
        return plan

    def _apply(self, plan: dict[str, Any], keys: list[str]) -> None:
        script = self.engine.script("commit", COMMIT)
        reply = self.engine.call(script, keys=keys, args=[orjson.dumps(plan).decode()])
        if reply[0] == "lost":
            raise LeaseLost()
        if reply[0] == "conflict":
            raise Conflict()
        changed = dict(zip(reply[1::2], (str(v) for v in reply[2::2]), strict=True))
        self.known.update(changed)
        if "wipe" in plan:
            self.known = {"@epoch": plan["epoch"], **changed}

    def publish(self, token: str, field_names: list[str], *, keep_journal: bool = False
                ) -> None:
        """Write the whole world (made from its seed, or reset) in place of whatever the
        engine held under its name, as a new epoch; its journal and coverage counts go too
        unless ``keep_journal``."""
        for store in self.world.stores.values():
            store.dump()  # a deferred fill runs now, before tracking starts
        self._changes = {name: store.track() for name, store in self.world.stores.items()}
        for name, store in self.world.stores.items():
            self._changes[name].replaced.update(store.counts())
        self._meta_before = None
        epoch = str(self.engine.call(self.engine.client.incr, self.keys.fence))
        keys = [self.keys.versions, self.keys.lock, self.keys.meta]
        collections = [self._collection_plan(name, collection, self._changes[name], keys)
                       for name, store in self.world.stores.items()
                       for collection in store.counts()]
        kept = {keys[0], keys[2], *(self.keys.observed() if keep_journal else ())}
        wipe = [k for k in self.keys.all(field_names) if k not in kept]
        plan = {"epoch": epoch, "token": token, "wipe": wipe, "collections": collections,
                "meta": orjson.dumps(self.world.meta_state(), option=_DUMP).decode()}
        self._apply(plan, keys + [k for k in wipe if k not in keys])
