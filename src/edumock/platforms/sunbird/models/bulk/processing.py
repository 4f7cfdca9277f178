"""Upload processes on the sandbox clock: queued, then rows applied at a steady rate, then done.

Processes run one after another, like the service's single background
queue: each starts a few seconds after its upload (or when the one before it
finishes) and applies ``upload_rows_per_second`` rows per second of sandbox
time. Nothing runs on a thread: :func:`settle` applies whatever rows are due
by "now" before any Sunbird call reads the state, so a run is deterministic
for a given clock. Rows are read from the kept text one at a time from a
saved offset, in chunks that each commit on their own, and the text is
dropped when its process completes.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from edumock.platforms.sunbird import collections as c
from edumock.platforms.sunbird.models.bulk import location_rows, org_rows, user_rows
from edumock.platforms.sunbird.models.bulk.context import RowContext, RowFailed
from edumock.platforms.sunbird.models.bulk.csvfile import Row, as_row, records
from edumock.world.randomness import SeededRandom
from edumock.world.store import InMemoryStore, Record

LOG = logging.getLogger(__name__)
CHUNK_ROWS = 2000
"""Rows applied per commit: bounds how long one commit holds the store."""

APPLY: dict[str, Callable[[RowContext, Row], Record]] = {
    "user": user_rows.apply, "organisation": org_rows.apply, "location": location_rows.apply}


def schedule(store: InMemoryStore, now: datetime, rows: int) -> tuple[datetime, datetime]:
    """When a new process of ``rows`` rows starts and finishes, behind every earlier one."""
    config = store.get(c.CONFIG, "sunbird") or {}
    start = now + timedelta(seconds=float(config.get("upload_start_seconds", 2)))
    for process in store.values(c.UPLOADS):
        start = max(start, datetime.fromisoformat(process["finishesAt"]))
    rate = float(config.get("upload_rows_per_second", 1000))
    return start, start + timedelta(seconds=math.ceil(rows / rate * 1000) / 1000)


def rows_due(process: Record, now: datetime) -> int:
    """How many of the process's rows should have been applied by ``now``."""
    starts = datetime.fromisoformat(process["startsAt"])
    finishes = datetime.fromisoformat(process["finishesAt"])
    if now >= finishes:
        return int(process["taskCount"])
    if now < starts:
        return 0
    share = (now - starts) / (finishes - starts)
    return min(int(process["taskCount"]), int(share * int(process["taskCount"])))


def _failure(process: Record, row: Row, operation: str | None, message: str) -> Record:
    """A failure entry: the row (a location row with its type) and the message."""
    extra = {"type": process["locationType"]} if process["objectType"] == "location" else {}
    return {**row, **extra, "operation": operation, "err_msg": message}


def _run_chunk(store: InMemoryStore, rng: SeededRandom, now: datetime, process: Record,
               text: str, limit: int) -> Record:
    """Apply up to ``limit`` rows from the saved offset; the updated process record."""
    context = RowContext(store, rng, now, process)
    apply = APPLY[process["objectType"]]
    fields = tuple(process["fields"])
    offset, done = int(process["offset"]), int(process["processedCount"])
    successes: list[Record] = []
    failures: list[Record] = []
    for cells, end in records(text, offset):
        row = as_row(fields, cells)
        try:
            successes.append(apply(context, row))
        except RowFailed as failed:
            failures.append(_failure(process, row, failed.operation, failed.message))
        except Exception:  # a fault of ours must not wedge the queue: the row fails, as upstream
            LOG.exception("upload %s: row %d failed unexpectedly", process["processId"], done)
            failures.append(_failure(process, row, None, "server error"))
        offset, done = end, done + 1
        if done - int(process["processedCount"]) >= limit:
            break
    return {**process, "offset": offset, "processedCount": done,
            "successResult": process["successResult"] + successes,
            "failureResult": process["failureResult"] + failures}


def settle(store: InMemoryStore, rng: SeededRandom, now: datetime) -> None:
    """Apply every row that is due by ``now``, oldest process first."""
    while True:
        with store.transaction():
            process = next((p for p in store.values(c.UPLOADS)
                            if p["processedCount"] < p["taskCount"]), None)
            if process is None:
                return
            due = rows_due(process, now) - int(process["processedCount"])
            if due <= 0:
                return
            source = store.get(c.UPLOAD_FILES, str(process["processId"])) or {"text": ""}
            updated = _run_chunk(store, rng, now, process, source["text"],
                                 min(due, CHUNK_ROWS))
            if updated["processedCount"] == process["processedCount"]:
                updated["processedCount"] = updated["taskCount"]
            if updated["processedCount"] >= updated["taskCount"]:
                store.delete(c.UPLOAD_FILES, str(process["processId"]))
            store.put(c.UPLOADS, str(process["processId"]), updated)


def status(process: Record, now: datetime) -> dict[str, Any]:
    """One process as the status call reports it."""
    if process["processedCount"] >= process["taskCount"]:
        return {"processId": process["processId"], "status": "COMPLETED",
                "message": "Operation is completed.", "objectType": process["objectType"],
                "successResult": process["successResult"],
                "failureResult": process["failureResult"]}
    state = "IN PROGRESS" if now >= datetime.fromisoformat(process["startsAt"]) else "NOT STARTED"
    return {"processId": process["processId"], "status": state,
            "message": f"Operation is {state.lower()}.", "taskCount": process["taskCount"],
            "processedCount": process["processedCount"]}
