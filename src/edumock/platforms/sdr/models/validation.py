"""Validation runs: queued, then in progress, then processed or rejected, on the sandbox clock.

The findings are computed when validation is requested (uploads are refused
while it runs, so the data cannot change underneath it) and revealed when the
run completes. How long each phase takes is set in the fixtures.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from edumock.platforms.sdr.collections import VALIDATIONS
from edumock.platforms.sdr.models.checks import Finding
from edumock.platforms.sdr.models.timefmt import iso, parse_iso
from edumock.world.store import InMemoryStore, Record

RUNNING = frozenset({"Queued", "InProgress"})


def new_run(
    token: Record, findings: list[Finding], now: datetime, queued_seconds: int, run_seconds: int
) -> Record:
    """A validation run requested now."""
    starts = now + timedelta(seconds=queued_seconds)
    return {
        "submissionToken": token["submissionToken"],
        "edumis": token["edumis"],
        "returnId": token["returnId"],
        "dateReceived": iso(now),
        "startsAt": iso(starts),
        "completesAt": iso(starts + timedelta(seconds=run_seconds)),
        "findings": [finding.to_json() for finding in findings],
    }


def status_of(run: Record, now: datetime) -> str:
    """Queued, InProgress, then Processed (no errors) or Rejected (errors found)."""
    if now < parse_iso(run["startsAt"]):
        return "Queued"
    if now < parse_iso(run["completesAt"]):
        return "InProgress"
    has_errors = any(f["severity"] == "Error" for f in run["findings"])
    return "Rejected" if has_errors else "Processed"


def is_running(run: Record, now: datetime) -> bool:
    """Whether the run still blocks its organisation's tokens, uploads and deletes."""
    return status_of(run, now) in RUNNING


def seconds_left(run: Record, now: datetime) -> int:
    """Whole seconds until the run completes (at least 1 while it runs)."""
    remaining = (parse_iso(run["completesAt"]) - now).total_seconds()
    return max(1, int(remaining + 0.999))


def running_for(store: InMemoryStore, edumis: str, now: datetime) -> Record | None:
    """The organisation's running validation, if any."""
    for run in store.find(VALIDATIONS, edumis=edumis):
        if is_running(run, now):
            return run
    return None


def run_view(run: Record, now: datetime) -> dict[str, Any]:
    """The run as ``GET /validation/{token}`` reports it; findings only once complete."""
    status = status_of(run, now)
    complete = status not in RUNNING
    findings = run["findings"] if complete else []
    return {
        "submissionToken": run["submissionToken"],
        "returnId": int(run["returnId"]),
        "status": status,
        "dateReceived": run["dateReceived"],
        "dateStarted": run["startsAt"] if status != "Queued" else None,
        "dateCompleted": run["completesAt"] if complete else None,
        "errorCount": sum(1 for f in findings if f["severity"] == "Error"),
        "warningCount": sum(1 for f in findings if f["severity"] == "Warning"),
        "errors": [f for f in findings if f["severity"] == "Error"],
        "warnings": [f for f in findings if f["severity"] == "Warning"],
    }
